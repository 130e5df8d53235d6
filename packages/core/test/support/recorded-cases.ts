/**
 * Reads MatrixOne's recorded test cases (copies under `test/fixtures/cases/`, see its INDEX.md): the `.sql`
 * script gives the statements and their session tags, the `.result` file gives what each statement printed.
 * Tests feed the recorded SHOW rows to the SDK's parsers and compare the SDK's statements with the recorded ones.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folder holding the recorded `.sql`/`.result` pairs. */
export const RECORDED_CASES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'cases');

/** Column type of the typed result layout: a JDBC `java.sql.Types` code with precision and scale. */
export interface RecordedColumnType {
  readonly type: number;
  readonly precision: number;
  readonly scale: number;
}

/** What one statement printed. */
export type RecordedOutcome =
  | {
      readonly kind: 'rows';
      readonly columns: string[];
      /** Values as printed: SQL NULL stays the text `null` (or `NULL`), empty strings stay ''. */
      readonly rows: string[][];
      /** Only for the typed layout (`➤ name[type,precision,scale]`). */
      readonly columnTypes?: RecordedColumnType[];
    }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'ok' };

/** The connection a statement ran on: 0 is the tester's default connection (a `sys` administrator). */
export interface RecordedSession {
  readonly id: number;
  /** `ACCOUNT:USER[:ROLE]` from the session tag; absent for the default user. */
  readonly user?: string;
  readonly password?: string;
}

/** One statement of a recorded case and its recorded outcome. */
export interface RecordedStep {
  /** Statement text as written in the script (multi-line statements keep their line breaks). */
  readonly sql: string;
  readonly outcome: RecordedOutcome;
  readonly session: RecordedSession;
  /** Column indexes (0-based) the recording did not compare (`-- @ignore:i,j`): timestamps, ids. */
  readonly ignoredColumns: readonly number[];
  /** 1-based line of the statement's first line in the `.sql` file. */
  readonly line: number;
}

interface ScriptStatement {
  readonly sql: string;
  readonly session: RecordedSession;
  readonly ignoredColumns: readonly number[];
  readonly line: number;
}

const DEFAULT_SESSION: RecordedSession = { id: 0 };
const TYPED_HEADER_MARK = '➤ ';
const TYPED_VALUE_SEPARATOR = '  ¦  ';
const TYPED_ROW_END = '𝄀';
const PLAIN_VALUE_SEPARATOR = '    ';
/**
 * Error lines as mo-tester prints them: MatrixOne's message, no errno. The prefixes are the error classes and
 * MySQL-style texts (docs/matrixone-facts.md#errors); anything else after a statement is a result set.
 */
const ERROR_LINE = new RegExp(
  [
    '^(internal error|not supported|invalid input|SQL parser error|SQL syntax error): ',
    '^invalid argument ',
    "^Duplicate entry '",
    '^Unknown (database|table|column) ',
    '^no such table ',
    "^Can't drop database ",
    '^No database selected$',
    '^(database|table) \\S+ already exists$',
    "^Transaction characteristics can't be changed",
    '^Lock wait timeout exceeded',
  ].join('|'),
);

/**
 * Loads a recorded case by its name under `cases/` without extension, e.g. `loadRecordedCase('pitr/pitr')`.
 * Throws when the `.result` file does not repeat the script's statements in order (a broken copy).
 */
export function loadRecordedCase(name: string): RecordedStep[] {
  const script = readFileSync(join(RECORDED_CASES_DIR, `${name}.sql`), 'utf8');
  const result = readFileSync(join(RECORDED_CASES_DIR, `${name}.result`), 'utf8');
  return parseRecordedCase(script, result, name);
}

/** Parses a `.sql`/`.result` pair given as text; `name` only labels errors. */
export function parseRecordedCase(script: string, result: string, name = 'case'): RecordedStep[] {
  const statements = parseScript(script);
  const lines = splitLines(result);
  const steps: RecordedStep[] = [];
  let position = 0;
  statements.forEach((statement, index) => {
    const statementLines = statement.sql.split('\n');
    if (!linesMatchAt(lines, position, statementLines)) {
      throw new Error(
        `${name}: .result line ${position + 1} should repeat the statement at .sql line ${statement.line}: ${statement.sql}`,
      );
    }
    position += statementLines.length;
    const next = statements[index + 1];
    const output: string[] = [];
    while (position < lines.length && !(next && linesMatchAt(lines, position, next.sql.split('\n')))) {
      const line = lines[position] ?? '';
      if (!line.startsWith('-- @regex(')) output.push(line);
      position += 1;
    }
    steps.push({ ...statement, outcome: parseOutcome(output, `${name} (.sql line ${statement.line})`) });
  });
  return steps;
}

/** The first step whose statement matches; throws when none does, so a test never passes on a missing step. */
export function findStep(steps: readonly RecordedStep[], matches: (sql: string) => boolean): RecordedStep {
  const step = steps.find((candidate) => matches(candidate.sql));
  if (!step) throw new Error('findStep: no recorded statement matches');
  return step;
}

/** Every step whose statement matches (possibly none). */
export function findSteps(steps: readonly RecordedStep[], matches: (sql: string) => boolean): RecordedStep[] {
  return steps.filter((candidate) => matches(candidate.sql));
}

/** Lower-cases and collapses whitespace, for comparing SDK statements with recorded ones that differ only so. */
export function normalizeSql(sql: string): string {
  return sql
    .replace(/\s+/g, ' ')
    .replace(/\s*;\s*$/, '')
    .trim()
    .toLowerCase();
}

/** The rows of a step that printed a result set, as objects keyed by the recorded column names. */
export function recordedRows(step: RecordedStep): Record<string, string>[] {
  if (step.outcome.kind !== 'rows') {
    throw new Error(
      `recordedRows: the statement at .sql line ${step.line} printed ${step.outcome.kind}, not rows`,
    );
  }
  const { columns, rows } = step.outcome;
  return rows.map((row) => Object.fromEntries(columns.map((column, index) => [column, row[index] ?? ''])));
}

function splitLines(text: string): string[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function linesMatchAt(lines: readonly string[], position: number, expected: readonly string[]): boolean {
  return expected.every((line, offset) => (lines[position + offset] ?? '').trim() === line.trim());
}

function parseScript(script: string): ScriptStatement[] {
  const statements: ScriptStatement[] = [];
  let session = DEFAULT_SESSION;
  let ignoredColumns: number[] = [];
  let pending: string[] = [];
  let pendingLine = 0;
  let quote: string | undefined;
  splitLines(script).forEach((rawLine, index) => {
    const trimmed = rawLine.trim();
    if (pending.length === 0) {
      if (trimmed === '') return;
      if (trimmed.startsWith('--') || trimmed.startsWith('#')) {
        const tag = parseTag(trimmed);
        if (tag?.kind === 'session') session = tag.session;
        if (tag?.kind === 'ignore') ignoredColumns = tag.columns;
        return;
      }
      pendingLine = index + 1;
    }
    pending.push(rawLine);
    quote = scanQuotes(rawLine, quote);
    if (quote === undefined && trimmed.endsWith(';')) {
      statements.push({
        sql: pending.join('\n'),
        session,
        ignoredColumns,
        line: pendingLine,
      });
      pending = [];
      ignoredColumns = [];
    }
  });
  return statements;
}

type ScriptTag = { kind: 'session'; session: RecordedSession } | { kind: 'ignore'; columns: number[] };

function parseTag(comment: string): ScriptTag | undefined {
  const session = /^--\s*@session(?::(.*?))?\s*([{}])?$/.exec(comment);
  if (session) {
    const [, parameters, brace] = session;
    if (parameters === undefined || brace === '}') return { kind: 'session', session: DEFAULT_SESSION };
    return { kind: 'session', session: parseSessionParameters(parameters) };
  }
  const ignore = /^--\s*@ignore:([\d,\s]+)$/.exec(comment);
  if (ignore?.[1]) {
    return { kind: 'ignore', columns: ignore[1].split(',').map((column) => Number(column.trim())) };
  }
  return undefined;
}

function parseSessionParameters(parameters: string): RecordedSession {
  const fields = new Map(
    parameters.split('&').map((pair) => {
      const [key = '', ...value] = pair.split('=');
      return [key.trim(), value.join('=').trim()] as const;
    }),
  );
  const user = fields.get('user');
  const password = fields.get('password');
  return {
    id: Number(fields.get('id') ?? 0),
    ...(user ? { user } : {}),
    ...(password ? { password } : {}),
  };
}

/** Tracks whether a line ends inside a quoted string, so `;` inside a literal does not end a statement. */
function scanQuotes(line: string, open: string | undefined): string | undefined {
  let quote = open;
  for (let index = 0; index < line.length; index += 1) {
    const character = line.charAt(index);
    if (quote === undefined) {
      if (character === "'" || character === '"' || character === '`') quote = character;
      else if (character === '-' && line.startsWith('-- ', index)) break;
    } else if (character === '\\' && quote !== '`') {
      index += 1;
    } else if (character === quote) {
      if (line.charAt(index + 1) === quote) index += 1;
      else quote = undefined;
    }
  }
  return quote;
}

function parseOutcome(output: readonly string[], label: string): RecordedOutcome {
  const [first, ...rest] = output;
  if (first === undefined) return { kind: 'ok' };
  if (first.startsWith(TYPED_HEADER_MARK)) return parseTypedResult(first, rest, label);
  if (rest.length === 0 && ERROR_LINE.test(first)) return { kind: 'error', message: first };
  const separator =
    !first.includes(PLAIN_VALUE_SEPARATOR) && first.includes('\t') ? '\t' : PLAIN_VALUE_SEPARATOR;
  const columns = first.split(separator);
  return { kind: 'rows', columns, rows: rest.map((line) => splitRow(line, separator, columns.length)) };
}

/**
 * Splits a plain row. Trailing empty values leave trailing separators, but some recordings had their
 * trailing spaces stripped (snapshotRead), so missing trailing values are restored as ''.
 */
function splitRow(line: string, separator: string, width: number): string[] {
  const values = line.split(separator);
  while (values.length < width) values.push('');
  return values;
}

function parseTypedResult(header: string, rows: readonly string[], label: string): RecordedOutcome {
  const cells = stripTypedRowEnd(header.slice(TYPED_HEADER_MARK.length)).split(TYPED_VALUE_SEPARATOR);
  const columns: string[] = [];
  const columnTypes: RecordedColumnType[] = [];
  for (const cell of cells) {
    const match = /^(.*)\[(-?\d+),(-?\d+),(-?\d+)\]$/.exec(cell);
    if (!match) throw new Error(`${label}: typed header cell without [type,precision,scale]: ${cell}`);
    columns.push(match[1] ?? '');
    columnTypes.push({ type: Number(match[2]), precision: Number(match[3]), scale: Number(match[4]) });
  }
  return {
    kind: 'rows',
    columns,
    columnTypes,
    rows: joinTypedRows(rows).map((row) => row.split(TYPED_VALUE_SEPARATOR)),
  };
}

/** Typed rows end in `  𝄀` except the last; a value with a line break continues on the next line. */
function joinTypedRows(lines: readonly string[]): string[] {
  const rows: string[] = [];
  let current: string[] = [];
  lines.forEach((line, index) => {
    current.push(line);
    const ended = line.endsWith(TYPED_ROW_END) || index === lines.length - 1;
    if (ended) {
      rows.push(stripTypedRowEnd(current.join('\n')));
      current = [];
    }
  });
  return rows;
}

function stripTypedRowEnd(text: string): string {
  if (text.endsWith(`  ${TYPED_ROW_END}`)) return text.slice(0, -(TYPED_ROW_END.length + 2));
  if (text.endsWith(TYPED_ROW_END)) return text.slice(0, -TYPED_ROW_END.length);
  return text;
}
