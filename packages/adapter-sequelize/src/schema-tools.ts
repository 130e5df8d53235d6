/**
 * Sequelize's `sync({ alter: true })` on MatrixOne (docs/adapters/sequelize.md#schema-tools-on-matrixone). Sequelize
 * alters an existing table by sending `ALTER TABLE … CHANGE` for every column, each carrying the column's `UNIQUE`
 * (one more unique index per run), and by dropping and re-adding every foreign key after looking it up by name in
 * `INFORMATION_SCHEMA.TABLE_CONSTRAINTS`, which on MatrixOne has no foreign-key rows: the lookup fails with
 * `SequelizeUnknownConstraintError` (observed on MatrixOne 4.2.0). On MatrixOne only, a `beforeSync` hook of this
 * Sequelize instance does the alter pass instead, through the instance's own queryInterface: it adds the missing
 * columns and removes the dropped ones as Sequelize does, changes only the columns that differ from the model
 * (without a `UNIQUE` already there), and drops and re-adds a foreign key only when it differs from the model, found
 * through `KEY_COLUMN_USAGE` and `REFERENTIAL_CONSTRAINTS`; then it tells Sequelize the alter pass is done
 * (`options.alter = false`), and Sequelize goes on with the rest of `sync` (its missing indexes). The instance's
 * `showIndex` answers index names in the model's spelling where MatrixOne lower-cased them, so a named index is
 * not added again. Other servers are left to Sequelize.
 */
import {
  type Executor,
  type Transaction as MatrixOneTransaction,
  ServerFlavor,
  type Statement,
} from '@matrixone/core';
import {
  type ColumnDefinition,
  type TableForeignKey,
  foreignKeyRule,
  sameColumnDefinition,
  serverInfoSource,
  tableForeignKeysOf,
  tableForeignKeysStatement,
} from '@matrixone/core/adapter';
import {
  type ColumnDescription,
  type Model,
  type ModelAttributeColumnOptions,
  type ModelStatic,
  type QueryOptions,
  QueryTypes,
  type Sequelize,
  type SyncOptions,
  type TableName,
} from 'sequelize';
import type { MatrixOneSequelizeClient, MatrixOneSequelizeOptions } from './options.js';

/** The parts of Sequelize's mysql query generator used here (`lib/dialects/mysql/query-generator.js`). */
interface QueryGenerator {
  attributeToSQL(attribute: object): string;
  dropForeignKeyQuery(table: TableName, name: string): string;
}

/** One index as Sequelize's mysql `showIndex` returns it (`lib/dialects/mysql/query.js`). */
interface IndexDescription {
  readonly name: string;
  readonly unique: boolean;
  readonly fields: readonly { readonly attribute: string }[];
}

/** An attribute of the model and the column it maps to. */
interface TableAttribute {
  readonly name: string;
  readonly field: string;
  readonly options: ModelAttributeColumnOptions;
}

const installed = new WeakSet<Sequelize>();

/**
 * Sets the schema tools up (once per Sequelize instance) when `bound` is a client; returns `bound`. Whether the
 * server is MatrixOne is `options.serverFlavor`, or else read through Sequelize's own pool at the first
 * `sync({ alter })` or `showIndex` that needs it (not the SDK client, which may be closed by then), the answer
 * shared with the client's detection.
 */
export function withSchemaTools(
  bound: object,
  options: MatrixOneSequelizeOptions = {},
): MatrixOneSequelizeClient | MatrixOneTransaction {
  const sequelize = (bound as Partial<MatrixOneSequelizeClient>).sequelize;
  if (sequelize && !installed.has(sequelize)) {
    installed.add(sequelize);
    const { serverFlavor } = options;
    const executor: Executor = {
      inTransaction: false,
      run: async <R>(statement: Statement) => ({
        rows: (await sequelize.query(statement.sql, { type: QueryTypes.SELECT })) as R[],
        columns: [],
        affectedRows: 0,
      }),
    };
    const detect = serverInfoSource(executor, { sharedBy: sequelize, ...(serverFlavor && { serverFlavor }) });
    useSchemaTools(sequelize, async () => (await detect()).flavor === ServerFlavor.MatrixOne);
  }
  return bound as MatrixOneSequelizeClient | MatrixOneTransaction;
}

/** Adds the `beforeSync` hook and the `showIndex` wrapper (see the module comment) to `sequelize`. */
function useSchemaTools(sequelize: Sequelize, onMatrixOne: () => Promise<boolean>): void {
  // Sequelize runs an instance's model hooks with the model as `this`, and reads `options.alter` after them.
  sequelize.addHook('beforeSync', 'matrixone:schema-tools', async function (this: unknown, options) {
    // With `force` the table is dropped and created again: nothing to alter.
    if (options.alter && !options.force && (await onMatrixOne())) {
      await alterTable(this as ModelStatic<Model>, options);
    }
  });
  keepIndexNames(sequelize, onMatrixOne);
}

/** Sequelize's alter pass for one model, without the statements that would change nothing. */
async function alterTable(model: ModelStatic<Model>, options: SyncOptions): Promise<void> {
  const sequelize = model.sequelize as Sequelize;
  const queryInterface = sequelize.getQueryInterface();
  const table = model.getTableName();
  // A table that is not there yet is Sequelize's to create.
  if (!(await queryInterface.tableExists(table, options))) return;
  const columns = await queryInterface.describeTable(table, options);
  const attributes = tableAttributes(model);
  for (const { name, field, options: attribute } of attributes.values()) {
    if (!(field in columns) && !(name in columns)) {
      await queryInterface.addColumn(table, field, attribute, options);
    }
  }
  const { alter } = options;
  if (alter === true || (typeof alter === 'object' && alter.drop !== false)) {
    const indexes = (await queryInterface.showIndex(table, options)) as IndexDescription[];
    const foreignKeys = await readForeignKeys(sequelize, table, options);
    for (const [column, reported] of Object.entries(columns)) {
      const attribute = attributes.get(column)?.options;
      if (!attribute) await queryInterface.removeColumn(table, column, options);
      else if (attribute.primaryKey) continue;
      else if (attribute.references)
        await alignForeignKey(sequelize, table, column, attribute, foreignKeys, options);
      else await alignColumn(sequelize, table, column, attribute, reported, indexes, options);
    }
  }
  options.alter = false;
}

/** The model's attributes that are table columns, by column name. */
function tableAttributes(model: ModelStatic<Model>): Map<string, TableAttribute> {
  const attributes = new Map<string, TableAttribute>();
  for (const [name, options] of Object.entries(model.getAttributes())) {
    if ((options.type as { key?: unknown }).key === 'VIRTUAL') continue;
    const field = options.field ?? name;
    attributes.set(field, { name, field, options });
  }
  return attributes;
}

/** Changes the column when it differs from the model; its `UNIQUE` only when no unique index covers it yet. */
async function alignColumn(
  sequelize: Sequelize,
  table: TableName,
  column: string,
  attribute: ModelAttributeColumnOptions,
  reported: ColumnDescription,
  indexes: readonly IndexDescription[],
  options: SyncOptions,
): Promise<void> {
  const unique = indexes.some(
    (index) =>
      index.unique && index.fields.length === 1 && sameName(index.fields[0]?.attribute ?? '', column),
  );
  const declared = declaredColumn(queryGenerator(sequelize), attribute);
  if (sameColumnDefinition(declared, reportedColumn(reported)) && (attribute.unique !== true || unique))
    return;
  const changed = unique ? { ...attribute, unique: false } : attribute;
  await sequelize.getQueryInterface().changeColumn(table, column, changed, options);
}

/**
 * Leaves a referencing column alone when a foreign key as the model declares it is there; otherwise drops the
 * column's foreign keys and lets Sequelize add the declared one (its `changeColumn` of a referencing column sends
 * only `ADD FOREIGN KEY`).
 */
async function alignForeignKey(
  sequelize: Sequelize,
  table: TableName,
  column: string,
  attribute: ModelAttributeColumnOptions,
  foreignKeys: readonly TableForeignKey[],
  options: SyncOptions,
): Promise<void> {
  const references =
    typeof attribute.references === 'string' ? { model: attribute.references } : attribute.references;
  const target = references?.model;
  const referencedTable =
    typeof target === 'function'
      ? tableNameOf((target as ModelStatic<Model>).getTableName())
      : tableNameOf(target ?? '');
  const referencedColumn = references?.key ?? 'id';
  const onColumn = foreignKeys.filter(
    (key) => key.columns.length === 1 && sameName(key.columns[0] ?? '', column),
  );
  const declared = (key: TableForeignKey) =>
    sameName(key.referencedTable, referencedTable) &&
    key.referencedColumns.length === 1 &&
    sameName(key.referencedColumns[0] ?? '', referencedColumn) &&
    key.onDelete === foreignKeyRule(attribute.onDelete) &&
    key.onUpdate === foreignKeyRule(attribute.onUpdate);
  if (onColumn.some(declared)) return;
  for (const key of onColumn) {
    await sequelize.query(
      queryGenerator(sequelize).dropForeignKeyQuery(table, key.name),
      options as QueryOptions,
    );
  }
  await sequelize.getQueryInterface().changeColumn(table, column, attribute, options);
}

async function readForeignKeys(
  sequelize: Sequelize,
  table: TableName,
  options: SyncOptions,
): Promise<TableForeignKey[]> {
  // Sequelize's mysql dialect has no schemas: a model's `schema` prefixes the table's name, in the one database.
  const name =
    typeof table === 'string'
      ? table
      : `${table.schema ? `${table.schema}${table.delimiter ?? '.'}` : ''}${table.tableName}`;
  const { sql, values = [] } = tableForeignKeysStatement([sequelize.config.database, name]);
  const [rows] = await sequelize.query(sql, { ...(options as QueryOptions), replacements: [...values] });
  return tableForeignKeysOf(rows as object[]);
}

/** The column as the model declares it, spelled by Sequelize's own DDL generator. */
function declaredColumn(generator: QueryGenerator, attribute: ModelAttributeColumnOptions): ColumnDefinition {
  const type = generator.attributeToSQL({ type: attribute.type });
  // Sequelize decides which defaults go into DDL (none for TEXT/BLOB/JSON, NOW, UUIDV4, functions).
  const withDefault = generator.attributeToSQL({
    type: attribute.type,
    defaultValue: attribute.defaultValue,
  });
  const prefix = `${type} DEFAULT `;
  return {
    type,
    nullable: attribute.allowNull !== false,
    defaultValue: withDefault.startsWith(prefix) ? withDefault.slice(prefix.length) : null,
    autoIncrement: attribute.autoIncrement === true,
    comment: attribute.comment ?? '',
  };
}

function reportedColumn(column: ColumnDescription): ColumnDefinition {
  return {
    type: column.type,
    nullable: column.allowNull,
    defaultValue: column.defaultValue ?? null,
    autoIncrement: column.autoIncrement,
    comment: column.comment ?? '',
  };
}

/**
 * Wraps the instance's `showIndex` (Sequelize's `sync` adds every model index whose name it does not find there):
 * on MatrixOne, an index name equal to a model's index name but for case is answered in the model's spelling.
 */
function keepIndexNames(sequelize: Sequelize, onMatrixOne: () => Promise<boolean>): void {
  const queryInterface = sequelize.getQueryInterface();
  const showIndex = queryInterface.showIndex;
  queryInterface.showIndex = async function (this: unknown, table, options) {
    const indexes = await showIndex.call(this, table, options);
    const declared = declaredIndexNames(sequelize, table);
    if (declared.size === 0 || !Array.isArray(indexes) || !(await onMatrixOne())) return indexes;
    return indexes.map((index: IndexDescription) => {
      const name = declared.get(index.name.toLowerCase());
      return name === undefined ? index : { ...index, name };
    });
  };
}

/** The mixed-case index names the models on `table` declare, by their lower-case spelling. */
function declaredIndexNames(sequelize: Sequelize, table: string | object): Map<string, string> {
  const names = new Map<string, string>();
  for (const model of Object.values(sequelize.models)) {
    if (tableNameOf(model.getTableName()) !== tableNameOf(table)) continue;
    for (const { name } of model.options.indexes ?? []) {
      if (name !== undefined && name !== name.toLowerCase()) names.set(name.toLowerCase(), name);
    }
  }
  return names;
}

function tableNameOf(table: string | object): string {
  return typeof table === 'string' ? table : String((table as { tableName?: unknown }).tableName);
}

/** Column, table and index names compare ignoring case (MatrixOne lower-cases some of them in its catalog). */
function sameName(left: string, right: string): boolean {
  return left.toLowerCase() === right.toLowerCase();
}

function queryGenerator(sequelize: Sequelize): QueryGenerator {
  return sequelize.getQueryInterface().queryGenerator as QueryGenerator;
}
