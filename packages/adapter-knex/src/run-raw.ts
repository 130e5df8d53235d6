import { type Row, type Statement, type StatementResult, toMatrixOneError } from '@matrixone/core';
import type { Knex } from 'knex';
import { toStatementResult } from './raw-result.js';

/** What the adapter needs of the mysql2 connection Knex hands out. */
interface DestroyableConnection {
  destroy(): void;
}

/**
 * Runs one statement through `knex.raw` on a Knex instance or transaction and maps any failure to the core's
 * typed error. Without values the SQL goes to the server untouched, so a `?` inside a string literal of a
 * value-free statement is never taken for a placeholder. With `queryTimeoutMs`, see {@link runRawWithTimeout}.
 */
export async function runRaw<R = Row>(
  runner: Knex | Knex.Transaction,
  statement: Statement,
  queryTimeoutMs?: number,
): Promise<StatementResult<R>> {
  try {
    const response: unknown =
      queryTimeoutMs === undefined
        ? await rawQuery(runner, statement)
        : await runRawWithTimeout(runner, statement, queryTimeoutMs);
    return toStatementResult<R>(response);
  } catch (error) {
    throw toMatrixOneError(error, statement);
  }
}

/** `runner.raw(sql)` or `runner.raw(sql, values)`. */
export function rawQuery(runner: Knex | Knex.Transaction, statement: Statement): Knex.Raw {
  const values = statement.values ?? [];
  return values.length === 0
    ? runner.raw(statement.sql)
    : runner.raw(statement.sql, [...values] as Knex.RawBinding[]);
}

/**
 * Runs the statement with mysql2's per-statement `timeout` on the connection the runner uses (a pooled one, or
 * the transaction's own). mysql2 gives up waiting when it fires but keeps the statement's answer due on that
 * connection, so the connection is destroyed: Knex's pool then discards it, and a transaction on it can no
 * longer COMMIT (the server rolls it back when the connection closes).
 */
async function runRawWithTimeout(
  runner: Knex | Knex.Transaction,
  statement: Statement,
  queryTimeoutMs: number,
): Promise<unknown> {
  const connection: unknown = await runner.client.acquireConnection();
  try {
    return await rawQuery(runner, statement).connection(connection).options({ timeout: queryTimeoutMs });
  } catch (error) {
    if (isQueryTimeout(error) && isDestroyable(connection)) connection.destroy();
    throw error;
  } finally {
    await runner.client.releaseConnection(connection);
  }
}

function isQueryTimeout(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === 'PROTOCOL_SEQUENCE_TIMEOUT'
  );
}

function isDestroyable(connection: unknown): connection is DestroyableConnection {
  return (
    typeof connection === 'object' &&
    connection !== null &&
    typeof (connection as Partial<DestroyableConnection>).destroy === 'function'
  );
}
