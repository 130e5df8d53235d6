/**
 * Drizzle's everyday features on MariaDB, on MariaDB answering like MatrixOne 4.2.0 (fault proxy, the adapter
 * told it talks to MatrixOne) and on a real MatrixOne when MATRIXONE_URL is set — each outcome asserted, the
 * results written to docs/adapters/compat/drizzle.json and the "On MatrixOne" table of docs/adapters/drizzle.md
 * (packages/adapter-test-suite/src/compat/). Rows are checked on the harness's own connection.
 */
import { fileURLToPath } from 'node:url';
import {
  CASCADE_COUNTED,
  type CompatTarget,
  ID_JUMPS_AFTER_ALTER,
  MANY_EMAILS,
  type NestedTransactionCalls,
  REFUSED_ON_MATRIXONE,
  ROLLED_BACK_TO_SAVEPOINT,
  TYPES_ROW,
  adapterOptions,
  allAlike,
  attempt,
  attemptEach,
  cascadeDeleteOutcome,
  constraintOutcome,
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
  readOnlyOutcome,
  refused,
  rolledBackWhole,
  runCompatSuite,
  runNestedRollback,
  typesOutcome,
  works,
  wrong,
} from '@matrixone/adapter-test-suite';
import { eq, relations, sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  datetime,
  decimal,
  int,
  json,
  mysqlEnum,
  mysqlTable,
  text,
  varchar,
} from 'drizzle-orm/mysql-core';
import { type MySql2Database, drizzle } from 'drizzle-orm/mysql2';
import { migrate } from 'drizzle-orm/mysql2/migrator';
import { type Pool, type ResultSetHeader, createPool } from 'mysql2';
import { matrixone } from '../src/index.js';
import { endPool } from './support/open-drizzle.js';

const users = mysqlTable('users', {
  id: bigint('id', { mode: 'number' }).primaryKey().autoincrement(),
  email: varchar('email', { length: 60 }).notNull().unique(),
  note: varchar('note', { length: 60 }),
  balance: decimal('balance', { precision: 12, scale: 2 }),
  seenAt: datetime('seen_at', { fsp: 3 }),
  profile: json('profile'),
  active: boolean('active'),
  role: mysqlEnum('role', ['admin', 'user', 'guest']),
  bio: text('bio'),
  visits: int('visits').notNull().default(0),
});
const posts = mysqlTable('posts', {
  id: bigint('id', { mode: 'number' }).primaryKey().autoincrement(),
  userId: bigint('user_id', { mode: 'number' })
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  title: varchar('title', { length: 100 }).notNull(),
});
const usersRelations = relations(users, ({ many }) => ({ posts: many(posts) }));
const postsRelations = relations(posts, ({ one }) => ({
  user: one(users, { fields: [posts.userId], references: [users.id] }),
}));
const schema = { users, posts, usersRelations, postsRelations };
type Db = MySql2Database<typeof schema>;

interface DrizzleSession {
  readonly url: string;
  readonly target: CompatTarget;
  /** Relational queries in mode `default` (LATERAL joins). */
  readonly db: Db;
  /** The same schema in mode `planetscale` (subqueries in the select list), on a pool of its own. */
  readonly planetscale: Db;
  readonly pools: readonly Pool[];
  readonly clients: readonly { close(): Promise<void> }[];
}

const MIGRATIONS = fileURLToPath(new URL('compat-migrations', import.meta.url));
const SERIAL_MIGRATIONS = fileURLToPath(new URL('compat-migrations-serial', import.meta.url));

/** Each user and the titles of its posts (`email:titles`), read by a relational query in `db`'s mode. */
async function usersWithPosts(db: Db): Promise<string[]> {
  const found = await db.query.users.findMany({ with: { posts: true } });
  return found.map((user) => `${user.email}:${user.posts.map((post) => post.title)}`);
}

/** A transaction of a {@link Db}, as its `transaction()` callback gets it. */
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** `db.transaction(fn)`, `tx.transaction(fn)` and an insert of `{ email }` into `users`. */
function transactions(db: Db): NestedTransactionCalls<Tx> {
  return {
    transaction: (block) => db.transaction(block),
    nested: (tx, block) => tx.transaction(block),
    insert: (tx, email) => tx.insert(users).values({ email }),
  };
}

function affectedRows(result: unknown): number {
  return (result as [ResultSetHeader])[0].affectedRows;
}

runCompatSuite<DrizzleSession>({
  orm: 'drizzle',
  ormName: 'Drizzle',
  ormPackage: 'drizzle-orm',
  packageDir: fileURLToPath(new URL('..', import.meta.url)),
  async open(url, target) {
    const pool = createPool({ uri: url, connectionLimit: 2 });
    const spare = createPool({ uri: url, connectionLimit: 1 });
    const db = drizzle(pool, { schema, mode: 'default' });
    const planetscale = drizzle(spare, { schema, mode: 'planetscale' });
    const options = adapterOptions(target);
    return {
      url,
      target,
      db,
      planetscale,
      pools: [pool, spare],
      clients: [matrixone(db, options), matrixone(planetscale, options)],
    };
  },
  async close({ pools, clients }) {
    for (const client of clients) await client.close();
    for (const pool of pools) await endPool(pool);
  },
  features: {
    'schema-create': {
      api: "`migrate(db, { migrationsFolder })` of drizzle-kit's SQL (`CONSTRAINT … PRIMARY KEY` / `UNIQUE`, decimal, datetime(3), json, boolean, enum, text, a foreign key `ON DELETE cascade`); the migrator's own table has `id serial`",
      expected: everywhere(),
      async run({ db }, tables) {
        const drop = async () => {
          for (const table of ['schema_posts', 'schema_users', '__drizzle_migrations']) {
            await db.execute(sql`DROP TABLE IF EXISTS ${sql.identifier(table)}`);
          }
        };
        await drop();
        try {
          await migrate(db, { migrationsFolder: MIGRATIONS });
          return await createdColumns(tables, 11);
        } finally {
          await drop();
        }
      },
    },
    'schema-serial': {
      api: "`migrate(db, { migrationsFolder })` of drizzle-kit's DDL for `serial('id').primaryKey()`",
      expected: { mariadb: fails('`DrizzleQueryError` (errno 1064)'), matrixone: works() },
      async run({ db }, tables) {
        const drop = async () => {
          for (const table of ['serial_posts', '__drizzle_serial_migrations']) {
            await tables.inspect.query(`DROP TABLE IF EXISTS \`${table}\``);
          }
        };
        await drop();
        try {
          await migrate(db, {
            migrationsFolder: SERIAL_MIGRATIONS,
            migrationsTable: '__drizzle_serial_migrations',
          });
          const [columns] = await tables.inspect.query(
            "SELECT COLUMN_KEY AS k, EXTRA AS extra FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'serial_posts' AND column_name = 'id'",
          );
          const id = (columns as { k: string; extra: string }[])[0];
          return id?.k === 'PRI' && /auto_increment/i.test(id.extra)
            ? works()
            : wrong(`id column ${JSON.stringify(id)}`);
        } finally {
          await drop();
        }
      },
    },
    crud: {
      api: '`insert`, `select().where()`, `update().set()` (with `sql` increment), `delete`, `db.$count`',
      expected: everywhere(),
      async run({ db }, tables) {
        await db.insert(users).values({ email: 'a@x.io', note: 'one' });
        await db.insert(users).values({ email: 'b@x.io', note: 'two' });
        const [found] = await db.select().from(users).where(eq(users.email, 'a@x.io'));
        await db.update(users).set({ note: 'changed' }).where(eq(users.email, 'a@x.io'));
        await db
          .update(users)
          .set({ visits: sql`${users.visits} + 2` })
          .where(eq(users.email, 'a@x.io'));
        const deleted = affectedRows(await db.delete(users).where(eq(users.email, 'b@x.io')));
        const count = await db.$count(users);
        return crudOutcome(tables, { found: found?.note, deleted, count });
      },
    },
    'insert-one-id': {
      api: '`insert().values({ … }).$returningId()`',
      expected: everywhere(),
      async run({ db }, tables) {
        const [returned] = await db.insert(users).values({ email: 'one@x.io' }).$returningId();
        return insertedIdOutcome(tables, 'one@x.io', returned?.id);
      },
    },
    'insert-many-ids': {
      api: '`insert().values([… three rows]).$returningId()`',
      expected: everywhere(),
      async run({ db }, tables) {
        const returned = await db
          .insert(users)
          .values(MANY_EMAILS.map((email) => ({ email })))
          .$returningId();
        return insertedIdsOutcome(
          tables,
          returned.map((row) => row.id),
          'returned',
        );
      },
    },
    'duplicate-key': {
      api: '`insert` of an existing email',
      expected: everywhere(works('`DrizzleQueryError` (errno 1062), SQLSTATE 23000, core `ConstraintError`')),
      async run({ db }, tables) {
        await tables.addUser('d@x.io');
        return constraintOutcome(() => db.insert(users).values({ email: 'd@x.io' }), { sqlState: true });
      },
    },
    'fk-violation': {
      api: '`insert` into `posts` with a missing `userId`',
      expected: everywhere(works('`DrizzleQueryError` (errno 1452), SQLSTATE 23000, core `ConstraintError`')),
      async run({ db }) {
        return constraintOutcome(() => db.insert(posts).values({ userId: 987654321, title: 'orphan' }), {
          sqlState: true,
        });
      },
    },
    'cascade-delete': {
      api: '`delete(users).where(…)` of a user with one post (`affectedRows`)',
      expected: CASCADE_COUNTED,
      async run({ db }, tables) {
        return cascadeDeleteOutcome(tables, async (userId) =>
          affectedRows(await db.delete(users).where(eq(users.id, userId))),
        );
      },
    },
    'upsert-every-column': {
      api: '`` onDuplicateKeyUpdate({ set: { email: sql`values(email)`, note: sql`values(note)` } }) ``',
      expected: everywhere(),
      async run({ db }, tables) {
        await tables.addUser('m1@x.io', 'first');
        await db
          .insert(users)
          .values({ email: 'm1@x.io', note: 'merged' })
          .onDuplicateKeyUpdate({
            set: { email: sql`values(${users.email})`, note: sql`values(${users.note})` },
          });
        return noteOutcome(tables, 'm1@x.io', 'merged');
      },
    },
    'upsert-named-columns': {
      api: "Drizzle's documented do-nothing form `` onDuplicateKeyUpdate({ set: { id: sql`id` } }) ``",
      expected: everywhere(),
      async run({ db }, tables) {
        await tables.addUser('m1@x.io', 'first');
        await db
          .insert(users)
          .values({ email: 'm1@x.io', note: 'ignored' })
          .onDuplicateKeyUpdate({ set: { id: sql`id` } });
        return notesOutcome(tables, { 'm1@x.io': 'first' });
      },
    },
    'upsert-key-change': {
      api: "`onDuplicateKeyUpdate({ set: { email: 'changed@x.io' } })`",
      expected: { mariadb: works('the key changed'), matrixone: refused('names the column') },
      async run({ db }, tables) {
        await tables.addUser('m1@x.io', 'first');
        const upsert = () =>
          db
            .insert(users)
            .values({ email: 'm1@x.io' })
            .onDuplicateKeyUpdate({ set: { email: 'changed@x.io' } });
        return keyChangeOutcome(tables, upsert, 'email', 'changed@x.io');
      },
    },
    'insert-ignore': {
      api: '`insert().ignore()`',
      expected: everywhere(),
      async run({ db }, tables) {
        await tables.addUser('m1@x.io', 'first');
        await db
          .insert(users)
          .ignore()
          .values([
            { email: 'm1@x.io', note: 'ignored' },
            { email: 'new@x.io', note: 'new' },
          ]);
        return notesOutcome(tables, { 'm1@x.io': 'first', 'new@x.io': 'new' });
      },
    },
    join: {
      api: '`select().from(posts).leftJoin(users, …)`',
      expected: everywhere(),
      async run({ db }, tables) {
        await tables.addUserWithPost();
        const rows = await db
          .select({ email: users.email, title: posts.title })
          .from(posts)
          .leftJoin(users, eq(users.id, posts.userId));
        return loadedOutcome({ users: rows.map((row) => `${row.email}:${row.title}`) });
      },
    },
    'relations-lateral': {
      api: '`db.query.users.findMany({ with: { posts: true } })`, mode `default`',
      expected: { mariadb: fails('`DrizzleQueryError` (errno 1064)'), matrixone: refused() },
      async run({ db }, tables) {
        await tables.addUserWithPost();
        return loadedOutcome({ users: await usersWithPosts(db) });
      },
    },
    'relations-subquery': {
      api: '`db.query.users.findMany({ with: { posts: true } })`, mode `planetscale`',
      expected: everywhere(),
      async run({ planetscale }, tables) {
        await tables.addUserWithPost();
        return loadedOutcome({ users: await usersWithPosts(planetscale) });
      },
    },
    'correlated-from': {
      api: '`db.query.posts.findMany({ with: { user: true } })`, mode `planetscale` (a `one` relation reads its row through a derived table)',
      caveat:
        'a `one` relation of a relational query cannot run on MatrixOne in either mode (mode `default` sends a ' +
        'LATERAL join): use `db.select().from(posts).leftJoin(users, …)`, or load it from the other side as a ' +
        '`many` relation in mode `planetscale`',
      expected: { mariadb: fails('`DrizzleQueryError` (errno 1054)'), matrixone: refused() },
      async run({ planetscale }, tables) {
        await tables.addUserWithPost();
        const found = await planetscale.query.posts.findMany({ with: { user: true } });
        return loadedOutcome({ posts: found.map((post) => `${post.title}:${post.user.email}`) });
      },
    },
    'nested-rollback': {
      api: '`tx.transaction()` whose callback throws, inside `db.transaction()`',
      expected: { mariadb: ROLLED_BACK_TO_SAVEPOINT, matrixone: rolledBackWhole(true) },
      async run({ db }, tables) {
        const run = await runNestedRollback(transactions(db));
        return nestedRollbackOutcome({ ...run, emails: await tables.emails() });
      },
    },
    'pool-after-nested': {
      api: 'a failed `tx.transaction()`, then a transaction that throws and one that commits (`connectionLimit: 1`)',
      expected: everywhere(),
      async run({ url, target }, tables) {
        const pool = createPool({ uri: url, connectionLimit: 1 });
        const one = drizzle(pool, { schema, mode: 'default' });
        const client = matrixone(one, adapterOptions(target));
        try {
          return await poolAfterNestedOutcome(transactions(one), () => tables.emails());
        } finally {
          await client.close();
          await endPool(pool);
        }
      },
    },
    'for-update-share': {
      api: "`.for('update')`, `.for('share')`",
      caveat: 'it writes `for share`, which MariaDB 10.x does not parse (MySQL 8 and MatrixOne do)',
      expected: {
        mariadb: fails('`DrizzleQueryError` (errno 1064)'),
        emulated: notEmulated('works: `for update` and `for share`'),
        matrixone: works(),
      },
      async run({ db }, tables) {
        await tables.addUser('lock@x.io');
        const found = await db.transaction(async (tx) => [
          ...(await tx.select().from(users).where(eq(users.email, 'lock@x.io')).for('update')),
          ...(await tx.select().from(users).where(eq(users.email, 'lock@x.io')).for('share')),
        ]);
        return found.length === 2 && found.every((row) => row.email === 'lock@x.io')
          ? works()
          : wrong('the row was not read');
      },
    },
    'nowait-skip-locked': {
      api: "`.for('update', { noWait: true })`, `{ skipLocked: true }`",
      expected: REFUSED_ON_MATRIXONE,
      async run({ db }, tables) {
        await tables.addUser('lock@x.io');
        return allAlike([
          await attempt(() => db.select().from(users).for('update', { noWait: true })),
          await attempt(() => db.select().from(users).for('update', { skipLocked: true })),
        ]);
      },
    },
    'isolation-supported': {
      api: "`db.transaction(fn, { isolationLevel: 'read committed' | 'repeatable read' })`",
      expected: everywhere(),
      async run({ db }, tables) {
        return isolationSupportedOutcome(
          tables,
          ['read committed', 'repeatable read'],
          (isolationLevel, email) =>
            db.transaction(async (tx) => tx.insert(users).values({ email }), { isolationLevel }),
        );
      },
    },
    'isolation-unsupported': {
      api: "`db.transaction(fn, { isolationLevel: 'serializable' | 'read uncommitted' })`",
      expected: REFUSED_ON_MATRIXONE,
      async run({ db }) {
        return attemptEach(['serializable', 'read uncommitted'] as const, (isolationLevel) =>
          db.transaction(async (tx) => tx.$count(users), { isolationLevel }),
        );
      },
    },
    'read-only': {
      api: "`db.transaction(fn, { accessMode: 'read only' })`",
      expected: { mariadb: works('a write inside fails (errno 1792)'), matrixone: refused() },
      async run({ db }, tables) {
        let write: unknown;
        const outcome = await attempt(() =>
          db.transaction(
            async (tx) => {
              await tx.$count(users);
              write = await tx
                .insert(users)
                .values({ email: 'ro@x.io' })
                .then(
                  () => 'written',
                  (error: unknown) => error,
                );
            },
            { accessMode: 'read only', isolationLevel: 'repeatable read' },
          ),
        );
        return readOnlyOutcome(tables, outcome, write);
      },
    },
    types: {
      api: '`insert` then `select` of decimal, datetime(3), json, boolean, enum, text and null columns',
      expected: everywhere(),
      async run({ db }) {
        await db.insert(users).values({
          email: TYPES_ROW.email,
          balance: TYPES_ROW.balance,
          seenAt: TYPES_ROW.seenAt,
          profile: TYPES_ROW.profile,
          active: TYPES_ROW.active,
          role: TYPES_ROW.role,
          bio: TYPES_ROW.bio,
          note: TYPES_ROW.note,
        });
        const [row] = await db.select().from(users).where(eq(users.email, TYPES_ROW.email));
        // mysql2 may give JSON as text.
        const profile = typeof row?.profile === 'string' ? JSON.parse(row.profile) : row?.profile;
        return typesOutcome(row && { ...row, profile });
      },
    },
    'auto-increment-after-alter': {
      api: '`` db.execute(sql`ALTER TABLE … ADD COLUMN …`) `` (Drizzle has no schema API at run time), then `insert`',
      expected: ID_JUMPS_AFTER_ALTER,
      async run({ db }) {
        const counters = mysqlTable('counters', {
          id: bigint('id', { mode: 'number' }).primaryKey().autoincrement(),
          name: varchar('name', { length: 20 }),
        });
        await db.execute(sql`DROP TABLE IF EXISTS counters`);
        await db.execute(sql`CREATE TABLE counters (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20))`);
        try {
          const [first] = await db.insert(counters).values({ name: 'a' }).$returningId();
          await db.execute(sql`ALTER TABLE counters ADD COLUMN extra VARCHAR(20)`);
          const [next] = await db.insert(counters).values({ name: 'b' }).$returningId();
          return nextIdOutcome(first?.id, next?.id);
        } finally {
          await db.execute(sql`DROP TABLE counters`);
        }
      },
    },
  },
});
