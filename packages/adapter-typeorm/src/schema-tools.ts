/**
 * TypeORM's schema tools on MatrixOne: `synchronize`, `createSchemaBuilder().log()` (what `migration:generate`
 * writes) and migrations that drop an index or a foreign key by name. They read the schema with the query runner's
 * `loadTables` from `INFORMATION_SCHEMA`, which MatrixOne answers differently (observed on MatrixOne 4.2.0;
 * docs/adapters/typeorm.md#schema-tools-on-matrixone), so each loaded `Table` is corrected there:
 * - `KEY_COLUMN_USAGE` has no PRIMARY rows, so no column looked primary and TypeORM added the key again (errno 1068
 *   `Multiple primary key defined`): primary columns are read from `COLUMNS.COLUMN_KEY = 'PRI'` instead;
 * - index and foreign-key names come lower-cased, so every mixed-case name the entities declare looked dropped:
 *   loaded names take the declared spelling when they are equal ignoring case (MySQL compares them so);
 * - `KEY_COLUMN_USAGE.COLUMN_NAME` comes lower-cased: foreign-key columns take the table's own spelling;
 * - `COLUMNS.EXTRA` lacks `on update …`, which MatrixOne reports nowhere recorded: a column the entity declares
 *   with `onUpdate` is taken to have it (so adding or removing only `onUpdate` is not seen).
 * `dropIndex` and `dropForeignKey` given a name find it ignoring case. Only on MatrixOne (the kit's server
 * detection, shared with the client, or the `serverFlavor` option); elsewhere TypeORM runs unchanged.
 */
import { type Executor, ServerFlavor, type Statement } from '@matrixone/core';
import {
  declaredNames,
  primaryKeyColumnsOf,
  primaryKeyColumnsStatement,
  primaryKeyOf,
  serverInfoSource,
} from '@matrixone/core/adapter';
import type { DataSource, EntityMetadata, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

/** The members of TypeORM's mysql query runner patched or called here (`loadTables` and the rest are protected). */
interface MysqlRunner extends QueryRunner {
  loadTables(tableNames?: string[]): Promise<Table[]>;
  getCachedTable(tableName: string): Promise<Table>;
  getTablePath(target: Table | EntityMetadata): string;
}

/** The driver's members used here. */
interface MysqlDriverParts {
  parseTableName(target: Table): { database?: string; tableName: string };
  /** How the driver compares `onUpdate` (TypeORM 1.x; absent from older 0.3 releases, which compare it as written). */
  normalizeDatetimeFunction?(value: string | undefined): string | undefined;
}

/** Whether the server is MatrixOne, asked on `runner`'s own connection the first time (a pool of one has no other). */
async function isMatrixOne(
  runner: QueryRunner,
  dataSource: DataSource,
  serverFlavor: ServerFlavor | undefined,
) {
  const executor: Executor = {
    inTransaction: runner.isTransactionActive,
    run: async <R>(statement: Statement) => ({
      rows: (await runner.query(statement.sql)) as R[],
      columns: [],
      affectedRows: 0,
    }),
  };
  const detect = serverInfoSource(executor, { sharedBy: dataSource, ...(serverFlavor && { serverFlavor }) });
  return (await detect()).flavor === ServerFlavor.MatrixOne;
}

/**
 * Corrects what `queryRunner`, a query runner of `dataSource` (an initialized mysql or mariadb DataSource), reads of
 * the schema, when the server is MatrixOne. `serverFlavor`: the option of `matrixone(dataSource, options)`.
 */
export function useSchemaToolsOnMatrixOne(
  queryRunner: QueryRunner,
  dataSource: DataSource,
  serverFlavor: ServerFlavor | undefined,
): void {
  const runner = queryRunner as MysqlRunner;
  const onMatrixOne = (on: QueryRunner) => isMatrixOne(on, dataSource, serverFlavor);
  const { loadTables, dropIndex, dropForeignKey } = runner;
  runner.loadTables = async function (this: MysqlRunner, tableNames) {
    const tables = await loadTables.call(this, tableNames);
    if (tables.length > 0 && (await onMatrixOne(this))) await correctTables(this, dataSource, tables);
    return tables;
  };
  runner.dropIndex = async function (this: MysqlRunner, tableOrName, indexOrName, ifExists) {
    if (typeof indexOrName !== 'string' || !(await onMatrixOne(this))) {
      return dropIndex.call(this, tableOrName, indexOrName, ifExists);
    }
    const table = typeof tableOrName === 'string' ? await this.getCachedTable(tableOrName) : tableOrName;
    return dropIndex.call(this, table, sameName(table.indices, indexOrName) ?? indexOrName, ifExists);
  };
  runner.dropForeignKey = async function (this: MysqlRunner, tableOrName, foreignKeyOrName, ifExists) {
    if (typeof foreignKeyOrName !== 'string' || !(await onMatrixOne(this))) {
      return dropForeignKey.call(this, tableOrName, foreignKeyOrName, ifExists);
    }
    const table = typeof tableOrName === 'string' ? await this.getCachedTable(tableOrName) : tableOrName;
    const found = sameName(table.foreignKeys, foreignKeyOrName);
    return dropForeignKey.call(this, table, found ?? foreignKeyOrName, ifExists);
  };
}

/** The index or foreign key whose name equals `name` ignoring case. */
function sameName<T extends TableIndex | TableForeignKey>(items: readonly T[], name: string): T | undefined {
  return items.find((item) => item.name?.toLowerCase() === name.toLowerCase());
}

/** Applies the corrections of the module comment to tables TypeORM just loaded. */
async function correctTables(runner: MysqlRunner, dataSource: DataSource, tables: readonly Table[]) {
  const driver = dataSource.driver as unknown as MysqlDriverParts;
  const named = tables.map((table) => {
    const { database, tableName } = driver.parseTableName(table);
    return { loaded: table, schema: database ?? table.database ?? '', table: tableName };
  });
  const statement = primaryKeyColumnsStatement(named);
  const primaryKeys = primaryKeyColumnsOf(await runner.query(statement.sql, [...(statement.values ?? [])]));
  for (const { loaded, ...name } of named) {
    const primary = new Set(
      (primaryKeys.get(primaryKeyOf(name)) ?? []).map((column) => column.toLowerCase()),
    );
    for (const column of loaded.columns) column.isPrimary = primary.has(column.name.toLowerCase());
    const metadata = dataSource.entityMetadatas.find(
      (entity) => runner.getTablePath(entity) === runner.getTablePath(loaded),
    );
    nameAsDeclared(loaded, metadata);
    if (metadata) onUpdateAsDeclared(loaded, metadata, driver);
  }
}

/** Index, foreign-key and column names in the spelling the entity and the table declare. */
function nameAsDeclared(table: Table, metadata: EntityMetadata | undefined) {
  const column = declaredNames(table.columns.map(({ name }) => name));
  const indexName = declaredNames([
    ...(metadata?.indices ?? []).map(({ name }) => name),
    ...(metadata?.uniques ?? []).map(({ name }) => name),
  ]);
  const foreignKeyName = declaredNames((metadata?.foreignKeys ?? []).map(({ name }) => name));
  for (const index of table.indices) {
    if (index.name) index.name = indexName(index.name);
    index.columnNames = index.columnNames.map(column);
  }
  for (const foreignKey of table.foreignKeys) {
    if (foreignKey.name) foreignKey.name = foreignKeyName(foreignKey.name);
    foreignKey.columnNames = foreignKey.columnNames.map(column);
    const declared = metadata?.foreignKeys.find(({ name }) => name === foreignKey.name);
    if (declared)
      foreignKey.referencedColumnNames = foreignKey.referencedColumnNames.map(
        declaredNames(declared.referencedColumnNames),
      );
  }
}

/** `onUpdate` of the columns the entity declares with one, which MatrixOne does not report. */
function onUpdateAsDeclared(table: Table, metadata: EntityMetadata, driver: MysqlDriverParts) {
  for (const declared of metadata.columns) {
    if (!declared.onUpdate) continue;
    const loaded = table.columns.find(({ name }) => name === declared.databaseName);
    if (loaded && !loaded.onUpdate) {
      loaded.onUpdate = driver.normalizeDatetimeFunction?.(declared.onUpdate) ?? declared.onUpdate;
    }
  }
}
