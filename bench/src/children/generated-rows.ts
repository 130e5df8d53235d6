/**
 * A query that generates `count` rows on the server from the ten-row `digits` table (a cross join, one copy of
 * the table per decimal digit), portable to MariaDB, MySQL and MatrixOne without a recursion limit.
 */
export function generatedRowsSql(count: number): string {
  const digits = Math.max(1, Math.ceil(Math.log10(count)));
  const aliases = Array.from({ length: digits }, (_, i) => `d${i}`);
  const number = aliases.map((alias, i) => `${alias}.d * ${10 ** i}`).join(' + ');
  const limit = Math.floor(count);
  return (
    `SELECT ${number} AS n, CONCAT('row ', ${aliases[0]}.d) AS label FROM ` +
    `${aliases.map((alias) => `digits ${alias}`).join(', ')} LIMIT ${limit}`
  );
}
