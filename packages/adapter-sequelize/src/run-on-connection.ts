/**
 * Runs one SDK statement on a driver connection that Sequelize manages: the one a transaction pinned, or one
 * checked out of Sequelize's pool.
 *
 * Statements go to the mysql2 connection itself rather than through `sequelize.query`: mysql2 binds the
 * `?` values exactly as the core client does (Sequelize's replacements skip a `?` that follows `<`, `+` or
 * `-` and reject `undefined`), it reports column names even for empty results, values are decoded as the
 * core client decodes them (`sdk-query-options.ts`), and Sequelize does not log the statement with its values
 * inlined. Errors are mysql2's and map straight to the SDK's typed errors.
 *
 * With the adapter's `queryTimeoutMs`, mysql2 gives up on a statement after that long but keeps its answer due
 * on the connection; the connection is then destroyed, so Sequelize's pool discards it (its validation sees it
 * closing) and a transaction on it cannot COMMIT any more (the server rolls it back when the connection closes).
 */
import {
  ConfigurationError,
  type Row,
  type Statement,
  type StatementResult,
  toMatrixOneError,
} from '@matrixone/core';
import { type SdkQueryOptions, sdkQueryOptions } from './sdk-query-options.js';

/** What the adapter needs of mysql2's callback connection (the object Sequelize's mysql dialect pools). */
interface CallbackConnection {
  query(
    options: SdkQueryOptions,
    callback: (error: Error | null, result: unknown, fields: unknown) => void,
  ): unknown;
  /** Closes the socket at once (mysql2's connections have it; the guard below does not require it). */
  destroy?(): void;
}

/** The header mysql2 returns for statements without a result set. */
interface ResultHeader {
  readonly affectedRows?: unknown;
  readonly insertId?: unknown;
}

function isCallbackConnection(connection: unknown): connection is CallbackConnection {
  return (
    typeof connection === 'object' &&
    connection !== null &&
    typeof (connection as Partial<CallbackConnection>).query === 'function'
  );
}

function columnNames(fields: unknown): string[] {
  if (!Array.isArray(fields)) return [];
  return fields.flatMap((field: unknown) => {
    const name = typeof field === 'object' && field !== null ? (field as { name?: unknown }).name : undefined;
    return typeof name === 'string' ? [name] : [];
  });
}

function toStatementResult<R>(result: unknown, fields: unknown): StatementResult<R> {
  if (Array.isArray(result)) {
    return { rows: result as R[], columns: columnNames(fields), affectedRows: 0 };
  }
  const header = (typeof result === 'object' && result !== null ? result : {}) as ResultHeader;
  const affectedRows = typeof header.affectedRows === 'number' ? header.affectedRows : 0;
  const insertId = header.insertId;
  const hasInsertId = (typeof insertId === 'number' && insertId !== 0) || typeof insertId === 'string';
  return {
    rows: [],
    columns: [],
    affectedRows,
    ...(hasInsertId && { insertId: insertId as number | string }),
  };
}

function isQueryTimeout(error: Error): boolean {
  return (error as { code?: unknown }).code === 'PROTOCOL_SEQUENCE_TIMEOUT';
}

/**
 * Sends `statement` on `connection` with its values bound by mysql2, limited to `queryTimeoutMs` when given;
 * any failure is thrown as the SDK's typed error, with the server's errno, SQLSTATE and message kept.
 */
export function runOnConnection<R = Row>(
  connection: unknown,
  statement: Statement,
  queryTimeoutMs?: number,
): Promise<StatementResult<R>> {
  if (!isCallbackConnection(connection)) {
    return Promise.reject(
      new ConfigurationError(
        'dialect',
        'the Sequelize connection is not a mysql2 connection: create Sequelize with `dialect: "mysql"`.',
      ),
    );
  }
  return new Promise((resolve, reject) => {
    connection.query(sdkQueryOptions(statement, queryTimeoutMs), (error, result, fields) => {
      if (!error) {
        resolve(toStatementResult<R>(result, fields));
        return;
      }
      if (isQueryTimeout(error)) connection.destroy?.();
      reject(toMatrixOneError(error, statement));
    });
  });
}
