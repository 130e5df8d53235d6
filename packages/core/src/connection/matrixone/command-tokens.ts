/**
 * The tokens of the statement a mysql2 command sends, cut once per command: the MatrixOne guard reads them when
 * the command is queued and again when its turn comes, and the insert-id correction when its answer arrives.
 */
import { type SqlToken, sqlTokens } from './sql-tokens.js';

const lexed = new WeakMap<object, { readonly sql: string; readonly tokens: readonly SqlToken[] }>();

/**
 * The tokens of `sql`, the text `command` sends: cut by the first caller, shared with the later ones as long as
 * the text is the same (a guard that rewrote the statement gets the new text cut anew).
 *
 * @example
 * const kind = insertStatementKind(command.sql, commandTokens(command, command.sql));
 */
export function commandTokens(command: object, sql: string): readonly SqlToken[] {
  const known = lexed.get(command);
  if (known?.sql === sql) return known.tokens;
  const tokens = sqlTokens(sql);
  lexed.set(command, { sql, tokens });
  return tokens;
}
