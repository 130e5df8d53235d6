/**
 * Reading a table's unique keys and auto-increment column on MatrixOne, for the upsert guard. Plain SELECTs on
 * INFORMATION_SCHEMA, which MatrixOne answers inside a transaction as outside: `COLUMNS.COLUMN_KEY` (`PRI`, `UNI`)
 * and `COLUMNS.EXTRA` (`auto_increment`) are right there, and `STATISTICS` lists unique indexes, with their names
 * lower-cased (observed on MatrixOne 4.2.0); `KEY_COLUMN_USAGE` is not used, as it has no rows for primary or
 * unique keys there. Nothing is cached: a table's keys are read again for every upsert, so DDL run in between,
 * on any connection, is always seen.
 */
import { quoteString } from '../../sql/literal.js';
import type { TableKeys } from './upsert-key-assignments.js';

/**
 * The two statements that read the keys of `table` (`[table]` in the session's database, or `[database, table]`):
 * the columns, then the unique indexes. Throws `InvalidInputError` for a name no literal can hold (a NUL).
 */
export function tableKeysStatements(table: readonly string[]): readonly [string, string] {
  const name = quoteString(table.at(-1));
  const schema = table.length === 2 ? quoteString(table[0]) : 'DATABASE()';
  const where = `WHERE TABLE_SCHEMA = ${schema} AND TABLE_NAME = ${name}`;
  return [
    `SELECT COLUMN_NAME, COLUMN_KEY, EXTRA FROM information_schema.COLUMNS ${where}`,
    `SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS ${where} AND NON_UNIQUE = 0`,
  ];
}

/**
 * The keys from the rows of {@link tableKeysStatements} (read by position: servers differ in the case of column
 * labels), or `undefined` when the table has no columns (not found). Column names are lower-cased.
 */
export function tableKeysOf(
  columnRows: readonly object[],
  indexRows: readonly object[],
): TableKeys | undefined {
  if (columnRows.length === 0) return undefined;
  const columns = columnRows.map((row) => Object.values(row).map((value) => String(value ?? '')));
  const primary = columns.filter(([, key]) => key?.toUpperCase() === 'PRI').map(([name]) => lower(name));
  const byIndex = new Map<string, string[]>();
  for (const [index = '', column = ''] of indexRows.map((row) => Object.values(row).map(String))) {
    if (index.toUpperCase() === 'PRIMARY') continue;
    byIndex.set(index, [...(byIndex.get(index) ?? []), lower(column)]);
  }
  // A column marked UNI is a one-column unique key even if STATISTICS did not list it.
  const single = columns.filter(([, key]) => key?.toUpperCase() === 'UNI').map(([name]) => [lower(name)]);
  return {
    unique: [...(primary.length > 0 ? [primary] : []), ...byIndex.values(), ...single],
    autoIncrement: columns
      .filter(([, , extra]) => /auto_increment/i.test(extra ?? ''))
      .map(([name]) => lower(name)),
  };
}

function lower(name: string | undefined): string {
  return (name ?? '').toLowerCase();
}
