/**
 * Turns result rows into CSV or JSON-lines text for the streaming export. The CSV follows what MatrixOne writes
 * for `INTO OUTFILE` (observed on MatrixOne 4.2.0): a header line of column names (bare, as the server writes them), `,` separators, every string
 * enclosed in `"` with `""` inside, numbers bare, NULL as `\N`, LF line ends — so a streamed file loads back with
 * `loading.load(…, { enclosedBy: '"', ignoreLines: 1 })` as the server's own export does. JSON lines keep the
 * columns in result order (MatrixOne's own export sorts the keys).
 */
import { InvalidInputError } from '../../errors/errors.js';

/** Options of the streaming export's text format. */
export interface RowEncodingOptions {
  /** `csv` (default) or `jsonline`. */
  readonly format?: 'csv' | 'jsonline';
  /** CSV: write a header line of column names first (default `true`). */
  readonly header?: boolean;
  /** CSV: the field separator (default `,`). */
  readonly fieldsTerminatedBy?: string;
  /** CSV: the one character strings are enclosed in (default `"`). */
  readonly enclosedBy?: string;
  /** The line terminator (default `\n`). */
  readonly linesTerminatedBy?: string;
  /** CSV: the text written for SQL NULL (default `\N`, which LOAD DATA reads back as NULL). */
  readonly nullAs?: string;
}

/** Encodes rows one at a time. */
export interface RowEncoder {
  /** The text for one row, preceded by the header line for the first row when there is one. */
  encode(row: Readonly<Record<string, unknown>>): string;
}

/**
 * An encoder for the given options; bad options fail with {@link InvalidInputError} here, before any query runs.
 *
 * @example
 * rowEncoder({}).encode({ id: 1, name: 'say "hi"', note: null }); // 'id,name,note\n1,"say ""hi""",\\N\n'
 */
export function rowEncoder(options: RowEncodingOptions = {}): RowEncoder {
  const format = options.format ?? 'csv';
  const lineEnd = text(options.linesTerminatedBy ?? '\n', 'linesTerminatedBy');
  if (format === 'jsonline') {
    for (const key of ['header', 'fieldsTerminatedBy', 'enclosedBy', 'nullAs'] as const) {
      if (options[key] !== undefined) throw new InvalidInputError(key, `"${key}" applies to CSV only.`);
    }
    return { encode: (row) => `${JSON.stringify(row, jsonValue)}${lineEnd}` };
  }
  if (format !== 'csv')
    throw new InvalidInputError('format', `"format" must be csv or jsonline, got ${String(format)}.`);
  const separator = text(options.fieldsTerminatedBy ?? ',', 'fieldsTerminatedBy');
  const quote = text(options.enclosedBy ?? '"', 'enclosedBy');
  if ([...quote].length !== 1)
    throw new InvalidInputError('enclosedBy', '"enclosedBy" must be exactly one character.');
  const nullAs = options.nullAs ?? '\\N';
  const quoted = (value: string): string => `${quote}${value.replaceAll(quote, quote + quote)}${quote}`;
  let headerPending = options.header ?? true;
  return {
    encode(row) {
      const fields = Object.values(row).map((value) => csvField(value, quoted, nullAs));
      const line = `${fields.join(separator)}${lineEnd}`;
      if (!headerPending) return line;
      headerPending = false;
      const names = Object.keys(row).map((name) =>
        name.includes(separator) || name.includes(quote) || /[\r\n]/.test(name) ? quoted(name) : name,
      );
      return `${names.join(separator)}${lineEnd}${line}`;
    },
  };
}

function csvField(value: unknown, quoted: (value: string) => string, nullAs: string): string {
  if (value === null || value === undefined) return nullAs;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value instanceof Date) return dateText(value);
  if (Buffer.isBuffer(value)) return quoted(value.toString('utf8'));
  if (typeof value === 'object') return quoted(JSON.stringify(value, jsonValue));
  return quoted(String(value));
}

/** JSON for the values a driver returns: Dates as server-style text, bigints and Buffers as strings. */
function jsonValue(this: unknown, key: string, value: unknown): unknown {
  const original = (this as Record<string, unknown>)[key];
  if (original instanceof Date) return dateText(original);
  if (typeof value === 'bigint') return value.toString();
  if (Buffer.isBuffer(original)) return original.toString('utf8');
  return value;
}

/**
 * `YYYY-MM-DD HH:MM:SS[.fff]` from a driver Date. mysql2 builds DATETIME Dates from the server's text in the
 * local zone, so the local-time getters give that text back.
 */
function dateText(date: Date): string {
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  const base =
    `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  const millis = date.getMilliseconds();
  return millis === 0 ? base : `${base}.${pad(millis, 3)}`;
}

function text(value: unknown, argument: string): string {
  if (typeof value !== 'string' || value === '')
    throw new InvalidInputError(argument, `"${argument}" must be a non-empty string.`);
  return value;
}
