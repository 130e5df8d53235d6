import { type Row, type Statement, type StatementResult, toMatrixOneError } from '@matrixone/core';
import type { Knex } from 'knex';
import { toStatementResult } from './raw-result.js';

/**
 * Runs one statement through `knex.raw` on a Knex instance or transaction and maps any failure to the core's
 * typed error. Without values the SQL goes to the server untouched, so a `?` inside a string literal of a
 * value-free statement is never taken for a placeholder.
 */
export async function runRaw<R = Row>(
  runner: Knex | Knex.Transaction,
  statement: Statement,
): Promise<StatementResult<R>> {
  const values = statement.values ?? [];
  try {
    const response: unknown =
      values.length === 0
        ? await runner.raw(statement.sql)
        : await runner.raw(statement.sql, [...values] as Knex.RawBinding[]);
    return toStatementResult<R>(response);
  } catch (error) {
    throw toMatrixOneError(error, statement);
  }
}
