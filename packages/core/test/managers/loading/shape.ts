/**
 * Compares SDK statements with MatrixOne's recorded ones, which spell the same statement with other case,
 * spacing, quote characters (`"filepath"="…"` vs `'filepath'='…'`), back-quotes and a trailing semicolon.
 */
export function shape(sql: string): string {
  return sql
    .replace(/["'`]/g, ' ')
    .replace(/\s*([{}=,()])\s*/g, '$1')
    .replace(/\s+/g, ' ')
    .replace(/\s*;\s*$/, '')
    .trim()
    .toLowerCase();
}
