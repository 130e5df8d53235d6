/**
 * Runs one SDK statement through a TypeORM `QueryRunner` and turns TypeORM's answer into the core
 * `StatementResult`. Going through `queryRunner.query` (rather than the raw mysql2 connection) keeps TypeORM's
 * logger and query subscribers seeing the SDK's statements like any other.
 *
 * TypeORM has no per-statement timeout (only `maxQueryExecutionTime` with `enableQueryTimeout`, for every query
 * of the DataSource), so the adapter's `queryTimeoutMs` is a timer: when it fires first, the runner's mysql2
 * connection is destroyed, which takes it out of TypeORM's pool and ends its transaction (the server rolls it
 * back when the connection closes; TypeORM's COMMIT or ROLLBACK then fails at once instead of waiting).
 */
import { type Row, type Statement, type StatementResult, toMatrixOneError } from '@matrixone/core';
import type { QueryRunner } from 'typeorm';

/** mysql2's answer to a statement without a result set (INSERT, UPDATE, DDL, SET, …). */
interface ResultHeader {
  readonly affectedRows?: unknown;
  readonly insertId?: unknown;
}

/** What `queryRunner.connect()` resolves to for the mysql driver: a pooled mysql2 connection. */
interface DestroyableConnection {
  destroy(): void;
}

/**
 * Runs `statement` on `queryRunner`, limited to `queryTimeoutMs` when given. Errors (TypeORM's
 * `QueryFailedError` wrapping mysql2's) become core errors with the server's errno, SQLSTATE and message kept;
 * a statement that ran out of time fails with `TimeoutError`.
 */
export async function runOnQueryRunner<R = Row>(
  queryRunner: QueryRunner,
  statement: Statement,
  queryTimeoutMs?: number,
): Promise<StatementResult<R>> {
  let raw: unknown;
  try {
    // The connection is taken before the statement starts, so a failed connect cannot leave it unobserved.
    const connection: unknown = queryTimeoutMs === undefined ? undefined : await queryRunner.connect();
    const query = queryRunner.query(statement.sql, boundValues(statement), true);
    const result = await (queryTimeoutMs === undefined
      ? query
      : withTimeout(query, queryTimeoutMs, connection));
    raw = result.raw;
  } catch (error) {
    throw toMatrixOneError(error, statement);
  }
  return toStatementResult<R>(raw);
}

/**
 * Settles like `query`, unless `timeoutMs` passes first: then `connection` is destroyed and the result is a
 * mysql2-style query timeout (`PROTOCOL_SEQUENCE_TIMEOUT`), which the core maps to `TimeoutError`.
 */
async function withTimeout<T>(query: Promise<T>, timeoutMs: number, connection: unknown): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      if (isDestroyable(connection)) connection.destroy();
      reject(
        Object.assign(new Error(`The statement did not finish within queryTimeoutMs (${timeoutMs} ms)`), {
          code: 'PROTOCOL_SEQUENCE_TIMEOUT',
        }),
      );
    }, timeoutMs);
  });
  try {
    return await Promise.race([query, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function isDestroyable(connection: unknown): connection is DestroyableConnection {
  return (
    typeof connection === 'object' &&
    connection !== null &&
    typeof (connection as Partial<DestroyableConnection>).destroy === 'function'
  );
}

/**
 * The values to hand TypeORM: a mutable copy, or `undefined` for a statement without placeholders so that mysql2
 * sends the text untouched (it only substitutes `?` when values are given).
 */
export function boundValues(statement: Statement): unknown[] | undefined {
  return statement.values === undefined ? undefined : [...statement.values];
}

/**
 * TypeORM hands back mysql2's raw answer: an array of row objects for a query, a result header otherwise.
 * Column names come from the first row's keys (TypeORM drops mysql2's field list), so an empty result set
 * reports no columns.
 */
function toStatementResult<R>(raw: unknown): StatementResult<R> {
  if (Array.isArray(raw)) {
    const rows = raw as R[];
    const first: unknown = raw[0];
    const columns = typeof first === 'object' && first !== null ? Object.keys(first) : [];
    return { rows, columns, affectedRows: 0 };
  }
  const header = (typeof raw === 'object' && raw !== null ? raw : {}) as ResultHeader;
  const affectedRows = typeof header.affectedRows === 'number' ? header.affectedRows : 0;
  const insertId = header.insertId;
  if ((typeof insertId === 'number' && insertId > 0) || (typeof insertId === 'string' && insertId !== '0')) {
    return { rows: [], columns: [], affectedRows, insertId };
  }
  return { rows: [], columns: [], affectedRows };
}
