/**
 * Reading which columns of some tables form their primary keys, for an ORM's schema tool. MatrixOne's
 * `INFORMATION_SCHEMA.KEY_COLUMN_USAGE` has no rows for PRIMARY constraints, so a schema tool that looks primary keys
 * up there (TypeORM's `loadTables`) finds none and adds one again (errno 1068 `Multiple primary key defined`);
 * `COLUMNS.COLUMN_KEY` is `PRI` for them there as on MySQL (observed on MatrixOne 4.2.0).
 */
import type { Statement } from '../connection/executor.js';

/** A table in a database (schema). */
export interface SchemaTable {
  readonly schema: string;
  readonly table: string;
}

/**
 * The statement that reads the primary-key columns of `tables` (values bound to placeholders); read its rows with
 * {@link primaryKeyColumnsOf}. Columns come in table order: `COLUMN_KEY` does not tell a composite key's order.
 *
 * @example
 * const statement = primaryKeyColumnsStatement([{ schema: 'shop', table: 'users' }]);
 * const keys = primaryKeyColumnsOf((await run(statement)).rows);
 * keys.get(primaryKeyOf({ schema: 'shop', table: 'users' })); // ['id']
 */
export function primaryKeyColumnsStatement(tables: readonly SchemaTable[]): Statement {
  const byTable = tables.map(() => '(TABLE_SCHEMA = ? AND TABLE_NAME = ?)');
  return {
    sql:
      'SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS ' +
      `WHERE COLUMN_KEY = 'PRI' AND (${byTable.length > 0 ? byTable.join(' OR ') : '1 = 0'}) ` +
      'ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION',
    values: tables.flatMap(({ schema, table }) => [schema, table]),
  };
}

/** The key of a table in what {@link primaryKeyColumnsOf} returns. */
export function primaryKeyOf({ schema, table }: SchemaTable): string {
  return JSON.stringify([schema, table]);
}

/**
 * The primary-key columns per table (keyed by {@link primaryKeyOf}) from the rows of
 * {@link primaryKeyColumnsStatement}. Rows are read by position: servers differ in the case of column labels.
 */
export function primaryKeyColumnsOf(rows: readonly object[]): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const row of rows) {
    const [schema, table, column] = Object.values(row).map(String);
    if (schema === undefined || table === undefined || column === undefined) continue;
    const key = primaryKeyOf({ schema, table });
    keys.set(key, [...(keys.get(key) ?? []), column]);
  }
  return keys;
}
