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

/** A stage's `CREDENTIALS = {'AWS_KEY_ID'='…', …}` block, closed or cut off at the end of the text. */
const CREDENTIALS_BLOCK = new RegExp(
  String.raw`(\bCREDENTIALS\s*=\s*)\{(?:[^{}'"]|${LITERAL}|'(?:[^'\\]|\\[\s\S]|'')*$)*\}?`,
  'gi',
);

/** The password of a `scheme://user:password@host` URI (CDC source and sink URIs), up to its last `@`. */
const URI_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/'"@:]*:)(?:[^\s'"\\]|''|\\[\s\S])*(?=@)/gi;

/**
 * Returns `sql` with every password literal replaced by `'***'`, a stage's CREDENTIALS block by `{'***'}` and the
 * password of a `scheme://user:password@host` URI by `***`.
 *
 * @example
 * redactSql("CREATE USER u1 IDENTIFIED BY 'secret'"); // "CREATE USER u1 IDENTIFIED BY '***'"
 */
export function redactSql(sql: string): string {
  return SECRET_PATTERNS.reduce((text, pattern) => text.replace(pattern, `$1${REDACTED}`), sql)
    .replace(CREDENTIALS_BLOCK, `$1{${REDACTED}}`)
    .replace(URI_PASSWORD, '$1***');
}
