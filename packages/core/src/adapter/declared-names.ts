/**
 * Matching the names a server reports for indexes, constraints and columns to the names an application declared,
 * ignoring case. MySQL compares these names case-insensitively, and MatrixOne reports index and foreign-key names
 * lower-cased, and `KEY_COLUMN_USAGE.COLUMN_NAME` too (observed on MatrixOne 4.2.0): an ORM that compares them
 * exactly sees every mixed-case name as dropped and re-added.
 */

/**
 * A function that gives, for a reported name, the declared name equal to it ignoring case (the first one, when
 * several differ only in case), or the reported name itself when none is.
 *
 * @example
 * const declared = declaredNames(['IDX_users_email', 'userId']);
 * declared('idx_users_email'); // 'IDX_users_email'
 * declared('other'); // 'other'
 */
export function declaredNames(names: Iterable<string>): (reported: string) => string {
  const byLowerCase = new Map<string, string>();
  for (const name of names) {
    const key = name.toLowerCase();
    if (!byLowerCase.has(key)) byLowerCase.set(key, name);
  }
  return (reported) => byLowerCase.get(reported.toLowerCase()) ?? reported;
}
