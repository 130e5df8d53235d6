/**
 * What kind of INSERT a statement is, as far as its generated ids go: read from the SQL text outside string
 * literals, quoted identifiers and comments, so a value such as `'on duplicate key update'` changes nothing.
 */
import { type SqlToken, sqlTokens } from './matrixone/sql-tokens.js';

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

/** Classifies `sql` (`tokens`: its tokens, when already cut); see {@link InsertStatementKind}. */
export function insertStatementKind(
  sql: string,
  tokens: readonly SqlToken[] = sqlTokens(sql),
): InsertStatementKind {
  const { words, severalStatements } = topLevelWords(tokens);
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
 * The words of a statement's `tokens` at parenthesis depth 0, upper-cased, and whether a `;` is followed by more
 * SQL. Quoted text and comments are skipped ({@link sqlTokens}).
 */
function topLevelWords(tokens: readonly SqlToken[]): { words: string[]; severalStatements: boolean } {
  const words: string[] = [];
  let depth = 0;
  let ended = false;
  let severalStatements = false;
  for (const token of tokens) {
    if (ended) severalStatements = true;
    if (token.kind === 'word' && depth === 0) words.push(token.value);
    else if (token.text === ';') ended = true;
    else if (token.text === '(') depth += 1;
    else if (token.text === ')') depth = Math.max(0, depth - 1);
  }
  return { words, severalStatements };
}
