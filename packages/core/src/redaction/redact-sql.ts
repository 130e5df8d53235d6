/**
 * Removes password literals from SQL text before it leaves the SDK (query events, logger lines, errors).
 * The account manager has to put passwords into `IDENTIFIED BY '…'` literals (MatrixOne's CREATE USER takes no
 * placeholder), so every place that reports SQL text passes it through {@link redactSql} first.
 */

/** What a redacted literal is replaced with. */
export const REDACTED = "'***'";

/** A single- or double-quoted SQL string literal: doubled quotes and backslash escapes stay inside it. */
const LITERAL = String.raw`(?:'(?:[^'\\]|\\[\s\S]|'')*'|"(?:[^"\\]|\\[\s\S]|"")*")`;

const SECRET_PATTERNS: readonly RegExp[] = [
  // CREATE/ALTER USER|ACCOUNT … IDENTIFIED [WITH plugin] BY|AS '…'
  new RegExp(String.raw`(\bIDENTIFIED\s+(?:WITH\s+\S+\s+)?(?:BY|AS)\s+)${LITERAL}`, 'gi'),
  // PASSWORD('…'), OLD_PASSWORD('…')
  new RegExp(String.raw`(\b\w*PASSWORD\s*\(\s*)${LITERAL}`, 'gi'),
  // SET PASSWORD [FOR user] = '…', MASTER_PASSWORD = '…'
  new RegExp(String.raw`(\b\w*PASSWORD(?:\s+FOR\s+\S+)?\s*=\s*)${LITERAL}`, 'gi'),
];

/**
 * Returns `sql` with every password literal replaced by `'***'`.
 *
 * @example
 * redactSql("CREATE USER u1 IDENTIFIED BY 'secret'"); // "CREATE USER u1 IDENTIFIED BY '***'"
 */
export function redactSql(sql: string): string {
  return SECRET_PATTERNS.reduce((text, pattern) => text.replace(pattern, `$1${REDACTED}`), sql);
}
