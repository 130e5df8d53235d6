/**
 * Turns mysql2's answer to one statement into the core's {@link StatementResult}: `[rows, fields]` for a
 * statement that returns a result set, `[ResultSetHeader, undefined]` for the others. The core's pool gets it
 * from mysql2 directly; ORMs hand it over untouched from their raw-query APIs (Knex's `raw`, for instance).
 */
import type { Row, StatementResult } from './executor.js';

interface FieldPacket {
  readonly name: string;
}

interface ResultSetHeader {
  readonly affectedRows?: number;
  readonly insertId?: number | string;
  readonly warningStatus?: number;
}

function isFieldList(value: unknown): value is readonly FieldPacket[] {
  return (
    Array.isArray(value) &&
    value.every((field) => typeof field === 'object' && field !== null && typeof field.name === 'string')
  );
}

/**
 * Converts one mysql2 response (`[payload, fields]`, or the payload alone) into a statement result. An
 * `insertId` of 0 means "no id" and is left out.
 *
 * @example
 * const result = statementResultOf(await knex.raw('SELECT 1 AS one')); // { rows: [{ one: 1 }], columns: ['one'], … }
 */
export function statementResultOf<R = Row>(response: unknown): StatementResult<R> {
  const [payload, fields] = Array.isArray(response) ? response : [response, undefined];
  if (Array.isArray(payload)) {
    return {
      rows: payload as R[],
      columns: isFieldList(fields) ? fields.map((field) => field.name) : [],
      affectedRows: 0,
    };
  }
  const header: ResultSetHeader = typeof payload === 'object' && payload !== null ? payload : {};
  const insertId = header.insertId;
  return {
    rows: [],
    columns: [],
    affectedRows: header.affectedRows ?? 0,
    ...(insertId !== undefined && insertId !== 0 && insertId !== '0' && { insertId }),
    ...(header.warningStatus !== undefined &&
      header.warningStatus > 0 && { warningCount: header.warningStatus }),
  };
}
