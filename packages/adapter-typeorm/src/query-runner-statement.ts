/**
 * Runs one SDK statement through a TypeORM `QueryRunner` and turns TypeORM's answer into the core
 * `StatementResult`. Going through `queryRunner.query` (rather than the raw mysql2 connection) keeps TypeORM's
 * logger and query subscribers seeing the SDK's statements like any other.
 */
import { type Row, type Statement, type StatementResult, toMatrixOneError } from '@matrixone/core';
import type { QueryRunner } from 'typeorm';

/** mysql2's answer to a statement without a result set (INSERT, UPDATE, DDL, SET, …). */
interface ResultHeader {
  readonly affectedRows?: unknown;
  readonly insertId?: unknown;
}

/**
 * Runs `statement` on `queryRunner`. Errors (TypeORM's `QueryFailedError` wrapping mysql2's) become core errors
 * with the server's errno, SQLSTATE and message kept.
 */
export async function runOnQueryRunner<R = Row>(
  queryRunner: QueryRunner,
  statement: Statement,
): Promise<StatementResult<R>> {
  let raw: unknown;
  try {
    const result = await queryRunner.query(statement.sql, boundValues(statement), true);
    raw = result.raw;
  } catch (error) {
    throw toMatrixOneError(error, statement);
  }
  return toStatementResult<R>(raw);
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
