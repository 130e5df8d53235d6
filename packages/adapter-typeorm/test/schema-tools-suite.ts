/**
 * TypeORM's schema tools once `matrixone(dataSource)` ran (issue 20 §3), the same checks on MariaDB answering like
 * MatrixOne (schema-tools.test.ts) and on a real MatrixOne (live/schema-tools.live.test.ts): a second
 * `synchronize` with unchanged entities sends no DDL, adding a column to an entity adds exactly that column,
 * `createSchemaBuilder().log()` (what `migration:generate` writes) is empty for an unchanged schema, and
 * `undoLastMigration()` whose `down` drops a named index works. Each start is a new DataSource, as an application's
 * restart; DDL is what TypeORM reported sending, and the schema is read back on the harness's own connection, with
 * index and constraint names lower-cased (MatrixOne stores them so) and the `PRIMARY` index left out (whether
 * MatrixOne's `STATISTICS` lists it is not recorded; `COLUMN_KEY` says which columns are primary).
 */
import {
  type FaultProxy,
  type TestDatabase,
  answerCatalogLikeMatrixOne,
  startFaultProxy,
} from '@matrixone/test-server';
import type mysql from 'mysql2/promise';
import {
  DataSource,
  type EntitySchema,
  type EntitySchemaColumnOptions,
  type MigrationInterface,
} from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { matrixone } from '../src/index.js';
import { recordDdl } from './ddl-recorder.js';
import { schemaToolModels } from './schema-tool-models.js';

/**
 * The tests, on `db`'s server: `emulated`, through a fault proxy answering the catalog as MatrixOne 4.2.0 does
 * (`answerCatalogLikeMatrixOne`) with the adapter told it talks to MatrixOne; otherwise on the server itself.
 */
export function schemaToolsTests(db: TestDatabase, emulated: boolean): void {
  const { user: userSchema, post: PostSchema, widgetsMigration } = schemaToolModels('', '');

  let proxy: FaultProxy | undefined;
  const started: DataSource[] = [];

  /** One start of the application: a new DataSource, `matrixone(dataSource)`, and the DDL TypeORM sends from then on. */
  async function start(
    entities: EntitySchema[],
    extra: { migrations?: (new () => MigrationInterface)[] } = {},
  ) {
    const dataSource = await new DataSource({
      type: 'mysql',
      url: proxy?.url ?? db.url,
      poolSize: 2,
      entities,
      ...extra,
    }).initialize();
    started.push(dataSource);
    matrixone(dataSource, emulated ? { serverFlavor: 'matrixone' } : {});
    return { dataSource, ddl: recordDdl(dataSource) };
  }

  /** A table's columns, indexes and foreign keys as the server has them, read on the harness's own connection. */
  async function schemaOf(table: string) {
    const [columns] = await db.inspect.query<mysql.RowDataPacket[]>(
      'SELECT COLUMN_NAME, COLUMN_KEY, EXTRA FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
      [db.name, table],
    );
    const [indexes] = await db.inspect.query<mysql.RowDataPacket[]>(
      'SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY INDEX_NAME',
      [db.name, table],
    );
    const [foreignKeys] = await db.inspect.query<mysql.RowDataPacket[]>(
      'SELECT CONSTRAINT_NAME FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?',
      [db.name, table],
    );
    return {
      columns: columns.map((row) => `${row.COLUMN_NAME} ${row.COLUMN_KEY} ${row.EXTRA}`.trim()),
      indexes: indexes
        .map((row) => String(row.INDEX_NAME).toLowerCase())
        .filter((name) => name !== 'primary'),
      foreignKeys: foreignKeys.map((row) => String(row.CONSTRAINT_NAME).toLowerCase()),
    };
  }

  beforeAll(async () => {
    if (emulated) {
      proxy = await startFaultProxy(db.url);
      answerCatalogLikeMatrixOne(proxy);
    }
    // The first start: an empty database, which synchronize creates (this works on MatrixOne without the adapter).
    const { dataSource } = await start([userSchema(), PostSchema]);
    await dataSource.synchronize();
  });
  afterAll(async () => {
    for (const dataSource of started) if (dataSource.isInitialized) await dataSource.destroy();
    await proxy?.close();
  });

  it('a second start with unchanged entities: synchronize sends no DDL and the schema stays as it was', async () => {
    const before = { users: await schemaOf('users'), posts: await schemaOf('posts') };
    const { dataSource, ddl } = await start([userSchema(), PostSchema]);
    await dataSource.synchronize();
    expect(ddl).toEqual([]);
    expect({ users: await schemaOf('users'), posts: await schemaOf('posts') }).toEqual(before);
    expect(before.users.columns[0]).toBe('id PRI auto_increment');
    expect(before.users.indexes).toEqual(['idx_97672ac88f789774dd47f7c8be']);
    expect(before.posts.foreignKeys).toEqual(['fk_ae05faaa55c866130abef6e1fee']);
  });

  it("queryRunner.getTable('users') and ('posts'): the primary key, and names as the entities declare them", async () => {
    const { dataSource } = await start([userSchema(), PostSchema]);
    const runner = dataSource.createQueryRunner();
    const [users, posts] = [await runner.getTable('users'), await runner.getTable('posts')];
    await runner.release();
    expect(users?.primaryColumns.map(({ name }) => name)).toEqual(['id']);
    expect(users?.indices.map(({ name, columnNames }) => [name, columnNames])).toEqual([
      ['IDX_97672ac88f789774dd47f7c8be', ['email']],
    ]);
    expect(users?.findColumnByName('updatedAt')?.onUpdate).toBe('CURRENT_TIMESTAMP(6)');
    expect(posts?.primaryColumns.map(({ name }) => name)).toEqual(['id']);
    expect(posts?.foreignKeys.map(({ name, columnNames }) => [name, columnNames])).toEqual([
      ['FK_ae05faaa55c866130abef6e1fee', ['userId']],
    ]);
  });

  it.skipIf(!emulated)(
    'changes nothing on a server that is not MatrixOne: TypeORM reads the answers as they come',
    async () => {
      // The same MatrixOne-like answers, but the adapter detects MariaDB (no serverFlavor): TypeORM's own reading.
      const dataSource = await new DataSource({
        type: 'mysql',
        url: proxy?.url,
        entities: [userSchema(), PostSchema],
      }).initialize();
      started.push(dataSource);
      matrixone(dataSource);
      const runner = dataSource.createQueryRunner();
      const users = await runner.getTable('users');
      await runner.release();
      expect(users?.primaryColumns).toEqual([]);
      expect(users?.indices.map(({ name }) => name)).toEqual(['idx_97672ac88f789774dd47f7c8be']);
    },
  );

  it('createSchemaBuilder().log() (what migration:generate writes) has no statement for an unchanged schema', async () => {
    const { dataSource } = await start([userSchema(), PostSchema]);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('after adding a column to an entity, synchronize adds exactly that column', async () => {
    const before = await schemaOf('users');
    const city: EntitySchemaColumnOptions = { type: 'varchar', length: 50, nullable: true };
    const { dataSource, ddl } = await start([userSchema({ city }), PostSchema]);
    await dataSource.synchronize();
    expect(ddl).toEqual(['ALTER TABLE `users` ADD `city` varchar(50) NULL']);
    const after = await schemaOf('users');
    expect(after).toEqual({ ...before, columns: [...before.columns, 'city'] });
  });

  it('a real change is still made: a new default is set on that column, and only there', async () => {
    const city: EntitySchemaColumnOptions = { type: 'varchar', length: 50, nullable: true };
    const nickname: EntitySchemaColumnOptions = {
      type: 'varchar',
      length: 40,
      nullable: true,
      default: 'anon',
    };
    const { dataSource, ddl } = await start([userSchema({ city, nickname }), PostSchema]);
    await dataSource.synchronize();
    expect(ddl).toEqual(["ALTER TABLE `users` CHANGE `nickname` `nickname` varchar(40) NULL DEFAULT 'anon'"]);
    const [rows] = await db.inspect.query<mysql.RowDataPacket[]>(
      "SELECT COLUMN_DEFAULT AS value FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'users' AND COLUMN_NAME = 'nickname'",
      [db.name],
    );
    // MariaDB and MatrixOne keep the literal's quotes, MySQL does not.
    expect(String(rows[0]?.value).replace(/^'|'$/g, '')).toBe('anon');
  });

  it("undoLastMigration() whose down drops a named index: dropIndex('widgets', 'IDX_widgets_name')", async () => {
    const { dataSource, ddl } = await start([], { migrations: [widgetsMigration] });
    await dataSource.runMigrations({ transaction: 'all' });
    expect((await schemaOf('widgets')).indexes).toEqual(['idx_widgets_name']);
    ddl.length = 0;
    await dataSource.undoLastMigration({ transaction: 'all' });
    expect(ddl).toHaveLength(1);
    expect(ddl[0]).toMatch(/^DROP INDEX `IDX_widgets_name` ON `widgets`$/i);
    expect((await schemaOf('widgets')).indexes).toEqual([]);
    const [migrations] = await db.inspect.query<mysql.RowDataPacket[]>('SELECT name FROM migrations');
    expect(migrations).toEqual([]);
  });
}
