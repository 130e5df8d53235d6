/**
 * Pure builder for `SELECT … INTO OUTFILE` (docs/matrixone-facts.md#stages-and-export), as the live recordings
 * write it: `SELECT … INTO OUTFILE '<server path>' | 'stage://name/file' [FORMAT 'csv'|'jsonline'|'parquet']
 * [SPLITSIZE '1k'] [FIELDS TERMINATED BY … ENCLOSED BY …] [LINES TERMINATED BY …] [HEADER 'true'|'false']
 * [FORCE_QUOTE(col, …)]`. The query is the caller's own SELECT (its values stay bound to `?`); every option
 * goes through `sql/literal.ts` and `sql/identifier.ts`.
 */
import type { Statement } from '../../connection/executor.js';
import { InvalidInputError } from '../../errors/errors.js';
import { IdentifierKind, type TableRef, quoteIdentifier, quoteTable } from '../../sql/identifier.js';
import { quoteString, quoteStringEscaped, quoteTerminator } from '../../sql/literal.js';
import { stageFileUrl } from '../stages/stage-url.js';

/** What to export: a SELECT (with `?` values) or a whole table. */
export type ExportQuery =
  | string
  | { readonly sql: string; readonly values?: readonly unknown[] }
  | { readonly table: string | TableRef };

/** Where a server-side export writes: a path on the server host, or a file of a stage. */
export type ExportTarget =
  | { readonly serverFile: string }
  | { readonly stage: string; readonly file: string };

/** Options of `exports.toFile()`. */
export interface ExportFileOptions {
  /**
   * The file format; MatrixOne requires it to match the file's suffix (`format 'jsonline' does not match file
   * suffix '.csv'`). When omitted no FORMAT is sent and the server picks it from the suffix (recorded for `.jsonl`,
   * `.jsonline`, `.ndjson` and `.parquet`), CSV otherwise.
   */
  readonly format?: 'csv' | 'jsonline' | 'parquet';
  /** CSV: the field separator (server default `,`). */
  readonly fieldsTerminatedBy?: string;
  /** CSV: the one character strings are enclosed in (server default `"`: every string is quoted). */
  readonly enclosedBy?: string;
  /** CSV: the line terminator (server default `\n`). */
  readonly linesTerminatedBy?: string;
  /** CSV: whether the first line names the columns (server default `true`). */
  readonly header?: boolean;
  /** CSV: columns to always enclose (`FORCE_QUOTE(col, …)`). */
  readonly forceQuote?: readonly string[];
  /**
   * Split the output into files of about this size (`SPLITSIZE '1k'`, `'1048576'`, `'1M'`); the file name then
   * holds `%d` or `%05d` (`split_%d.csv`), replaced by the part number.
   */
  readonly splitSize?: string;
}

const FILE_OPTION_KEYS = new Set([
  'format',
  'fieldsTerminatedBy',
  'enclosedBy',
  'linesTerminatedBy',
  'header',
  'forceQuote',
  'splitSize',
]);
/** Suffixes MatrixOne's export_format case maps to a format. */
const SUFFIX_FORMATS: Readonly<Record<string, 'csv' | 'jsonline' | 'parquet'>> = {
  '.csv': 'csv',
  '.jsonl': 'jsonline',
  '.jsonline': 'jsonline',
  '.ndjson': 'jsonline',
  '.parquet': 'parquet',
};

/**
 * The caller's query as a statement: a table becomes `SELECT * FROM t`; a SELECT keeps its text (a trailing `;`
 * removed) and its values.
 *
 * @example
 * exportQueryStatement({ table: 'orders' }); // { sql: 'SELECT * FROM `orders`' }
 */
export function exportQueryStatement(query: ExportQuery): Statement {
  if (typeof query === 'object' && query !== null && 'table' in query) {
    const table = typeof query.table === 'string' ? { table: query.table } : query.table;
    return { sql: `SELECT * FROM ${quoteTable(table)}` };
  }
  const { sql, values } = typeof query === 'string' ? { sql: query, values: undefined } : query;
  if (typeof sql !== 'string')
    throw new InvalidInputError('query', 'The export query must be SQL text or { table }.');
  const text = sql.trim().replace(/;\s*$/, '').trimEnd();
  if (!/^(select|with)\b/i.test(text)) {
    throw new InvalidInputError('query', 'The export query must be a SELECT (or WITH … SELECT) statement.');
  }
  if (/\binto\s+outfile\b/i.test(text)) {
    throw new InvalidInputError('query', 'Leave INTO OUTFILE out of the query: exports.toFile() adds it.');
  }
  return values === undefined ? { sql: text } : { sql: text, values };
}

/**
 * `<query> INTO OUTFILE '<target>' …`.
 *
 * @example
 * exportToFileStatement({ table: 'orders' }, { stage: 'exports', file: 'orders.csv' }, { header: false }).sql;
 * // "SELECT * FROM `orders` INTO OUTFILE 'stage://exports/orders.csv' HEADER 'false'"
 */
export function exportToFileStatement(
  query: ExportQuery,
  target: ExportTarget,
  options: ExportFileOptions = {},
): Statement {
  for (const key of Object.keys(options)) {
    if (!FILE_OPTION_KEYS.has(key)) throw new InvalidInputError(key, `Unknown export option "${key}".`);
  }
  const select = exportQueryStatement(query);
  const path = targetPath(target);
  const format = checkedFormat(options.format, path);
  const parts = [`${select.sql} INTO OUTFILE ${quoteString(path, 'export file')}`];
  if (options.format !== undefined) parts.push(`FORMAT '${format}'`);
  if (options.splitSize !== undefined) {
    if (typeof options.splitSize !== 'string' || !/^\d+[kmg]?$/i.test(options.splitSize)) {
      throw new InvalidInputError(
        'splitSize',
        `"splitSize" must be a size such as '1048576', '1k', '64m' or '1g', got ${JSON.stringify(options.splitSize)}.`,
      );
    }
    parts.push(`SPLITSIZE ${quoteString(options.splitSize, 'splitSize')}`);
  }
  const csvOnly = ['fieldsTerminatedBy', 'enclosedBy', 'linesTerminatedBy', 'header', 'forceQuote'] as const;
  if (format !== 'csv') {
    for (const key of csvOnly) {
      if (options[key] !== undefined)
        throw new InvalidInputError(key, `"${key}" applies to CSV exports only.`);
    }
  }
  const fields: string[] = [];
  if (options.fieldsTerminatedBy !== undefined)
    fields.push(`TERMINATED BY ${quoteTerminator(options.fieldsTerminatedBy, 'fieldsTerminatedBy')}`);
  if (options.enclosedBy !== undefined) {
    if (typeof options.enclosedBy !== 'string' || [...options.enclosedBy].length !== 1) {
      throw new InvalidInputError('enclosedBy', '"enclosedBy" must be exactly one character.');
    }
    fields.push(`ENCLOSED BY ${quoteStringEscaped(options.enclosedBy, 'enclosedBy')}`);
  }
  if (fields.length > 0) parts.push(`FIELDS ${fields.join(' ')}`);
  if (options.linesTerminatedBy !== undefined)
    parts.push(`LINES TERMINATED BY ${quoteTerminator(options.linesTerminatedBy, 'linesTerminatedBy')}`);
  if (options.header !== undefined) {
    if (typeof options.header !== 'boolean')
      throw new InvalidInputError('header', '"header" must be a boolean.');
    parts.push(`HEADER '${options.header ? 'true' : 'false'}'`);
  }
  if (options.forceQuote !== undefined) {
    if (!Array.isArray(options.forceQuote) || options.forceQuote.length === 0) {
      throw new InvalidInputError('forceQuote', '"forceQuote" must be a non-empty list of column names.');
    }
    parts.push(
      `FORCE_QUOTE(${options.forceQuote.map((column) => quoteIdentifier(column, IdentifierKind.Column)).join(', ')})`,
    );
  }
  const sql = parts.join(' ');
  return select.values === undefined ? { sql } : { sql, values: select.values };
}

/** The path or stage URL an export writes, checked. */
export function targetPath(target: ExportTarget): string {
  if (typeof target !== 'object' || target === null) {
    throw new InvalidInputError('target', 'The export target must be { serverFile } or { stage, file }.');
  }
  const keys = Object.keys(target).sort().join(',');
  if (keys === 'serverFile') {
    const path = (target as { serverFile: unknown }).serverFile;
    if (typeof path !== 'string' || path.trim() === '') {
      throw new InvalidInputError('target', '"serverFile" must be a non-empty path on the server host.');
    }
    return path;
  }
  if (keys === 'file,stage') {
    const { stage, file } = target as { stage: string; file: string };
    if (/[*?[\]]/.test(file))
      throw new InvalidInputError('target', 'An export file name must not hold glob characters.');
    return stageFileUrl(stage, file);
  }
  throw new InvalidInputError(
    'target',
    `The export target takes { serverFile } or { stage, file }, got { ${keys} }.`,
  );
}

function checkedFormat(format: unknown, path: string): 'csv' | 'jsonline' | 'parquet' {
  const suffix = /\.[a-z0-9]+$/i.exec(path)?.[0]?.toLowerCase();
  const implied = suffix === undefined ? undefined : SUFFIX_FORMATS[suffix];
  if (format === undefined) return implied ?? 'csv';
  if (format !== 'csv' && format !== 'jsonline' && format !== 'parquet') {
    throw new InvalidInputError(
      'format',
      `"format" must be csv, jsonline or parquet, got ${String(format)}.`,
    );
  }
  if (implied !== undefined && implied !== format) {
    throw new InvalidInputError(
      'format',
      `MatrixOne refuses format '${format}' for a file ending in '${suffix}'.`,
    );
  }
  return format;
}
