/**
 * Reading a table's foreign keys with their rules, for an ORM's schema tool deciding whether a declared foreign key
 * is already there. MatrixOne's `TABLE_CONSTRAINTS` has no FOREIGN KEY rows, so an ORM that looks a foreign key up
 * there by name cannot find it; `KEY_COLUMN_USAGE` joined with `REFERENTIAL_CONSTRAINTS` on the constraint's name,
 * schema and table lists it (observed on MatrixOne 4.2.0: Knex and TypeORM read foreign keys so), with
 * `KEY_COLUMN_USAGE.COLUMN_NAME` and the constraint names lower-cased. Names are compared ignoring case here, as
 * MySQL compares column and index names.
 */
import type { Statement } from '../connection/executor.js';

/** One foreign key of a table, as the catalog lists it. */
export interface TableForeignKey {
  /** The constraint's name as the server spells it (lower-cased on MatrixOne): what `DROP FOREIGN KEY` takes. */
  readonly name: string;
  /** The referencing columns as the server lists them, lower-cased. */
  readonly columns: readonly string[];
  readonly referencedTable: string;
  /** The referenced columns, each beside its referencing column, lower-cased. */
  readonly referencedColumns: readonly string[];
  /** `ON DELETE` rule in {@link foreignKeyRule}'s spelling. */
  readonly onDelete: string;
  /** `ON UPDATE` rule in {@link foreignKeyRule}'s spelling. */
  readonly onUpdate: string;
}

/**
 * The statement that reads the foreign keys of `table` (`[table]` in the session's database, or
 * `[database, table]`), one row per column; read its rows with {@link tableForeignKeysOf}. It names only catalog
 * columns an ORM was seen reading on MatrixOne 4.2.0 (TypeORM's join, not `ORDINAL_POSITION`).
 *
 * @example
 * const { sql, values } = tableForeignKeysStatement(['posts']);
 * const keys = tableForeignKeysOf(await run(sql, values));
 */
export function tableForeignKeysStatement(table: readonly string[]): Statement {
  const schema = table.length === 2 ? '?' : 'DATABASE()';
  return {
    sql:
      'SELECT k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, ' +
      'r.DELETE_RULE, r.UPDATE_RULE FROM information_schema.KEY_COLUMN_USAGE k ' +
      'JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_NAME = k.CONSTRAINT_NAME ' +
      'AND r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME ' +
      `WHERE k.TABLE_SCHEMA = ${schema} AND k.TABLE_NAME = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL`,
    values: table.length === 2 ? [table[0], table[1]] : [table[0]],
  };
}

/**
 * The foreign keys in the rows of {@link tableForeignKeysStatement}, read by position (servers differ in the case
 * of column labels).
 */
export function tableForeignKeysOf(rows: readonly object[]): TableForeignKey[] {
  const byName = new Map<string, { -readonly [K in keyof TableForeignKey]: TableForeignKey[K] }>();
  for (const row of rows) {
    const [name = '', column = '', referencedTable = '', referencedColumn = '', onDelete, onUpdate] =
      Object.values(row).map((value) => (value === null || value === undefined ? '' : String(value)));
    let key = byName.get(name);
    if (!key) {
      key = {
        name,
        columns: [],
        referencedTable,
        referencedColumns: [],
        onDelete: foreignKeyRule(onDelete),
        onUpdate: foreignKeyRule(onUpdate),
      };
      byName.set(name, key);
    }
    key.columns = [...key.columns, column.toLowerCase()];
    key.referencedColumns = [...key.referencedColumns, referencedColumn.toLowerCase()];
  }
  return [...byName.values()];
}

/**
 * A referential action in one spelling, so that a declared rule and a listed one compare: upper-case, words
 * separated by one space (`SET_NULL` too: MatrixOne's spelling is not recorded), and `RESTRICT`, `NO ACTION` and
 * no rule at all the same (InnoDB treats them alike, and servers list an omitted rule as either).
 *
 * @example
 * foreignKeyRule('set null'); // 'SET NULL'
 * foreignKeyRule(undefined);  // 'NO ACTION'
 */
export function foreignKeyRule(rule: string | undefined): string {
  const spelled = (rule ?? '')
    .trim()
    .replace(/[\s_]+/g, ' ')
    .toUpperCase();
  return spelled === '' || spelled === 'RESTRICT' ? 'NO ACTION' : spelled;
}
