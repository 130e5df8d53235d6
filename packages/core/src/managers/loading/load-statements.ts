/**
 * Pure builder for `LOAD DATA` (docs/matrixone-facts.md#load-data). No I/O: it validates a source and its
 * options and returns the statement text. Names go through `sql/identifier.ts`, every other value through
 * `sql/literal.ts`. Only the clauses MatrixOne 4.2 honours are offered; the ones it accepts and then ignores
 * (`IGNORE` / `REPLACE`, `STRICT`, `SET` expressions other than `col = nullif(col, value)`) are refused with
 * {@link InvalidInputError} before anything is sent, so nobody believes they took effect.
 */
import type { Readable } from 'node:stream';
import type { Statement } from '../../connection/executor.js';
import { InvalidInputError } from '../../errors/errors.js';
import { IdentifierKind, type TableRef, quoteIdentifier, quoteTable } from '../../sql/identifier.js';
import { integerLiteral, quoteString, quoteStringEscaped, quoteTerminator } from '../../sql/literal.js';
import { stageFileUrl } from '../stages/stage-url.js';

/** The file formats LOAD DATA reads, as an `as const` object and a matching union. */
export const LoadFormat = {
  /** Delimited text; the FIELDS / LINES options apply. */
  Csv: 'csv',
  /** One JSON value per line (MatrixOne only); `jsonData` says whether each line is an object or an array. */
  JsonLine: 'jsonline',
} as const;
/** One of {@link LoadFormat}'s values. */
export type LoadFormat = (typeof LoadFormat)[keyof typeof LoadFormat];

/**
 * Where the data comes from: exactly one key.
 * - `serverFile`: a path on the **server's** file system (`LOAD DATA INFILE 'path'`);
 * - `stage` + `file`: a file of a stage (`'stage://name/file'`, MatrixOne only);
 * - `localFile`: a path on the **client** (`LOAD DATA LOCAL INFILE`; the SDK opens and sends it);
 * - `stream`: any Node `Readable` (or async iterable of `Buffer`/`string` chunks) sent from the client the same way;
 * - `inline`: the data itself, sent inside the statement (`LOAD DATA INLINE`, MatrixOne only; for small data).
 */
export type LoadSource =
  | { readonly serverFile: string }
  | { readonly stage: string; readonly file: string }
  | { readonly localFile: string }
  | { readonly stream: Readable | AsyncIterable<Buffer | string> }
  | { readonly inline: string };

/** How far a load from the client has got, reported to {@link LoadOptions.onProgress}. */
export interface LoadProgress {
  /** Bytes sent to the server so far. */
  readonly bytes: number;
  /**
   * Line terminators sent so far: the rows read, give or take header lines and line breaks inside quoted
   * fields. The server's own row count comes with the result.
   */
  readonly lines: number;
  /** True on the last report, once the whole source was sent (the server may still be loading it). */
  readonly done: boolean;
}

/** Options of `loading.load()`; every key not listed here is refused. */
export interface LoadOptions {
  /**
   * The file format (default `csv`). JSON lines from the client (`localFile`, `stream`) use the brace form with
   * LOCAL: MatrixOne 4.2 was seen asking the client for such a file, but a successful load of one is not recorded.
   */
  readonly format?: LoadFormat;
  /** JSON lines only, required there: whether each line is an `object` (matched by key) or an `array` (by position). */
  readonly jsonData?: 'object' | 'array';
  /** CSV: the field separator (default `,`, always written out). */
  readonly fieldsTerminatedBy?: string;
  /** CSV: the one character that may enclose a field (`"`); `""` inside stands for one quote. */
  readonly enclosedBy?: string;
  /** CSV: write `OPTIONALLY ENCLOSED BY` (needs `enclosedBy`). MatrixOne reads both forms the same way. */
  readonly optionallyEnclosed?: boolean;
  /** CSV: the one escape character (MySQL's default is `\`). */
  readonly escapedBy?: string;
  /** CSV: a prefix every line starts with (`LINES STARTING BY`). */
  readonly linesStartingBy?: string;
  /** CSV: the line terminator (the server's default is `\n`). */
  readonly linesTerminatedBy?: string;
  /** CSV: lines to skip at the start, such as a header line (`IGNORE n LINES`). */
  readonly ignoreLines?: number;
  /**
   * The table columns the fields go to, in order; `null` skips a field. Without it, MatrixOne needs **exactly one
   * field per table column** (no default filling); with it, unlisted columns get their defaults.
   */
  readonly columns?: readonly (string | null)[];
  /**
   * Columns to set to NULL when the field holds the given value: `SET col = nullif(col, value)`, the only SET
   * expression MatrixOne 4.2 applies. CSV only. The recordings write the column bare; the SDK back-quotes it
   * (unverified on MatrixOne, run by the live suite).
   */
  readonly nullIf?: Readonly<Record<string, string | number>>;
  /** MatrixOne's `PARALLEL 'true' | 'false'` (split the file between workers); the server's default when omitted. */
  readonly parallel?: boolean;
  /** A compressed server or stage file (MatrixOne only; not for data sent from the client). */
  readonly compression?: 'gzip' | 'bzip2';
  /** Called as data from the client is sent (at most every `progressIntervalBytes`, and once at the end). */
  readonly onProgress?: (progress: LoadProgress) => void;
  /** How many bytes between two progress reports (default 1 MiB). */
  readonly progressIntervalBytes?: number;
}

/** The options `loading.loadChecked()` takes beyond {@link LoadOptions}. */
export interface CheckedLoadOptions extends LoadOptions {
  /**
   * The keys to enforce, each a list of columns. Default: the table's primary key and unique indexes, as
   * SHOW INDEX lists them.
   */
  readonly keys?: readonly (readonly string[])[];
  /** How many duplicate keys to report at most per key (default 20). */
  readonly maxReportedDuplicates?: number;
}

/** What the builder made of a source and its options. */
export interface LoadPlan {
  /** The LOAD DATA statement. */
  readonly statement: Statement;
  /** The client-side source to send when the server asks for it; absent for server, stage and inline sources. */
  readonly local?: LocalSource;
  /** True when the statement uses MatrixOne-only syntax (JSON lines, stages, PARALLEL, compression, INLINE). */
  readonly matrixOneOnly: boolean;
}

/** A client-side source and the name the statement asks the server to request. */
export interface LocalSource {
  /** The name written in `LOCAL INFILE '…'`; the server asks for it back. */
  readonly name: string;
  readonly source:
    | { readonly localFile: string }
    | { readonly stream: Readable | AsyncIterable<Buffer | string> };
  /** The line terminator, for counting lines in progress reports. */
  readonly lineTerminator: string;
}

/** The name `LOCAL INFILE` carries for a stream: the server only echoes it back. */
const STREAM_INFILE_NAME = 'client-stream';

const OPTION_KEYS = new Set([
  'format',
  'jsonData',
  'fieldsTerminatedBy',
  'enclosedBy',
  'optionallyEnclosed',
  'escapedBy',
  'linesStartingBy',
  'linesTerminatedBy',
  'ignoreLines',
  'columns',
  'nullIf',
  'parallel',
  'compression',
  'onProgress',
  'progressIntervalBytes',
  // loadChecked's own options, checked there.
  'keys',
  'maxReportedDuplicates',
]);

/** Options MatrixOne accepts and ignores (observed on MatrixOne 4.2.0), refused with the reason. */
const IGNORED_BY_SERVER: Readonly<Record<string, string>> = {
  set:
    'MatrixOne 4.2 accepts SET expressions in LOAD DATA and ignores all but `col = nullif(col, value)` ' +
    '(offered as "nullIf"); transform the data before loading, or load into a staging table and INSERT … SELECT.',
  ignore:
    'MatrixOne 4.2 accepts LOAD DATA … IGNORE but does not check keys at all (duplicates are inserted); ' +
    'use loading.loadChecked() to enforce primary and unique keys.',
  replace:
    'MatrixOne 4.2 accepts LOAD DATA … REPLACE but does not check keys at all (duplicates are inserted); ' +
    'use loading.loadChecked() to enforce primary and unique keys.',
  duplicates:
    'MatrixOne 4.2 LOAD DATA does not check primary or unique keys, so IGNORE / REPLACE change nothing; ' +
    'use loading.loadChecked() to enforce them.',
  strict:
    "MatrixOne 4.2 accepts STRICT 'false' and changes nothing (a bad value still fails the whole load).",
};

/**
 * Validates `source` and `options` and builds the LOAD DATA statement.
 *
 * @example
 * planLoad({ table: 'people' }, { serverFile: '/data/people.csv' }, { enclosedBy: '"', ignoreLines: 1 }).statement.sql;
 * // "LOAD DATA INFILE '/data/people.csv' INTO TABLE `people` FIELDS TERMINATED BY ',' ENCLOSED BY '\"' IGNORE 1 LINES"
 */
export function planLoad(table: TableRef, source: LoadSource, options: LoadOptions = {}): LoadPlan {
  checkOptionKeys(options);
  const format = checkedFormat(options.format);
  const given = checkedSource(source);
  const target = quoteTable(table);
  const local = given.kind === 'localFile' || given.kind === 'stream';
  if (options.compression !== undefined) {
    if (options.compression !== 'gzip' && options.compression !== 'bzip2') {
      throw new InvalidInputError(
        'compression',
        `"compression" must be "gzip" or "bzip2", got ${String(options.compression)}.`,
      );
    }
    if (given.kind !== 'serverFile' && given.kind !== 'stage') {
      throw new InvalidInputError(
        'compression',
        'Compressed input is recorded only for server and stage files; decompress a client stream before loading it.',
      );
    }
  }
  const parts: string[] = [];
  if (given.kind === 'inline') {
    parts.push(`LOAD DATA INLINE ${inlineHead(given.data, format, options)} INTO TABLE ${target}`);
  } else {
    const file =
      given.kind === 'stage'
        ? stageFileUrl(given.stage, given.file)
        : given.kind === 'stream'
          ? STREAM_INFILE_NAME
          : given.path;
    const infile =
      format === LoadFormat.JsonLine || options.compression !== undefined
        ? braceInfile(file, format, options)
        : quoteString(file, 'file path');
    parts.push(`LOAD DATA ${local ? 'LOCAL ' : ''}INFILE ${infile} INTO TABLE ${target}`);
  }
  if (format === LoadFormat.Csv) parts.push(...csvClauses(options));
  else refuseCsvOptions(options);
  if (options.columns !== undefined) parts.push(columnList(options.columns));
  if (options.nullIf !== undefined) parts.push(nullIfClause(options.nullIf, options.columns, format));
  if (options.parallel !== undefined) {
    if (typeof options.parallel !== 'boolean') {
      throw new InvalidInputError(
        'parallel',
        `"parallel" must be a boolean, got ${typeof options.parallel}.`,
      );
    }
    parts.push(`PARALLEL '${options.parallel ? 'true' : 'false'}'`);
  }
  checkProgress(options);
  const statement: Statement = { sql: parts.join(' ') };
  const matrixOneOnly =
    format === LoadFormat.JsonLine ||
    given.kind === 'stage' ||
    given.kind === 'inline' ||
    options.parallel !== undefined ||
    options.compression !== undefined;
  if (!local) return { statement, matrixOneOnly };
  return {
    statement,
    matrixOneOnly,
    local: {
      name: given.kind === 'localFile' ? given.path : STREAM_INFILE_NAME,
      source: given.kind === 'localFile' ? { localFile: given.path } : { stream: given.stream },
      lineTerminator: options.linesTerminatedBy ?? '\n',
    },
  };
}

type CheckedSource =
  | { readonly kind: 'serverFile'; readonly path: string }
  | { readonly kind: 'stage'; readonly stage: string; readonly file: string }
  | { readonly kind: 'localFile'; readonly path: string }
  | { readonly kind: 'stream'; readonly stream: Readable | AsyncIterable<Buffer | string> }
  | { readonly kind: 'inline'; readonly data: string };

function checkedSource(source: LoadSource): CheckedSource {
  if (typeof source !== 'object' || source === null) {
    throw new InvalidInputError(
      'source',
      'The load source must be an object such as { serverFile: "/data/x.csv" }.',
    );
  }
  const keys = Object.keys(source).sort().join(',');
  const value = source as Record<string, unknown>;
  const path = (key: string): string => {
    const text = value[key];
    if (typeof text !== 'string' || text.trim() === '') {
      throw new InvalidInputError(
        'source',
        `"${key}" must be a non-empty path, got ${JSON.stringify(text)}.`,
      );
    }
    return text;
  };
  switch (keys) {
    case 'serverFile':
      return { kind: 'serverFile', path: path('serverFile') };
    case 'file,stage':
      return { kind: 'stage', stage: String(value.stage), file: path('file') };
    case 'localFile':
      return { kind: 'localFile', path: path('localFile') };
    case 'stream': {
      const stream = value.stream;
      if (typeof stream !== 'object' || stream === null || !(Symbol.asyncIterator in stream)) {
        throw new InvalidInputError(
          'source',
          '"stream" must be a Node Readable or an async iterable of chunks.',
        );
      }
      return { kind: 'stream', stream: stream as Readable };
    }
    case 'inline': {
      if (typeof value.inline !== 'string') {
        throw new InvalidInputError(
          'source',
          `"inline" must be the data as a string, got ${typeof value.inline}.`,
        );
      }
      return { kind: 'inline', data: value.inline };
    }
    default:
      throw new InvalidInputError(
        'source',
        `The load source takes exactly one of { serverFile }, { stage, file }, { localFile }, { stream } or { inline }, got { ${keys} }.`,
      );
  }
}

function checkOptionKeys(options: LoadOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidInputError('options', 'The load options must be an object.');
  }
  for (const key of Object.keys(options)) {
    if (OPTION_KEYS.has(key)) continue;
    const reason = IGNORED_BY_SERVER[key];
    throw new InvalidInputError(key, reason ?? `Unknown load option "${key}".`);
  }
}

function checkedFormat(format: unknown): LoadFormat {
  if (format === undefined) return LoadFormat.Csv;
  if (format !== LoadFormat.Csv && format !== LoadFormat.JsonLine) {
    throw new InvalidInputError('format', `"format" must be "csv" or "jsonline", got ${String(format)}.`);
  }
  return format;
}

/** `{'filepath'='…', 'format'='jsonline', 'jsondata'='object'[, 'compression'='gzip']}` (recorded). */
function braceInfile(file: string, format: LoadFormat, options: LoadOptions): string {
  const entries = [`'filepath'=${quoteString(file, 'file path')}`];
  if (format === LoadFormat.JsonLine) {
    entries.push(`'format'='jsonline'`, `'jsondata'=${quoteString(jsonData(options), 'jsonData')}`);
  }
  if (options.compression !== undefined) entries.push(`'compression'='${options.compression}'`);
  return `{${entries.join(', ')}}`;
}

/** `FORMAT='csv', DATA='…'` or `FORMAT='jsonline', DATA='…', JSONTYPE='object'` (recorded). */
function inlineHead(data: string, format: LoadFormat, options: LoadOptions): string {
  const head = `FORMAT='${format}', DATA=${quoteStringEscaped(data, 'inline data')}`;
  return format === LoadFormat.JsonLine
    ? `${head}, JSONTYPE=${quoteString(jsonData(options), 'jsonData')}`
    : head;
}

function jsonData(options: LoadOptions): 'object' | 'array' {
  if (options.jsonData !== 'object' && options.jsonData !== 'array') {
    throw new InvalidInputError(
      'jsonData',
      `JSON lines need "jsonData": "object" (lines are objects matched by key) or "array" (matched by position), got ${String(options.jsonData)}.`,
    );
  }
  return options.jsonData;
}

function csvClauses(options: LoadOptions): string[] {
  if (options.jsonData !== undefined) {
    throw new InvalidInputError(
      'jsonData',
      '"jsonData" applies to JSON lines only (set format: "jsonline").',
    );
  }
  const fields = [
    `FIELDS TERMINATED BY ${quoteTerminator(options.fieldsTerminatedBy ?? ',', 'fieldsTerminatedBy')}`,
  ];
  if (options.enclosedBy !== undefined) {
    const enclosure = oneCharacter(options.enclosedBy, 'enclosedBy');
    fields.push(`${options.optionallyEnclosed === true ? 'OPTIONALLY ' : ''}ENCLOSED BY ${enclosure}`);
  } else if (options.optionallyEnclosed !== undefined) {
    throw new InvalidInputError('optionallyEnclosed', '"optionallyEnclosed" needs "enclosedBy".');
  }
  if (options.escapedBy !== undefined)
    fields.push(`ESCAPED BY ${oneCharacter(options.escapedBy, 'escapedBy')}`);
  const clauses = [fields.join(' ')];
  if (options.linesStartingBy !== undefined || options.linesTerminatedBy !== undefined) {
    const lines = ['LINES'];
    if (options.linesStartingBy !== undefined) {
      lines.push(`STARTING BY ${quoteTerminator(options.linesStartingBy, 'linesStartingBy')}`);
    }
    if (options.linesTerminatedBy !== undefined) {
      lines.push(`TERMINATED BY ${quoteTerminator(options.linesTerminatedBy, 'linesTerminatedBy')}`);
    }
    clauses.push(lines.join(' '));
  }
  if (options.ignoreLines !== undefined) {
    clauses.push(
      `IGNORE ${integerLiteral(options.ignoreLines, 'ignoreLines', { min: 0, max: Number.MAX_SAFE_INTEGER })} LINES`,
    );
  }
  return clauses;
}

function refuseCsvOptions(options: LoadOptions): void {
  const csvOnly = [
    'fieldsTerminatedBy',
    'enclosedBy',
    'optionallyEnclosed',
    'escapedBy',
    'linesStartingBy',
    'linesTerminatedBy',
    'ignoreLines',
    'nullIf',
  ] as const;
  for (const key of csvOnly) {
    if (options[key] !== undefined) {
      throw new InvalidInputError(
        key,
        `"${key}" applies to CSV only; no JSON-lines form of it is recorded for MatrixOne.`,
      );
    }
  }
}

/** MatrixOne refuses a longer enclosure (`ENCLOSED BY 'ab'` → 1064 error field terminator). */
function oneCharacter(value: unknown, argument: string): string {
  if (typeof value !== 'string' || [...value].length !== 1) {
    throw new InvalidInputError(
      argument,
      `"${argument}" must be exactly one character, got ${JSON.stringify(value)}.`,
    );
  }
  return quoteStringEscaped(value, argument);
}

function columnList(columns: readonly (string | null)[]): string {
  if (!Array.isArray(columns) || columns.length === 0) {
    throw new InvalidInputError(
      'columns',
      '"columns" must be a non-empty array of column names (null skips a field).',
    );
  }
  const names = columns.filter((column): column is string => column !== null);
  if (new Set(names.map((name) => name.toLowerCase())).size !== names.length) {
    throw new InvalidInputError('columns', 'A column may be listed only once.');
  }
  let skipped = 0;
  const items = columns.map((column) => {
    if (column !== null) return quoteIdentifier(column, IdentifierKind.Column);
    skipped += 1;
    return `@skip${skipped}`;
  });
  return `(${items.join(', ')})`;
}

function nullIfClause(
  nullIf: Readonly<Record<string, string | number>>,
  columns: readonly (string | null)[] | undefined,
  format: LoadFormat,
): string {
  if (format !== LoadFormat.Csv) {
    throw new InvalidInputError('nullIf', '"nullIf" is recorded for CSV loads only.');
  }
  if (typeof nullIf !== 'object' || nullIf === null || Object.keys(nullIf).length === 0) {
    throw new InvalidInputError(
      'nullIf',
      '"nullIf" must map at least one column to the value that means NULL.',
    );
  }
  const loaded = columns
    ?.filter((column): column is string => column !== null)
    .map((name) => name.toLowerCase());
  const assignments = Object.entries(nullIf).map(([column, value]) => {
    if (loaded !== undefined && !loaded.includes(column.toLowerCase())) {
      throw new InvalidInputError(
        'nullIf',
        `"${column}" is not in "columns": nullif() applies only to a column the load fills.`,
      );
    }
    const name = quoteIdentifier(column, IdentifierKind.Column);
    return `${name} = nullif(${name}, ${nullIfValue(value)})`;
  });
  return `SET ${assignments.join(', ')}`;
}

function nullIfValue(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string') return quoteString(value, 'nullIf value');
  throw new InvalidInputError(
    'nullIf',
    `A nullIf value must be a string or a finite number, got ${typeof value}.`,
  );
}

function checkProgress(options: LoadOptions): void {
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new InvalidInputError('onProgress', '"onProgress" must be a function.');
  }
  if (options.progressIntervalBytes !== undefined) {
    integerLiteral(options.progressIntervalBytes, 'progressIntervalBytes', {
      min: 1,
      max: Number.MAX_SAFE_INTEGER,
    });
  }
}
