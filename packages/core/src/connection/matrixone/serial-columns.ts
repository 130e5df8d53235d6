/**
 * MatrixOne does not parse the column type `SERIAL` (errno 1064, observed on MatrixOne 4.2.0 for drizzle-kit's
 * `` `id` serial AUTO_INCREMENT NOT NULL ``; drizzle-orm's migrator creates its own table with `id serial primary
 * key`). MySQL defines `SERIAL` as `BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE`, and MatrixOne accepts
 * `bigint unsigned … AUTO_INCREMENT` and an inline `UNIQUE` (docs/matrixone-facts.md#orms-on-matrixone), so a
 * column definition of type `SERIAL` in `CREATE TABLE (…)` or `ALTER TABLE … ADD | MODIFY | CHANGE [COLUMN]` is
 * rewritten into that. Words of the definition that would then be repeated (`AUTO_INCREMENT`, `NOT NULL`,
 * `UNIQUE [KEY]`) are dropped, and `UNIQUE` is left out when the same statement makes the column the whole primary
 * key, which is unique already. Only keywords count: strings, quoted identifiers and comments are never read.
 */
import {
  type SqlToken,
  closingParenthesis,
  isPunctuation,
  isWord,
  splitTopLevel,
  sqlTokens,
} from './sql-tokens.js';

/** One cut of the statement: `[start, end)` replaced by `text`. */
interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Words that start a table element other than a column definition. */
const NOT_A_COLUMN = [
  'CONSTRAINT',
  'PRIMARY',
  'UNIQUE',
  'KEY',
  'INDEX',
  'FOREIGN',
  'FULLTEXT',
  'SPATIAL',
  'CHECK',
];

/**
 * `sql` with its `SERIAL` column types rewritten as MySQL defines them, or `undefined` when it has none (or is not a
 * `CREATE TABLE` / `ALTER TABLE`).
 *
 * @example
 * withoutSerialType('CREATE TABLE `t` (`id` serial AUTO_INCREMENT NOT NULL, CONSTRAINT `t_id` PRIMARY KEY(`id`))');
 * // 'CREATE TABLE `t` (`id` bigint unsigned NOT NULL AUTO_INCREMENT, CONSTRAINT `t_id` PRIMARY KEY(`id`))'
 */
export function withoutSerialType(sql: string, lexed?: readonly SqlToken[]): string | undefined {
  if (!/serial/i.test(sql)) return undefined;
  const tokens = lexed ?? sqlTokens(sql);
  const elements = tableElements(tokens);
  if (elements === undefined) return undefined;
  const alter = isWord(tokens[0], 'ALTER');
  const primary = primaryKeyColumns(elements);
  const edits: Edit[] = [];
  for (const element of elements) {
    const at = serialTypeAt(element, alter);
    if (at < 0) continue;
    const column = (element[at - 1] as SqlToken).value.toLowerCase();
    const unique = !(primary.length === 1 && primary[0] === column) && !hasPrimaryKey(element.slice(at));
    edits.push(...definitionEdits(tokens, element, at, unique));
  }
  return edits.length === 0 ? undefined : applied(sql, edits);
}

/**
 * The elements of a `CREATE TABLE name (…)` (its column definitions and constraints) or the specifications of an
 * `ALTER TABLE name …`, each as its tokens; `undefined` for any other statement.
 */
function tableElements(tokens: readonly SqlToken[]): SqlToken[][] | undefined {
  let at = 1;
  const create = isWord(tokens[0], 'CREATE');
  if (!create && !isWord(tokens[0], 'ALTER')) return undefined;
  if (create && isWord(tokens[at], 'TEMPORARY')) at += 1;
  if (!isWord(tokens[at], 'TABLE')) return undefined;
  at += 1;
  if (create && ['IF', 'NOT', 'EXISTS'].every((word, offset) => isWord(tokens[at + offset], word))) at += 3;
  at = afterName(tokens, at);
  if (at < 0) return undefined;
  if (!create) return splitTopLevel(tokens.slice(at), true);
  if (!isPunctuation(tokens[at], '(')) return undefined;
  const close = closingParenthesis(tokens, at);
  return close < 0 ? undefined : splitTopLevel(tokens.slice(at + 1, close));
}

/**
 * The index of the `SERIAL` type word of a CREATE TABLE column definition, or of an ALTER TABLE `ADD | MODIFY |
 * CHANGE [COLUMN]` specification (`alter`); -1 when there is none.
 */
function serialTypeAt(element: readonly SqlToken[], alter: boolean): number {
  let at = 0;
  if (alter) {
    if (!['ADD', 'MODIFY', 'CHANGE'].some((word) => isWord(element[0], word))) return -1;
    at = isWord(element[1], 'COLUMN') ? 2 : 1;
    if (isWord(element[0], 'CHANGE')) at += 1;
  }
  const name = element[at];
  const column = name?.kind === 'identifier' || (name?.kind === 'word' && !NOT_A_COLUMN.includes(name.value));
  return column && isWord(element[at + 1], 'SERIAL') ? at + 1 : -1;
}

/** Replaces the `SERIAL` word at `at`, and drops what the replacement already says from the rest of the definition. */
function definitionEdits(
  tokens: readonly SqlToken[],
  element: readonly SqlToken[],
  at: number,
  unique: boolean,
): Edit[] {
  const serial = element[at] as SqlToken;
  const edits: Edit[] = [
    {
      start: serial.start,
      end: serial.end,
      text: `bigint unsigned NOT NULL AUTO_INCREMENT${unique ? ' UNIQUE' : ''}`,
    },
  ];
  const drop = (token: SqlToken) => {
    // With the space before it, which ends where the token before it ends.
    const before = tokens[tokens.indexOf(token) - 1] as SqlToken;
    edits.push({ start: before.end, end: token.end, text: '' });
  };
  for (let next = at + 1; next < element.length; next++) {
    const token = element[next] as SqlToken;
    if (isWord(token, 'AUTO_INCREMENT')) drop(token);
    else if (isWord(token, 'NOT') && isWord(element[next + 1], 'NULL')) {
      drop(token);
      drop(element[++next] as SqlToken);
    } else if (isWord(token, 'UNIQUE')) {
      drop(token);
      if (isWord(element[next + 1], 'KEY')) drop(element[++next] as SqlToken);
    }
  }
  return edits;
}

/** The columns (lower-cased) of the one `PRIMARY KEY (…)` element or specification, if there is one. */
function primaryKeyColumns(elements: readonly (readonly SqlToken[])[]): string[] {
  for (const element of elements) {
    const at = element.findIndex(
      (token, index) => isWord(token, 'PRIMARY') && isWord(element[index + 1], 'KEY'),
    );
    const starts = at === 0 || isWord(element[0], 'CONSTRAINT') || isWord(element[0], 'ADD');
    if (at < 0 || !starts || !isPunctuation(element[at + 2], '(')) continue;
    const close = closingParenthesis(element, at + 2);
    if (close < 0) continue;
    const parts = splitTopLevel(element.slice(at + 3, close)) ?? [];
    return parts.map((part) => (part[0] as SqlToken).value.toLowerCase());
  }
  return [];
}

/** True when a column definition's rest says `PRIMARY KEY`. */
function hasPrimaryKey(definition: readonly SqlToken[]): boolean {
  return definition.some((token, at) => isWord(token, 'PRIMARY') && isWord(definition[at + 1], 'KEY'));
}

/** The index after a table name (`name` or `db.name`) starting at `at`, or -1. */
function afterName(tokens: readonly SqlToken[], at: number): number {
  const isName = (token: SqlToken | undefined) => token?.kind === 'identifier' || token?.kind === 'word';
  if (!isName(tokens[at])) return -1;
  return isPunctuation(tokens[at + 1], '.') && isName(tokens[at + 2]) ? at + 3 : at + 1;
}

function applied(sql: string, edits: readonly Edit[]): string {
  let text = '';
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    text += sql.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return text + sql.slice(at);
}
