/**
 * Turns what `knex.raw()` returns on the mysql2 dialect into the core's `StatementResult`.
 * Knex hands back mysql2's untouched response for raw queries: `[rows, fields]` for statements that return
 * a result set, `[ResultSetHeader, undefined]` for the others.
 */
import type { Row, StatementResult } from '@matrixone/core';

interface FieldPacket {
  readonly name: string;
}

interface ResultSetHeader {
  readonly affectedRows?: number;
  readonly insertId?: number | string;
}

function isFieldList(value: unknown): value is readonly FieldPacket[] {
  return (
    Array.isArray(value) &&
    value.every((field) => typeof field === 'object' && field !== null && typeof field.name === 'string')
  );
}

/** Converts one raw mysql2 response (as Knex returns it) into a statement result. */
export function toStatementResult<R = Row>(response: unknown): StatementResult<R> {
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
    ...(insertId !== undefined && insertId !== 0 && insertId !== '0' ? { insertId } : {}),
  };
}
