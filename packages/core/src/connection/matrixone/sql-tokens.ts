/**
 * A small SQL lexer for the MatrixOne connection guards: they look at a statement's keywords and, for upserts, at
 * its shape, never inside string literals, quoted identifiers or comments. Each token keeps its place in the text
 * so a guard can cut a piece out of the statement and leave every other byte as the caller wrote it.
 */

/** The kinds of token a statement is cut into. */
export type TokenKind = 'word' | 'identifier' | 'string' | 'number' | 'placeholder' | 'punctuation';

/** One token: `text` as written, `[start, end)` its place in the statement. */
export interface SqlToken {
  readonly kind: TokenKind;
  readonly text: string;
  /** Words upper-cased, back-quoted identifiers unquoted; otherwise `text`. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Cuts `sql` into tokens, skipping whitespace and comments (`-- `, `#`, `/* … *\/`). Strings ('…', "…") and
 * back-quoted identifiers honour doubled quotes, and strings backslash escapes. `?` is a placeholder; `??` (an
 * identifier placeholder) is two of them, which callers treat as text they do not understand.
 */
export function sqlTokens(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  let at = 0;
  const push = (kind: TokenKind, start: number, end: number, value?: string) => {
    const text = sql.slice(start, end);
    tokens.push({ kind, text, value: value ?? text, start, end });
  };
  while (at < sql.length) {
    const char = sql[at] as string;
    const next = sql[at + 1];
    if (/\s/.test(char)) {
      at += 1;
    } else if ((char === '-' && next === '-' && /\s/.test(sql[at + 2] ?? ' ')) || char === '#') {
      const end = sql.indexOf('\n', at);
      at = end === -1 ? sql.length : end + 1;
    } else if (char === '/' && next === '*') {
      const end = sql.indexOf('*/', at + 2);
      at = end === -1 ? sql.length : end + 2;
    } else if (char === '`') {
      const end = afterQuoted(sql, at, char);
      push('identifier', at, end, sql.slice(at + 1, end - 1).replaceAll('``', '`'));
      at = end;
    } else if (char === "'" || char === '"') {
      const end = afterQuoted(sql, at, char);
      push('string', at, end);
      at = end;
    } else if (char === '?') {
      push('placeholder', at, at + 1);
      at += 1;
    } else {
      const word = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(sql.slice(at, at + 256))?.[0];
      const number = word ? undefined : /^[0-9][A-Za-z0-9_.]*/.exec(sql.slice(at, at + 256))?.[0];
      if (word !== undefined) push('word', at, at + word.length, word.toUpperCase());
      else if (number !== undefined) push('number', at, at + number.length);
      else push('punctuation', at, at + 1);
      at += word?.length ?? number?.length ?? 1;
    }
  }
  return tokens;
}

/** True when `token` is the keyword `word` (upper case). */
export function isWord(token: SqlToken | undefined, word: string): boolean {
  return token?.kind === 'word' && token.value === word;
}

/** True when `token` is the punctuation `char`. */
export function isPunctuation(token: SqlToken | undefined, char: string): boolean {
  return token?.kind === 'punctuation' && token.text === char;
}

/** The index of the `)` closing the `(` at `open`, or -1. */
export function closingParenthesis(tokens: readonly SqlToken[], open: number): number {
  let depth = 0;
  for (let at = open; at < tokens.length; at++) {
    if (isPunctuation(tokens[at], '(')) depth += 1;
    else if (isPunctuation(tokens[at], ')')) depth -= 1;
    if (depth === 0) return at;
  }
  return -1;
}

/**
 * `tokens` split at the commas outside parentheses; `undefined` when an item is empty or the parentheses do not
 * match. With `endAtSemicolon` (a statement's tail), a `;` outside parentheses ends the list and is left out.
 */
export function splitTopLevel(tokens: readonly SqlToken[], endAtSemicolon = false): SqlToken[][] | undefined {
  const items: SqlToken[][] = [[]];
  let depth = 0;
  for (const token of tokens) {
    if (isPunctuation(token, '(')) depth += 1;
    if (isPunctuation(token, ')')) depth -= 1;
    if (depth < 0) return undefined;
    if (endAtSemicolon && depth === 0 && isPunctuation(token, ';')) break;
    if (depth === 0 && isPunctuation(token, ',')) items.push([]);
    else (items.at(-1) as SqlToken[]).push(token);
  }
  if (depth !== 0 || items.some((item) => item.length === 0)) return undefined;
  return items;
}

/** The index just past the quoted text (string or back-quoted name) that starts at `start`. */
function afterQuoted(sql: string, start: number, quote: string): number {
  let at = start + 1;
  while (at < sql.length) {
    const char = sql[at];
    if (char === '\\' && quote !== '`') at += 2;
    else if (char === quote && sql[at + 1] === quote) at += 2;
    else if (char === quote) return at + 1;
    else at += 1;
  }
  return sql.length;
}
