/**
 * A {@link ManagerContext} over one real mysql2 connection, for manager tests that need a live server but not
 * the full client: statements run through `connection.query` (mysql2 interpolates `?` values client-side,
 * as the client does), results are mapped to {@link StatementResult}, failures to the SDK's typed errors.
 */
import type { Connection, FieldPacket, ResultSetHeader } from 'mysql2/promise';
import type { Executor, Row, Statement, StatementResult } from '../../src/connection/executor.js';
import { correctInsertIds } from '../../src/connection/matrixone-insert-ids.js';
import { toMatrixOneError } from '../../src/errors/map-driver-error.js';
import type { ManagerContext } from '../../src/managers/manager-context.js';
import { type ServerInfo, parseServerVersion } from '../../src/server/server-info.js';

/** Options of {@link mysqlContext}. */
export interface MysqlContextOptions {
  /** Report statements as running inside a transaction (the caller opened one on the connection). */
  readonly inTransaction?: boolean;
  /** Called with every statement before it is sent. */
  readonly onStatement?: (statement: Statement) => void;
}

/** Runs statements on one mysql2 connection; `insertId` is the first id on MatrixOne too, as in the client. */
export function mysqlExecutor(connection: Connection, options: MysqlContextOptions = {}): Executor {
  correctInsertIds(connection);
  return {
    inTransaction: options.inTransaction ?? false,
    async run<R = Row>(statement: Statement): Promise<StatementResult<R>> {
      options.onStatement?.(statement);
      try {
        const [result, fields] = await connection.query(statement.sql, [...(statement.values ?? [])]);
        return toStatementResult<R>(result, fields);
      } catch (error) {
        throw toMatrixOneError(error, statement);
      }
    },
  };
}

/** A manager context over one mysql2 connection; the server is detected once from `SELECT version()`. */
export function mysqlContext(connection: Connection, options: MysqlContextOptions = {}): ManagerContext {
  const executor = mysqlExecutor(connection, options);
  let detected: Promise<ServerInfo> | undefined;
  return {
    executor,
    serverInfo() {
      detected ??= executor
        .run<{ v: string }>({ sql: 'SELECT version() AS v' })
        .then((result) => parseServerVersion(String(result.rows[0]?.v ?? '')));
      return detected;
    },
  };
}

function toStatementResult<R>(result: unknown, fields: FieldPacket[] | undefined): StatementResult<R> {
  if (Array.isArray(result)) {
    return {
      rows: result as R[],
      columns: (fields ?? []).map((field) => field.name),
      affectedRows: 0,
    };
  }
  const header = result as ResultSetHeader;
  return {
    rows: [],
    columns: [],
    affectedRows: header.affectedRows ?? 0,
    ...(header.insertId ? { insertId: header.insertId } : {}),
  };
}
