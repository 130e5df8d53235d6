/**
 * How many bytes a bound value takes once the driver has put it into the statement text. mysql2's `query()`
 * (the text protocol the core uses) escapes values on the client, so a multi-row INSERT travels as one SQL
 * text and must fit the server's `max_allowed_packet`. The figures are upper bounds of mysql2's escaping.
 */
import { InvalidInputError } from '../errors/errors.js';

/** `'YYYY-MM-DD HH:MM:SS.mmm'` is 25 bytes; the margin covers a time-zone suffix. */
const DATE_BYTES = 32;

/**
 * The encoded size of one value in bytes. Values mysql2 would turn into something other than one SQL value
 * (arrays, plain objects) are refused with an {@link InvalidInputError}.
 */
export function encodedSize(value: unknown, column: string): number {
  switch (typeof value) {
    case 'string':
      return stringSize(value);
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

/**
 * UTF-8 bytes of `text` plus one byte for every character mysql2 escapes with a backslash, plus the two quotes.
 * One pass over the string: this runs for every string value of a bulk load.
 */
function stringSize(text: string): number {
  let bytes = 2;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += isEscaped(code) ? 2 : 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(index + 1))) {
      bytes += 4;
      index += 1;
    } else bytes += 3; // lone surrogates are sent as U+FFFD, three bytes
  }
  return bytes;
}

/** NUL, backspace, tab, newline, carriage return, Ctrl-Z, `"`, `'` and `\`: what mysql2 backslash-escapes. */
function isEscaped(code: number): boolean {
  return (
    code === 0x22 ||
    code === 0x27 ||
    code === 0x5c ||
    code === 0x00 ||
    code === 0x08 ||
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    code === 0x1a
  );
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
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
