/**
 * The entities and migration TypeORM's schema-tool checks start the application with (the recorded model's shape,
 * docs/matrixone-facts.md#schema-tools-typeorm-synchronize-and-migrations), shared by the schema-tools suite and
 * the compatibility suite's schema rows; each suite names its own tables.
 */
import {
  EntitySchema,
  type EntitySchemaColumnOptions,
  type MigrationInterface,
  type QueryRunner,
  Table,
  TableIndex,
} from 'typeorm';

/** The models of one suite. */
export interface SchemaToolModels {
  /** The users entity, with `extra` columns on top of the first version's. */
  user(extra?: Record<string, EntitySchemaColumnOptions>): EntitySchema<Record<string, unknown>>;
  /** The posts entity: a many-to-one to users (`userId`, `ON DELETE CASCADE`). */
  readonly post: EntitySchema<Record<string, unknown>>;
  /** A migration creating the widgets table with a named index; its `down` drops that index by that name. */
  readonly widgetsMigration: new () => MigrationInterface;
}

/**
 * The models with entity names starting `entityPrefix` and table names `tablePrefix`: tables
 * `<tablePrefix>users`, `<tablePrefix>posts` and `<tablePrefix>widgets`, whose index is `IDX_<tablePrefix>widgets_name`.
 */
export function schemaToolModels(entityPrefix: string, tablePrefix: string): SchemaToolModels {
  const userName = `${entityPrefix}User`;
  const postName = `${entityPrefix}Post`;
  const widgets = `${tablePrefix}widgets`;
  const index = `IDX_${widgets}_name`;
  const user = (extra: Record<string, EntitySchemaColumnOptions> = {}) =>
    new EntitySchema<Record<string, unknown>>({
      name: userName,
      tableName: `${tablePrefix}users`,
      columns: {
        id: { type: 'bigint', primary: true, generated: 'increment' },
        email: { type: 'varchar', length: 120, unique: true },
        balance: { type: 'decimal', precision: 12, scale: 2, default: 0 },
        nickname: { type: 'varchar', length: 40, nullable: true },
        active: { type: 'boolean', default: true },
        role: { type: 'enum', enum: ['admin', 'user', 'guest'], default: 'user' },
        createdAt: { type: 'datetime', precision: 6, createDate: true },
        updatedAt: { type: 'datetime', precision: 6, updateDate: true },
        ...extra,
      },
      relations: { posts: { type: 'one-to-many', target: postName, inverseSide: 'user' } },
    });
  const post = new EntitySchema<Record<string, unknown>>({
    name: postName,
    tableName: `${tablePrefix}posts`,
    columns: {
      id: { type: 'int', primary: true, generated: 'increment' },
      title: { type: 'varchar', length: 80 },
    },
    relations: {
      user: { type: 'many-to-one', target: userName, joinColumn: { name: 'userId' }, onDelete: 'CASCADE' },
    },
  });
  class WidgetsMigration implements MigrationInterface {
    // TypeORM reads the migration's timestamp from the end of its name.
    name = `${entityPrefix}Widgets1700000000000`;
    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.createTable(
        new Table({
          name: widgets,
          columns: [
            { name: 'id', type: 'int', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
            { name: 'name', type: 'varchar', length: '50' },
          ],
        }),
      );
      await queryRunner.createIndex(widgets, new TableIndex({ name: index, columnNames: ['name'] }));
    }
    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.dropIndex(widgets, index);
    }
  }
  return { user, post, widgetsMigration: WidgetsMigration };
}
