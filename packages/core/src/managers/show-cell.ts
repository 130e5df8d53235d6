/**
 * Readers for one cell of a SHOW or catalog result row, shared by the publication, account and PITR row parsers. A cell may
 * arrive as the server's text, a number, a `Date` (when the driver converts TIMESTAMP columns) or SQL NULL;
 * recorded results print NULL as the text `null` or `NULL`, which the caller turns into `null` first.
 */
import type { Row } from '../connection/executor.js';
import { ServerError } from '../errors/errors.js';

/** Reads a column that must be present in the row; throws {@link ServerError} when the server left it out. */
export function requiredCell(row: Row, column: string, statement: string): unknown {
  if (!(column in row)) {
    throw new ServerError(
      `${statement} returned no "${column}" column; this MatrixOne version's output is not supported.`,
    );
  }
  return row[column];
}

/** A cell as text; `undefined` for SQL NULL. */
export function textCell(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return localDateTimeText(value);
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return String(value);
}

/** A cell as a number; `undefined` for SQL NULL or text that is not a number. */
export function numberCell(value: unknown): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const number = typeof value === 'number' ? value : Number(textCell(value));
  return Number.isFinite(number) ? number : undefined;
}

/** A comma-separated list cell (`a1,a2`); empty or NULL gives an empty list. */
export function listCell(value: unknown): string[] {
  const text = textCell(value);
  if (text === undefined || text.trim() === '') return [];
  return text.split(',').map((item) => item.trim());
}

/**
 * A TIMESTAMP the driver turned into a `Date` is printed back as `YYYY-MM-DD HH:MM:SS` with local-time
 * getters: mysql2 builds such Dates by reading the server's text in the local zone, so this restores it.
 */
function localDateTimeText(date: Date): string {
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  const text =
    `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  const millis = date.getMilliseconds();
  return millis === 0 ? text : `${text}.${pad(millis, 3).replace(/0+$/, '')}`;
}

/**
 * A BOOL cell: MatrixOne may send it as a number, the text `true`/`false` or `1`/`0`, or a BIT byte; `undefined`
 * for SQL NULL or anything else.
 */
export function booleanCell(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  // A BIT(1) column arrives from mysql2 as a one-byte Buffer.
  if (Buffer.isBuffer(value) && value.length === 1) return value[0] !== 0;
  const text = textCell(value)?.trim().toLowerCase();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return undefined;
}
