/**
 * The first id of an INSERT on MatrixOne, from what its OK packet reported. For a multi-row INSERT MatrixOne
 * reports the **last** generated id where MySQL and MariaDB report the first; for an `INSERT … ON DUPLICATE KEY
 * UPDATE` that updated a row it reports a fresh, unused auto-increment value (both observed on MatrixOne 4.2.0;
 * docs/matrixone-facts.md).
 */
import { type InsertStatementKind, insertStatementKind } from './insert-statement-kind.js';
import type { SqlToken } from './matrixone/sql-tokens.js';

/** An insert id as mysql2 hands it over: a number, or a string with `supportBigNumbers`/`bigNumberStrings`. */
export type InsertId = number | string;

/** What the first id of a statement is, given what MatrixOne reported. */
export type FirstInsertId =
  /** The reported id is already the first one (one row, or not an INSERT). */
  | { readonly kind: 'as-reported' }
  /** The first id, worked out from the reported last one. */
  | { readonly kind: 'corrected'; readonly id: InsertId }
  /** The first id cannot be known from the answer; `reason` says why, for error messages. */
  | { readonly kind: 'unknown'; readonly reason: string };

/** What MatrixOne answered to one statement. */
export interface MatrixOneInsertAnswer {
  readonly sql: string;
  /** The tokens of `sql`, when already cut. */
  readonly tokens?: readonly SqlToken[];
  readonly affectedRows: number;
  /** The OK packet's last-insert-id (0 when the statement generated none). */
  readonly insertId: InsertId;
  /** The session's `@@auto_increment_increment`, or `undefined` when it could not be read. */
  readonly increment: number | undefined;
}

const AS_REPORTED: FirstInsertId = { kind: 'as-reported' };

/**
 * The first id of the statement: for a multi-row `INSERT … VALUES`, `reported − (affectedRows − 1) × increment`
 * (its rows got consecutive ids, `increment` apart, the last one reported). Where the answer does not say how
 * many ids the statement generated (`ON DUPLICATE KEY UPDATE` that did more than insert one row, `INSERT
 * IGNORE`, `REPLACE`, `INSERT … SELECT` of several rows), the first id is unknown.
 */
export function firstInsertIdOnMatrixOne(answer: MatrixOneInsertAnswer): FirstInsertId {
  const { affectedRows, insertId, increment } = answer;
  if (insertId === 0 || insertId === '0') return AS_REPORTED;
  const kind: InsertStatementKind = insertStatementKind(answer.sql, answer.tokens);
  if (kind === 'not-insert') return AS_REPORTED;
  if (kind === 'upsert') {
    // affectedRows 1 is one inserted row; 2 is an updated row (its reported id is a fresh, unused value) or two
    // inserted rows, which the answer cannot tell apart.
    return affectedRows === 1
      ? AS_REPORTED
      : unknown('an INSERT … ON DUPLICATE KEY UPDATE that did not just insert one row');
  }
  if (affectedRows <= 1) return AS_REPORTED;
  if (kind === 'other-insert') {
    return unknown(
      `a ${affectedRows}-row INSERT IGNORE, REPLACE or INSERT … SELECT (the affected rows do not count the ids it generated)`,
    );
  }
  if (increment === undefined)
    return unknown('@@auto_increment_increment could not be read on this connection');
  const step = BigInt(increment) * BigInt(affectedRows - 1);
  const first = BigInt(insertId) - step;
  return { kind: 'corrected', id: typeof insertId === 'string' ? first.toString() : Number(first) };
}

function unknown(reason: string): FirstInsertId {
  return { kind: 'unknown', reason };
}
