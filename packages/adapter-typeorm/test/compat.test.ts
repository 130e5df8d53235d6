/**
 * TypeORM's everyday features on MariaDB, on MariaDB answering like MatrixOne 4.2.0 (fault proxy, the adapter
 * told it talks to MatrixOne) and on a real MatrixOne when MATRIXONE_URL is set — each outcome asserted, the
 * results written to docs/adapters/compat/typeorm.json and the "On MatrixOne" table of docs/adapters/typeorm.md
 * (packages/adapter-test-suite/src/compat/). Rows are checked on the harness's own connection.
 */
import { fileURLToPath } from 'node:url';
import {
  CASCADE_COUNTED,
  type CompatOutcome,
  type CompatTables,
  type CompatTarget,
  ID_JUMPS_AFTER_ALTER,
  MANY_EMAILS,
  REFUSED_ON_MATRIXONE,
  ROLLED_BACK_TO_SAVEPOINT,
  TYPES_ROW,
  adapterOptions,
  attemptEach,
  cascadeDeleteOutcome,
  constraintOutcome,
  correlatedRowsOutcome,
  createdColumns,
  crudOutcome,
  everywhere,
  fails,
  insertedIdOutcome,
  insertedIdsOutcome,
  isolationSupportedOutcome,
  keyChangeOutcome,
  loadedOutcome,
  nestedRollbackOutcome,
  nextIdOutcome,
  notEmulated,
  noteOutcome,
  notesOutcome,
  poolAfterNestedOutcome,
  refused,
  rolledBackWhole,
  runCompatSuite,
  runNestedRollback,
  typesOutcome,
  works,
  wrong,
} from '@matrixone/adapter-test-suite';
import {
  DataSource,
  EntitySchema,
  type EntitySchemaColumnOptions,
  type InsertResult,
  type MigrationInterface,
  Table,
  TableColumn,
} from 'typeorm';
import { type MatrixOneTypeOrmClient, matrixone } from '../src/index.js';
import { recordDdl } from './ddl-recorder.js';
import { schemaToolModels } from './schema-tool-models.js';
import { typeOrmTransactions } from './typeorm-transactions.js';

interface User {
  id?: string;
  email: string;
  note?: string | null;
  balance?: string | null;
  seenAt?: Date | null;
  profile?: unknown;
  active?: boolean | null;
  role?: string | null;
  bio?: string | null;
  visits?: number;
  posts?: Post[];
}
interface Post {
  id?: string;
  userId: string;
  title: string;
  user?: User;
}

const userColumns: Record<string, EntitySchemaColumnOptions> = {
  id: { type: 'bigint', primary: true, generated: 'increment' },
  email: { type: 'varchar', length: 60, unique: true },
  note: { type: 'varchar', length: 60, nullable: true },
  balance: { type: 'decimal', precision: 12, scale: 2, nullable: true },
  seenAt: { type: 'datetime', precision: 3, name: 'seen_at', nullable: true },
  profile: { type: 'json', nullable: true },
  active: { type: 'boolean', nullable: true },
  role: { type: 'enum', enum: ['admin', 'user', 'guest'], nullable: true },
  bio: { type: 'text', nullable: true },
  visits: { type: 'int', default: 0 },
};
const postColumns: Record<string, EntitySchemaColumnOptions> = {
  id: { type: 'bigint', primary: true, generated: 'increment' },
  userId: { type: 'bigint', name: 'user_id' },
  title: { type: 'varchar', length: 100 },
};

/** Entities on `users`/`posts` (or, with `prefix`, on tables `synchronize` creates). */
function entities(prefix: string): [EntitySchema<User>, EntitySchema<Post>] {
  const UserSchema = new EntitySchema<User>({
    name: `${prefix}User`,
    tableName: `${prefix}users`,
    columns: userColumns,
    relations: { posts: { type: 'one-to-many', target: `${prefix}Post`, inverseSide: 'user' } },
  });
  const PostSchema = new EntitySchema<Post>({
    name: `${prefix}Post`,
    tableName: `${prefix}posts`,
    columns: postColumns,
    relations: {
      user: {
        type: 'many-to-one',
        target: `${prefix}User`,
        joinColumn: { name: 'user_id' },
        inverseSide: 'posts',
        onDelete: 'CASCADE',
      },
    },
  });
  return [UserSchema, PostSchema];
}
const [UserSchema, PostSchema] = entities('');

/**
 * TypeORM's driver for `target`: `mariadb` on MariaDB, as an application there configures it (the `mysql` driver
 * misreads MariaDB's catalog and sends `FOR SHARE`, which MariaDB 10.x does not parse); `mysql` on MatrixOne.
 */
function driverType(target: CompatTarget): 'mysql' | 'mariadb' {
  return target === 'mariadb' ? 'mariadb' : 'mysql';
}

interface TypeOrmSession {
  readonly dataSource: DataSource;
  readonly client: MatrixOneTypeOrmClient;
  readonly url: string;
  readonly target: CompatTarget;
}

/** A DataSource on `url` for `target` with `entities` and a pool of `poolSize`, the adapter set up. */
async function openSession(
  url: string,
  target: CompatTarget,
  poolSize: number,
  entities: EntitySchema[] = [UserSchema, PostSchema],
): Promise<TypeOrmSession> {
  const dataSource = await new DataSource({ type: driverType(target), url, poolSize, entities }).initialize();
  return { dataSource, client: matrixone(dataSource, adapterOptions(target)), url, target };
}

async function closeSession({ dataSource, client }: TypeOrmSession): Promise<void> {
  await client.close();
  await dataSource.destroy();
}

/** The query builder's INSERT into `users`. */
function insertUsers(dataSource: DataSource) {
  return dataSource.getRepository(UserSchema).createQueryBuilder().insert();
}

function insertedId(result: InsertResult): number {
  return Number((result.raw as { insertId: number }).insertId);
}

/** The schema-tool features' models, on tables of their own. */
const tools = schemaToolModels('Tool', 'tool_');

const TOOL_TABLES = ['tool_posts', 'tool_users', 'tool_widgets', 'tool_migrations'];

/**
 * Runs `fn` with `start`, which starts the application as a restart does — a new DataSource on the session's
 * server, `matrixone(dataSource)`, and the DDL TypeORM sends from then on — on a database without the tool tables;
 * every DataSource started is destroyed and the tables dropped afterwards.
 */
async function withStarts(
  { url, target }: TypeOrmSession,
  tables: CompatTables,
  fn: (
    start: (
      entities: EntitySchema[],
      extra?: { migrations?: (new () => MigrationInterface)[] },
    ) => Promise<{ dataSource: DataSource; ddl: string[] }>,
  ) => Promise<CompatOutcome>,
): Promise<CompatOutcome> {
  const started: { dataSource: DataSource; client: MatrixOneTypeOrmClient }[] = [];
  const drop = async () => {
    for (const table of TOOL_TABLES) await tables.inspect.query(`DROP TABLE IF EXISTS \`${table}\``);
  };
  await drop();
  try {
    return await fn(async (entities, extra = {}) => {
      const dataSource = await new DataSource({
        type: driverType(target),
        url,
        poolSize: 1,
        entities,
        migrationsTableName: 'tool_migrations',
        ...extra,
      }).initialize();
      started.push({ dataSource, client: matrixone(dataSource, adapterOptions(target)) });
      return { dataSource, ddl: recordDdl(dataSource) };
    });
  } finally {
    for (const { dataSource, client } of started) {
      await client.close();
      await dataSource.destroy();
    }
    await drop();
  }
}

/** {@link withStarts} after a first start that synchronized the tool entities (the application's first run). */
function afterFirstSync(
  session: TypeOrmSession,
  tables: CompatTables,
  fn: Parameters<typeof withStarts>[2],
): Promise<CompatOutcome> {
  return withStarts(session, tables, async (start) => {
    await (await start([tools.user(), tools.post])).dataSource.synchronize();
    return fn(start);
  });
}

/** `works()` when `ddl` is `expected`, else `wrong` saying how many statements were sent and the first. */
function exactDdl(ddl: readonly string[], expected: readonly string[]): CompatOutcome {
  if (ddl.join('\n') === expected.join('\n')) return works();
  return wrong(`${ddl.length} DDL statements, the first: \`${ddl[0]}\``);
}

runCompatSuite<TypeOrmSession>({
  orm: 'typeorm',
  ormName: 'TypeORM',
  ormPackage: 'typeorm',
  packageDir: fileURLToPath(new URL('..', import.meta.url)),
  open: (url, target) => openSession(url, target, 2),
  close: closeSession,
  features: {
    'schema-create': {
      api: '`dataSource.synchronize()` on tables that do not exist yet (bigint increment, unique, decimal, datetime(3), json, boolean, enum, text, a many-to-one `onDelete: CASCADE`)',
      expected: everywhere(),
      async run({ url, target }, tables) {
        const session = await openSession(url, target, 1, entities('schema_'));
        const { dataSource } = session;
        try {
          await dataSource.synchronize();
          const created = await createdColumns(tables, 13);
          const runner = dataSource.createQueryRunner();
          await runner.dropTable('schema_posts');
          await runner.dropTable('schema_users');
          await runner.release();
          return created;
        } finally {
          await closeSession(session);
        }
      },
    },
    'schema-sync-unchanged': {
      api: '`dataSource.synchronize()` at a second start (after `matrixone(dataSource)`)',
      expected: everywhere(),
      async run(session, tables) {
        return afterFirstSync(session, tables, async (start) => {
          const second = await start([tools.user(), tools.post]);
          await second.dataSource.synchronize();
          return exactDdl(second.ddl, []);
        });
      },
    },
    'schema-add-column': {
      api: '`dataSource.synchronize()` after adding `city` to an entity',
      expected: everywhere(),
      async run(session, tables) {
        return afterFirstSync(session, tables, async (start) => {
          const city: EntitySchemaColumnOptions = { type: 'varchar', length: 50, nullable: true };
          const next = await start([tools.user({ city }), tools.post]);
          await next.dataSource.synchronize();
          return exactDdl(next.ddl, ['ALTER TABLE `tool_users` ADD `city` varchar(50) NULL']);
        });
      },
    },
    'schema-pending-unchanged': {
      api: '`dataSource.driver.createSchemaBuilder().log()` (what `migration:generate` writes)',
      expected: everywhere(),
      async run(session, tables) {
        return afterFirstSync(session, tables, async (start) => {
          const next = await start([tools.user(), tools.post]);
          const pending = await next.dataSource.driver.createSchemaBuilder().log();
          return pending.upQueries.length === 0
            ? works()
            : wrong(`${pending.upQueries.length} statements, the first: \`${pending.upQueries[0]?.query}\``);
        });
      },
    },
    'schema-undo-named-index': {
      api: "`undoLastMigration()` whose `down` calls `dropIndex('tool_widgets', 'IDX_tool_widgets_name')`",
      expected: everywhere(),
      async run(session, tables) {
        return withStarts(session, tables, async (start) => {
          const { dataSource } = await start([], { migrations: [tools.widgetsMigration] });
          await dataSource.runMigrations({ transaction: 'all' });
          await dataSource.undoLastMigration({ transaction: 'all' });
          const [indexes] = await tables.inspect.query(
            "SELECT DISTINCT INDEX_NAME AS name FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'tool_widgets' AND INDEX_NAME <> 'PRIMARY'",
          );
          const left = (indexes as { name: string }[]).map((row) => row.name);
          return left.length === 0 ? works() : wrong(`index left: ${left.join()}`);
        });
      },
    },
    crud: {
      api: '`insert`, `findOneBy`, `update`, `increment`, `delete`, `count`',
      expected: everywhere(),
      async run({ dataSource }, tables) {
        const users = dataSource.getRepository(UserSchema);
        await users.insert({ email: 'a@x.io', note: 'one' });
        await users.save({ email: 'b@x.io', note: 'two' });
        const found = await users.findOneBy({ email: 'a@x.io' });
        await users.update({ email: 'a@x.io' }, { note: 'changed' });
        await users.increment({ email: 'a@x.io' }, 'visits', 2);
        const deleted = await users.delete({ email: 'b@x.io' });
        const count = await users.count();
        return crudOutcome(tables, { found: found?.note, deleted: deleted.affected, count });
      },
    },
    'insert-one-id': {
      api: '`repository.insert({ … })` (`identifiers`)',
      expected: everywhere(),
      async run({ dataSource }, tables) {
        const result = await dataSource.getRepository(UserSchema).insert({ email: 'one@x.io' });
        return insertedIdOutcome(tables, 'one@x.io', Number(result.identifiers[0]?.id));
      },
    },
    'insert-many-ids': {
      api: '`repository.insert([… three rows])` (`identifiers`)',
      expected: everywhere(),
      async run({ dataSource }, tables) {
        const result = await dataSource
          .getRepository(UserSchema)
          .insert(MANY_EMAILS.map((email) => ({ email })));
        const reported = result.identifiers.map((identifier) => Number(identifier.id));
        return insertedIdsOutcome(tables, reported, 'identifiers');
      },
    },
    'duplicate-key': {
      api: '`insert` of an existing email',
      expected: everywhere(works('`QueryFailedError` (errno 1062), core `ConstraintError`')),
      async run({ dataSource }, tables) {
        await tables.addUser('d@x.io');
        return constraintOutcome(() => dataSource.getRepository(UserSchema).insert({ email: 'd@x.io' }));
      },
    },
    'fk-violation': {
      api: '`insert` of a post with a missing `userId`',
      expected: everywhere(works('`QueryFailedError` (errno 1452), core `ConstraintError`')),
      async run({ dataSource }) {
        return constraintOutcome(() =>
          dataSource.getRepository(PostSchema).insert({ userId: '987654321', title: 'orphan' }),
        );
      },
    },
    'cascade-delete': {
      api: '`repository.delete` of a user with one post (`DeleteResult.affected`)',
      expected: CASCADE_COUNTED,
      async run({ dataSource }, tables) {
        return cascadeDeleteOutcome(
          tables,
          async (userId) =>
            (await dataSource.getRepository(UserSchema).delete({ id: String(userId) })).affected,
        );
      },
    },
    'upsert-every-column': {
      api: "`repository.upsert(entity, ['email'])`",
      expected: everywhere(),
      async run({ dataSource }, tables) {
        await tables.addUser('m1@x.io', 'first');
        await dataSource.getRepository(UserSchema).upsert({ email: 'm1@x.io', note: 'merged' }, ['email']);
        return noteOutcome(tables, 'm1@x.io', 'merged');
      },
    },
    'upsert-named-columns': {
      api: "query builder `.orUpdate(['email', 'note'], ['email'])`",
      expected: everywhere(),
      async run({ dataSource }, tables) {
        await tables.addUser('m1@x.io', 'first');
        await insertUsers(dataSource)
          .values({ email: 'm1@x.io', note: 'merged' })
          .orUpdate(['email', 'note'], ['email'])
          .execute();
        return noteOutcome(tables, 'm1@x.io', 'merged');
      },
    },
    'upsert-key-change': {
      api: "query builder `.values({ id, email: 'm2@x.io' }).orUpdate(['email'], ['id'])` of an existing id",
      expected: { mariadb: works('the key changed'), matrixone: refused('names the column') },
      async run({ dataSource }, tables) {
        const id = await tables.addUser('m1@x.io', 'first');
        const upsert = () =>
          insertUsers(dataSource)
            .values({ id: String(id), email: 'm2@x.io' })
            .orUpdate(['email'], ['id'])
            .execute();
        return keyChangeOutcome(tables, upsert, 'email', 'm2@x.io');
      },
    },
    'insert-ignore': {
      api: 'query builder `.orIgnore()`',
      expected: everywhere(),
      async run({ dataSource }, tables) {
        await tables.addUser('m1@x.io', 'first');
        await insertUsers(dataSource)
          .values([
            { email: 'm1@x.io', note: 'ignored' },
            { email: 'new@x.io', note: 'new' },
          ])
          .orIgnore()
          .execute();
        return notesOutcome(tables, { 'm1@x.io': 'first', 'new@x.io': 'new' });
      },
    },
    join: {
      api: '`find({ relations: { posts: true } })`, `{ user: true }`',
      expected: everywhere(),
      async run({ dataSource }, tables) {
        await tables.addUserWithPost();
        const users = await dataSource.getRepository(UserSchema).find({ relations: { posts: true } });
        const posts = await dataSource.getRepository(PostSchema).find({ relations: { user: true } });
        return loadedOutcome({
          users: users.map((user) => `${user.email}:${user.posts?.map((post) => post.title)}`),
          posts: posts.map((post) => `${post.title}:${post.user?.email}`),
        });
      },
    },
    'correlated-from': {
      api: '`dataSource.query` of a SELECT whose derived table names the outer query’s column',
      expected: { mariadb: fails('`QueryFailedError` (errno 1054)'), matrixone: refused() },
      async run({ dataSource }, tables) {
        await tables.addUserWithPost();
        const rows: unknown = await dataSource.query(
          'SELECT title, (SELECT email FROM (SELECT email FROM users WHERE users.id = posts.user_id LIMIT 1) AS author) AS email FROM posts',
        );
        return correlatedRowsOutcome(rows);
      },
    },
    'nested-rollback': {
      api: 'nested `manager.transaction()` whose callback throws',
      caveat:
        'without the adapter it ended the outer transaction with `RELEASE SAVEPOINT` and gave the connection back inside it; now its inner rollback succeeds (the whole transaction is rolled back), its depth counter stays right and its COMMIT is the one refused',
      expected: { mariadb: ROLLED_BACK_TO_SAVEPOINT, matrixone: rolledBackWhole(true) },
      async run({ dataSource }, tables) {
        const run = await runNestedRollback(typeOrmTransactions(dataSource, UserSchema));
        return nestedRollbackOutcome({ ...run, emails: await tables.emails() });
      },
    },
    'pool-after-nested': {
      api: 'a failed nested `manager.transaction()`, then a transaction that throws and one that commits (`poolSize: 1`)',
      expected: everywhere(),
      async run({ url, target }, tables) {
        const one = await openSession(url, target, 1);
        try {
          return await poolAfterNestedOutcome(typeOrmTransactions(one.dataSource, UserSchema), () =>
            tables.emails(),
          );
        } finally {
          await closeSession(one);
        }
      },
    },
    'for-update-share': {
      api: "`lock: { mode: 'pessimistic_write' }`, `'pessimistic_read'`",
      caveat:
        "with `type: 'mysql'` TypeORM sends `FOR SHARE` to a server whose version reads 8 or more: MatrixOne says 8.0.30 and parses it; MariaDB 10.x does not, so the MariaDB column uses `type: 'mariadb'` (`LOCK IN SHARE MODE`) and the emulation cannot show it",
      expected: {
        mariadb: works(),
        emulated: notEmulated('works: `FOR UPDATE`, and `FOR SHARE` for `pessimistic_read`'),
        matrixone: works(),
      },
      async run({ dataSource }, tables) {
        await tables.addUser('lock@x.io');
        const found = await dataSource.transaction(async (manager) => [
          await manager.findOne(UserSchema, {
            where: { email: 'lock@x.io' },
            lock: { mode: 'pessimistic_write' },
          }),
          await manager.findOne(UserSchema, {
            where: { email: 'lock@x.io' },
            lock: { mode: 'pessimistic_read' },
          }),
        ]);
        return found.every((row) => row?.email === 'lock@x.io') ? works() : wrong('the row was not read');
      },
    },
    'nowait-skip-locked': {
      api: "`lock: { mode: 'pessimistic_write', onLocked: 'nowait' | 'skip_locked' }`",
      expected: REFUSED_ON_MATRIXONE,
      async run({ dataSource }, tables) {
        await tables.addUser('lock@x.io');
        return attemptEach(['nowait', 'skip_locked'] as const, (onLocked) =>
          dataSource.transaction((manager) =>
            manager.findOne(UserSchema, {
              where: { email: 'lock@x.io' },
              lock: { mode: 'pessimistic_write', onLocked },
            }),
          ),
        );
      },
    },
    'isolation-supported': {
      api: "`dataSource.transaction('READ COMMITTED' | 'REPEATABLE READ', fn)`",
      expected: everywhere(),
      async run({ dataSource }, tables) {
        return isolationSupportedOutcome(tables, ['READ COMMITTED', 'REPEATABLE READ'], (level, email) =>
          dataSource.transaction(level, (manager) => manager.insert(UserSchema, { email })),
        );
      },
    },
    'isolation-unsupported': {
      api: "`dataSource.transaction('SERIALIZABLE' | 'READ UNCOMMITTED', fn)`",
      expected: REFUSED_ON_MATRIXONE,
      async run({ dataSource }) {
        return attemptEach(['SERIALIZABLE', 'READ UNCOMMITTED'] as const, (level) =>
          dataSource.transaction(level, (manager) => manager.count(UserSchema)),
        );
      },
    },
    types: {
      api: '`insert` then `findOneBy` of decimal, datetime(3), json, boolean, enum, text and null columns',
      expected: everywhere(),
      async run({ dataSource }) {
        const users = dataSource.getRepository(UserSchema);
        await users.insert({ ...TYPES_ROW, profile: TYPES_ROW.profile });
        return typesOutcome((await users.findOneBy({ email: TYPES_ROW.email })) ?? undefined);
      },
    },
    'auto-increment-after-alter': {
      api: '`queryRunner.addColumn`, then an `insert` (`raw.insertId`)',
      expected: ID_JUMPS_AFTER_ALTER,
      async run({ dataSource }) {
        const runner = dataSource.createQueryRunner();
        const insert = (name: string) =>
          dataSource.createQueryBuilder().insert().into('counters', ['name']).values({ name }).execute();
        try {
          await runner.dropTable('counters', true);
          await runner.createTable(
            new Table({
              name: 'counters',
              columns: [
                {
                  name: 'id',
                  type: 'bigint',
                  isPrimary: true,
                  isGenerated: true,
                  generationStrategy: 'increment',
                },
                { name: 'name', type: 'varchar', length: '20' },
              ],
            }),
          );
          const first = insertedId(await insert('a'));
          await runner.addColumn(
            'counters',
            new TableColumn({ name: 'extra', type: 'varchar', length: '20', isNullable: true }),
          );
          const next = insertedId(await insert('b'));
          return nextIdOutcome(first, next);
        } finally {
          await runner.dropTable('counters', true);
          await runner.release();
        }
      },
    },
  },
});
