/**
 * How many bytes a bound value takes once the driver has put it into the statement text. mysql2's `query()`
 * (the text protocol the core uses) escapes values on the client, so a multi-row INSERT travels as one SQL
 * text and must fit the server's `max_allowed_packet`. The figures are upper bounds of mysql2's escaping.
 */
import { InvalidInputError } from '../errors/errors.js';

/**
 * Character codes mysql2 escapes with a backslash inside a string literal (each then takes one more byte):
 * NUL, backspace, tab, newline, carriage return, Ctrl-Z, `"`, `'` and `\`.
 */
const ESCAPED = new Set([0x00, 0x08, 0x09, 0x0a, 0x0d, 0x1a, 0x22, 0x27, 0x5c]);
/** `'YYYY-MM-DD HH:MM:SS.mmm'` is 25 bytes; the margin covers a time-zone suffix. */
const DATE_BYTES = 32;

/**
 * The encoded size of one value in bytes. Values mysql2 would turn into something other than one SQL value
 * (arrays, plain objects) are refused with an {@link InvalidInputError}.
 */
export function encodedSize(value: unknown, column: string): number {
  switch (typeof value) {
    case 'string':
      return Buffer.byteLength(value, 'utf8') + escapedCount(value) + 2;
    case 'number':
    case 'bigint':
      return String(value).length;
    case 'boolean':
      return 5;
    case 'undefined':
      return 4;
    case 'object':
      return objectSize(value, column);
    default:
      throw new InvalidInputError(column, `Column ${column} got a ${typeof value}, which cannot be bound.`);
  }
}

function escapedCount(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index += 1) {
    if (ESCAPED.has(text.charCodeAt(index))) count += 1;
  }
  return count;
}

function objectSize(value: object | null, column: string): number {
  if (value === null) return 4;
  if (value instanceof Date) return DATE_BYTES;
  if (value instanceof Uint8Array) return value.byteLength * 2 + 3;
  const toSqlString = (value as { toSqlString?: unknown }).toSqlString;
  if (typeof toSqlString === 'function') return Buffer.byteLength(String(toSqlString.call(value)), 'utf8');
  throw new InvalidInputError(
    column,
    `Column ${column} got ${Array.isArray(value) ? 'an array' : 'an object'}, which the driver would expand ` +
      'into several SQL values; pass JSON.stringify(value) for a JSON column.',
  );
}
