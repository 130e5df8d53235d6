/**
 * MatrixOne refuses an `INSERT … ON DUPLICATE KEY UPDATE` that assigns any column of a unique or primary key, even
 * `email = VALUES(email)` or `id = id` (errno 20313, docs/matrixone-facts.md#orms-on-matrixone), and every ORM's
 * upsert sends such assignments. This module reads an upsert and, given the table's keys, drops the assignments
 * that cannot change anything, or says which key column the statement would really change.
 *
 * Only one shape is understood: `INSERT [INTO] table (columns) VALUES (…), … ON DUPLICATE KEY UPDATE col = expr, …`
 * as one statement (a final `;` allowed). Anything else (no column list, `INSERT … SELECT`, a row alias `AS new`, `IGNORE`, several
 * statements) is left for the server to answer.
 */
import {
  type SqlToken,
  closingParenthesis,
  isPunctuation,
  isWord,
  splitTopLevel,
  sqlTokens,
} from './sql-tokens.js';

/** What one value of an inserted row is, as far as key conflicts go. */
type RowValue = 'null' | 'default' | 'other';

/** One `col = expr` of the ON DUPLICATE KEY UPDATE list. */
interface Assignment {
  /** The assigned column, lower-cased (MySQL column names are case-insensitive). */
  readonly column: string;
  /** `self`: `col = col`; `values`: `col = VALUES(col)`; `other`: anything else. */
  readonly kind: 'self' | 'values' | 'other';
  readonly text: string;
}

/** An upsert this module understands. */
export interface UpsertStatement {
  /** The table as written (back-quoted parts unquoted): `[database, table]` or `[table]`. */
  readonly table: readonly string[];
  /** The inserted columns, lower-cased, in order. */
  readonly columns: readonly string[];
  /** Per inserted row, per column, what the value is. */
  readonly rows: readonly (readonly RowValue[])[];
  readonly assignments: readonly Assignment[];
  /** The statement up to and including `ON DUPLICATE KEY UPDATE`, as written. */
  readonly head: string;
}

/** The keys of the upsert's table, columns lower-cased. */
export interface TableKeys {
  /** Every unique index, the primary key included: its columns. */
  readonly unique: readonly (readonly string[])[];
  /** The auto-increment column(s). */
  readonly autoIncrement: readonly string[];
}

/** What to do with an upsert: send `sql` instead, refuse it because it changes `column`, or leave it. */
export type UpsertPlan =
  | { readonly action: 'rewrite'; readonly sql: string }
  | { readonly action: 'refuse'; readonly column: string; readonly reason: string }
  | { readonly action: 'leave' };

/**
 * Reads `sql` as an upsert; `undefined` when it is not one this module understands. `values` are the statement's
 * `?` values, when it has any (a `?` bound to `null` counts as NULL); `lexed`, its tokens when already cut.
 */
export function readUpsert(
  sql: string,
  values?: readonly unknown[],
  lexed: readonly SqlToken[] = sqlTokens(sql),
): UpsertStatement | undefined {
  // One statement, maybe ended by `;` (Sequelize ends its statements so); the rewrite drops that `;`.
  let end = lexed.length;
  while (isPunctuation(lexed[end - 1], ';')) end -= 1;
  const tokens = lexed.slice(0, end);
  if (!isWord(tokens[0], 'INSERT') || tokens.some((token) => isPunctuation(token, ';'))) return undefined;
  let at = 1;
  while (['LOW_PRIORITY', 'DELAYED', 'HIGH_PRIORITY'].some((word) => isWord(tokens[at], word))) at += 1;
  if (isWord(tokens[at], 'INTO')) at += 1;
  const table: string[] = [];
  while (isName(tokens[at])) {
    table.push((tokens[at] as SqlToken).value);
    at += 1;
    if (!isPunctuation(tokens[at], '.')) break;
    at += 1;
  }
  if (table.length < 1 || table.length > 2 || !isPunctuation(tokens[at], '(')) return undefined;
  const columnList = group(tokens, at);
  if (!columnList) return undefined;
  const columns = columnList.items.map((item) => (item.length === 1 && isName(item[0]) ? item[0].value : ''));
  if (columns.some((column) => column === '')) return undefined;
  at = columnList.next;
  if (!isWord(tokens[at], 'VALUES') && !isWord(tokens[at], 'VALUE')) return undefined;
  at += 1;
  const placeholders = tokens.filter((token) => token.kind === 'placeholder');
  const rows: RowValue[][] = [];
  for (;;) {
    const row = isPunctuation(tokens[at], '(') ? group(tokens, at) : undefined;
    if (!row || row.items.length !== columns.length) return undefined;
    rows.push(row.items.map((item) => rowValue(item, placeholders, values)));
    at = row.next;
    if (!isPunctuation(tokens[at], ',')) break;
    at += 1;
  }
  const words = ['ON', 'DUPLICATE', 'KEY', 'UPDATE'];
  if (!words.every((word, offset) => isWord(tokens[at + offset], word))) return undefined;
  const head = sql.slice(0, (tokens[at + 3] as SqlToken).end);
  const assignments = readAssignments(sql, tokens.slice(at + 4));
  if (!assignments) return undefined;
  return { table, columns: columns.map(lower), rows, assignments, head };
}

/**
 * What to do with `upsert` on MatrixOne given its table's keys:
 * - an assignment to a column outside every unique key is kept as written;
 * - `key = key` is dropped: it assigns the row's own value;
 * - `key = VALUES(key)` is dropped when, in every inserted row, the only unique keys that can conflict contain
 *   `key` — a conflicting row then already holds that value. A key cannot conflict in a row that gives one of its
 *   columns NULL, or leaves its auto-increment column to the server (not listed, DEFAULT or NULL);
 * - any other assignment to a key column would change a key: refused, naming the column.
 * When nothing is left to assign, `other = other` on the first inserted non-key column keeps the statement an
 * upsert that changes nothing. The assigned key keeps the spelling already stored where its collation calls two
 * spellings equal (`A@x.io` and `a@x.io`), where MySQL would store the new one.
 */
export function planUpsert(upsert: UpsertStatement, keys: TableKeys): UpsertPlan {
  const keyColumns = new Set(keys.unique.flat());
  const kept: string[] = [];
  let dropped = false;
  for (const assignment of upsert.assignments) {
    if (!keyColumns.has(assignment.column)) {
      kept.push(assignment.text);
      continue;
    }
    if (
      assignment.kind === 'self' ||
      (assignment.kind === 'values' && sameInEveryConflict(upsert, keys, assignment.column))
    ) {
      dropped = true;
      continue;
    }
    return {
      action: 'refuse',
      column: assignment.column,
      reason:
        assignment.kind === 'values'
          ? `a row could conflict on another unique key, and VALUES(${assignment.column}) would then change it`
          : `it assigns ${assignment.text}`,
    };
  }
  if (!dropped) return { action: 'leave' };
  if (kept.length === 0) {
    const spare = upsert.columns.find((column) => !keyColumns.has(column));
    if (spare === undefined) {
      return {
        action: 'refuse',
        column: upsert.columns[0] ?? '',
        reason: 'every inserted column belongs to a unique key, so there is nothing MatrixOne lets it assign',
      };
    }
    kept.push(`${quote(spare)} = ${quote(spare)}`);
  }
  return { action: 'rewrite', sql: `${upsert.head} ${kept.join(', ')}` };
}

/** True when every unique key that can conflict in any inserted row contains `column`. */
function sameInEveryConflict(upsert: UpsertStatement, keys: TableKeys, column: string): boolean {
  const others = keys.unique.filter((key) => !key.includes(column));
  return upsert.rows.every((row) => others.every((key) => !canConflict(upsert.columns, row, key, keys)));
}

function canConflict(
  columns: readonly string[],
  row: readonly RowValue[],
  key: readonly string[],
  keys: TableKeys,
): boolean {
  return !key.some((keyColumn) => {
    const at = columns.indexOf(keyColumn);
    const value = at < 0 ? 'default' : row[at];
    if (value === 'null') return true;
    return value === 'default' && keys.autoIncrement.includes(keyColumn);
  });
}

/** Splits the assignment list; `undefined` when one is not `col = expr`. */
function readAssignments(sql: string, tokens: readonly SqlToken[]): Assignment[] | undefined {
  const pieces = splitTopLevel(tokens);
  if (!pieces || pieces.length === 0) return undefined;
  const assignments: Assignment[] = [];
  for (const piece of pieces) {
    const equals = piece.findIndex((token) => isPunctuation(token, '='));
    const target = columnRef(piece.slice(0, equals));
    if (equals < 1 || target === undefined) return undefined;
    const expression = piece.slice(equals + 1);
    const text = sql.slice((piece[0] as SqlToken).start, (piece.at(-1) as SqlToken).end);
    const valuesOf =
      isWord(expression[0], 'VALUES') &&
      isPunctuation(expression[1], '(') &&
      isPunctuation(expression.at(-1), ')')
        ? columnRef(expression.slice(2, -1))
        : undefined;
    const kind =
      columnRef(expression) === target ? 'self' : valuesOf === target ? 'values' : ('other' as const);
    assignments.push({ column: target, kind, text });
  }
  return assignments;
}

/** `col`, `t.col` or `db.t.col` (any part back-quoted): the column, lower-cased; else `undefined`. */
function columnRef(tokens: readonly SqlToken[]): string | undefined {
  if (tokens.length === 0 || tokens.length % 2 === 0 || tokens.length > 5) return undefined;
  const names = tokens.filter((_, at) => at % 2 === 0);
  const dots = tokens.filter((_, at) => at % 2 === 1);
  if (!names.every(isName) || !dots.every((token) => isPunctuation(token, '.'))) return undefined;
  return lower((tokens.at(-1) as SqlToken).value);
}

/** The items of the parenthesised, comma-separated list opening at `open`, and the index after it. */
function group(tokens: readonly SqlToken[], open: number): { items: SqlToken[][]; next: number } | undefined {
  const close = closingParenthesis(tokens, open);
  const items = close < 0 ? undefined : splitTopLevel(tokens.slice(open + 1, close));
  return items ? { items, next: close + 1 } : undefined;
}

function rowValue(
  item: readonly SqlToken[],
  placeholders: readonly SqlToken[],
  values?: readonly unknown[],
): RowValue {
  const [only] = item;
  if (item.length !== 1 || only === undefined) return 'other';
  if (isWord(only, 'NULL')) return 'null';
  if (isWord(only, 'DEFAULT')) return 'default';
  if (only.kind === 'placeholder' && values !== undefined) {
    const value = values[placeholders.indexOf(only)];
    return value === null ? 'null' : 'other';
  }
  return 'other';
}

function isName(token: SqlToken | undefined): token is SqlToken {
  return token?.kind === 'identifier' || token?.kind === 'word';
}

function lower(name: string): string {
  return name.toLowerCase();
}

function quote(column: string): string {
  return `\`${column.replaceAll('`', '``')}\``;
}
