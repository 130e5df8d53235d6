/**
 * What kind of INSERT a statement is, as far as its generated ids go: read from the SQL text outside string
 * literals, quoted identifiers and comments, so a value such as `'on duplicate key update'` changes nothing.
 */
import { afterQuoted } from './matrixone/sql-tokens.js';

/**
 * - `values`: `INSERT [INTO] t … VALUES (…), …` (or `VALUE`, or the one-row `SET` form) that neither ignores
 *   rows nor updates on duplicates: every affected row is a new row with a generated id, in order.
 * - `upsert`: `INSERT … ON DUPLICATE KEY UPDATE`: affected rows mix inserted (1) and updated (2) rows.
 * - `other-insert`: `REPLACE`, `INSERT IGNORE`, `INSERT … SELECT`/`TABLE`, or several statements in one text:
 *   affected rows do not say how many ids were generated.
 * - `not-insert`: anything else.
 */
export type InsertStatementKind = 'values' | 'upsert' | 'other-insert' | 'not-insert';

/** Words before the table name that change nothing about ids. */
const PRIORITY_WORDS = new Set(['LOW_PRIORITY', 'DELAYED', 'HIGH_PRIORITY']);

/** Classifies `sql`; see {@link InsertStatementKind}. */
export function insertStatementKind(sql: string): InsertStatementKind {
  const { words, severalStatements } = topLevelWords(sql);
  const [first] = words;
  if (first === 'REPLACE') return 'other-insert';
  if (first !== 'INSERT') return 'not-insert';
  if (severalStatements) return 'other-insert';
  let index = 1;
  while (PRIORITY_WORDS.has(words[index] ?? '')) index += 1;
  if (words[index] === 'IGNORE') return 'other-insert';
  for (let at = index; at < words.length - 3; at++) {
    if (
      words[at] === 'ON' &&
      words[at + 1] === 'DUPLICATE' &&
      words[at + 2] === 'KEY' &&
      words[at + 3] === 'UPDATE'
    ) {
      return 'upsert';
    }
  }
  const rowsFrom = words.slice(index).find((word) => ROW_SOURCES.has(word));
  return rowsFrom === 'VALUES' || rowsFrom === 'VALUE' || rowsFrom === 'SET' ? 'values' : 'other-insert';
}

/** The words that introduce an INSERT's rows. */
const ROW_SOURCES = new Set(['VALUES', 'VALUE', 'SET', 'SELECT', 'TABLE', 'WITH']);

/**
 * The unquoted words of `sql` at parenthesis depth 0, upper-cased, and whether a `;` is followed by more SQL.
 * Quoted text ('…', "…", `…`, with backslash escapes and doubled quotes) and comments (`-- `, `#`, `/* … *\/`)
 * are skipped.
 */
function topLevelWords(sql: string): { words: string[]; severalStatements: boolean } {
  const words: string[] = [];
  let depth = 0;
  let ended = false;
  let severalStatements = false;
  let at = 0;
  while (at < sql.length) {
    const char = sql[at] as string;
    const next = sql[at + 1];
    if (char === "'" || char === '"' || char === '`') {
      at = afterQuoted(sql, at, char);
      continue;
    }
    if ((char === '-' && next === '-' && /\s/.test(sql[at + 2] ?? ' ')) || char === '#') {
      const end = sql.indexOf('\n', at);
      at = end === -1 ? sql.length : end + 1;
      continue;
    }
    if (char === '/' && next === '*') {
      const end = sql.indexOf('*/', at + 2);
      at = end === -1 ? sql.length : end + 2;
      continue;
    }
    if (/\s/.test(char)) {
      at += 1;
      continue;
    }
    if (ended) severalStatements = true;
    if (char === ';') ended = true;
    else if (char === '(') depth += 1;
    else if (char === ')') depth = Math.max(0, depth - 1);
    const word = /^[A-Za-z0-9_$]+/.exec(sql.slice(at, at + 64))?.[0];
    if (word !== undefined) {
      if (depth === 0) words.push(word.toUpperCase());
      at += word.length;
    } else {
      at += 1;
    }
  }
  return { words, severalStatements };
}
