/**
 * Drizzle's everyday features on MariaDB, on MariaDB answering like MatrixOne 4.2.0 (fault proxy, the adapter
 * told it talks to MatrixOne) and on a real MatrixOne when MATRIXONE_URL is set — each outcome asserted, the
 * results written to docs/adapters/compat/drizzle.json and the "On MatrixOne" table of docs/adapters/drizzle.md
 * (packages/adapter-test-suite/src/compat/). Rows are checked on the harness's own connection.
 */
import { fileURLToPath } from 'node:url';
import {
  type CompatExpectations,
  type CompatOutcome,
  type CompatTarget,
  ROLLED_BACK_TO_SAVEPOINT,
  TYPES_ROW,
  adapterOptions,
  allAlike,
  attempt,
  describeError,
  differs,
  errnoOf,
  fails,
  keyChangeRefusal,
  nestedRollbackOutcome,
  notEmulated,
  poolAfterNestedOutcome,
  refused,
  rolledBackWhole,
  runCompatSuite,
  works,
  wrong,
} from '@matrixone/adapter-test-suite';
import { toMatrixOneError } from '@matrixone/core';
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

/** Works everywhere, with the same result. */
const everywhere = (outcome: CompatOutcome = works()): CompatExpectations => ({
  mariadb: outcome,
  matrixone: outcome,
});
const REFUSED_ON_MATRIXONE: CompatExpectations = { mariadb: works(), matrixone: refused() };

/** The error Drizzle gives for a constraint violation (its query error, the mysql2 error as cause) and core's class. */
async function constraintError(call: () => Promise<unknown>): Promise<CompatOutcome> {
  try {
    await call();
  } catch (error) {
    const { sqlState } = (error as { cause?: { sqlState?: string } }).cause ?? {};
    return works(`${describeError(error)}, SQLSTATE ${sqlState}, core \`${toMatrixOneError(error).name}\``);
  }
  return wrong('no error');
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
          const [columns] = await tables.inspect.query(
            "SELECT COUNT(*) AS n FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name IN ('schema_users', 'schema_posts')",
          );
          const count = Number((columns as { n: number }[])[0]?.n);
          return count === 11 ? works() : wrong(`${count} columns created, 11 asked for`);
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
        const [row] = await tables.inspect.query('SELECT note, visits FROM users');
        const stored = (row as { note: string; visits: number }[])[0];
        const right =
          found?.note === 'one' &&
          deleted === 1 &&
          count === 1 &&
          stored?.note === 'changed' &&
          stored.visits === 2 &&
          (await tables.emails()).join() === 'a@x.io';
        return right ? works() : wrong(`read ${JSON.stringify({ deleted, count, stored })}`);
      },
    },
    'insert-one-id': {
      api: '`insert().values({ … }).$returningId()`',
      expected: everywhere(),
      async run({ db }, tables) {
        const [returned] = await db.insert(users).values({ email: 'one@x.io' }).$returningId();
        const [stored] = await tables.idsOf(['one@x.io']);
        return returned?.id === stored ? works() : wrong(`reported ${returned?.id}, the row is ${stored}`);
      },
    },
    'insert-many-ids': {
      api: '`insert().values([… three rows]).$returningId()`',
      expected: everywhere(),
      async run({ db }, tables) {
        const emails = ['m1@x.io', 'm2@x.io', 'm3@x.io'];
        const returned = await db
          .insert(users)
          .values(emails.map((email) => ({ email })))
          .$returningId();
        const reported = returned.map((row) => row.id);
        const stored = await tables.idsOf(emails);
        return reported.join() === stored.join()
          ? works()
          : wrong(`returned ${reported.join()}, the rows are ${stored.join()}`);
      },
    },
    'duplicate-key': {
      api: '`insert` of an existing email',
      expected: everywhere(works('`DrizzleQueryError` (errno 1062), SQLSTATE 23000, core `ConstraintError`')),
      async run({ db }, tables) {
        await tables.addUser('d@x.io');
        return constraintError(() => db.insert(users).values({ email: 'd@x.io' }));
      },
    },
    'fk-violation': {
      api: '`insert` into `posts` with a missing `userId`',
      expected: everywhere(works('`DrizzleQueryError` (errno 1452), SQLSTATE 23000, core `ConstraintError`')),
      async run({ db }) {
        return constraintError(() => db.insert(posts).values({ userId: 987654321, title: 'orphan' }));
      },
    },
    'cascade-delete': {
      api: '`delete(users).where(…)` of a user with one post (`affectedRows`)',
      expected: {
        mariadb: works('1 affected row'),
        emulated: notEmulated('2 affected rows: the cascaded child counted'),
        matrixone: differs('2 affected rows: the cascaded child counted'),
      },
      async run({ db }, tables) {
        const userId = await tables.addUser('c@x.io');
        await tables.addPost(userId, 'child');
        const affected = affectedRows(await db.delete(users).where(eq(users.id, userId)));
        if ((await tables.postCount()) !== 0) return wrong('the child row was not deleted');
        if (affected === 1) return works('1 affected row');
        return differs(`${affected} affected rows: the cascaded child counted`);
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
        const notes = await tables.notes();
        return notes['m1@x.io'] === 'merged' ? works() : wrong(`rows ${JSON.stringify(notes)}`);
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
        const notes = await tables.notes();
        return JSON.stringify(notes) === '{"m1@x.io":"first"}'
          ? works()
          : wrong(`rows ${JSON.stringify(notes)}`);
      },
    },
    'upsert-key-change': {
      api: "`onDuplicateKeyUpdate({ set: { email: 'changed@x.io' } })`",
      expected: { mariadb: works('the key changed'), matrixone: refused('names the column') },
      async run({ db }, tables) {
        await tables.addUser('m1@x.io', 'first');
        try {
          await db
            .insert(users)
            .values({ email: 'm1@x.io' })
            .onDuplicateKeyUpdate({ set: { email: 'changed@x.io' } });
        } catch (error) {
          return keyChangeRefusal(error, 'email');
        }
        const emails = await tables.emails();
        return emails.join() === 'changed@x.io' ? works('the key changed') : wrong(`rows ${emails.join()}`);
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
        const notes = await tables.notes();
        return JSON.stringify(notes) === '{"m1@x.io":"first","new@x.io":"new"}'
          ? works()
          : wrong(`rows ${JSON.stringify(notes)}`);
      },
    },
    join: {
      api: '`select().from(posts).leftJoin(users, …)`',
      expected: everywhere(),
      async run({ db }, tables) {
        const userId = await tables.addUser('one@x.io');
        await tables.addPost(userId, 'hello');
        const rows = await db
          .select({ email: users.email, title: posts.title })
          .from(posts)
          .leftJoin(users, eq(users.id, posts.userId));
        const got = rows.map((row) => `${row.email}:${row.title}`);
        return got.join() === 'one@x.io:hello' ? works() : wrong(`joined rows ${JSON.stringify(got)}`);
      },
    },
    'relations-lateral': {
      api: '`db.query.users.findMany({ with: { posts: true } })`, mode `default`',
      expected: { mariadb: fails('`DrizzleQueryError` (errno 1064)'), matrixone: refused() },
      async run({ db }, tables) {
        const userId = await tables.addUser('one@x.io');
        await tables.addPost(userId, 'hello');
        const found = await db.query.users.findMany({ with: { posts: true } });
        const got = found.map((user) => `${user.email}:${user.posts.map((post) => post.title)}`);
        return got.join() === 'one@x.io:hello' ? works() : wrong(`loaded ${got.join()}`);
      },
    },
    'relations-subquery': {
      api: '`db.query.users.findMany({ with: { posts: true } })`, mode `planetscale`',
      expected: everywhere(),
      async run({ planetscale }, tables) {
        const userId = await tables.addUser('one@x.io');
        await tables.addPost(userId, 'hello');
        const found = await planetscale.query.users.findMany({ with: { posts: true } });
        const got = found.map((user) => `${user.email}:${user.posts.map((post) => post.title)}`);
        return got.join() === 'one@x.io:hello' ? works() : wrong(`loaded ${got.join()}`);
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
        const userId = await tables.addUser('one@x.io');
        await tables.addPost(userId, 'hello');
        const found = await planetscale.query.posts.findMany({ with: { user: true } });
        const got = found.map((post) => `${post.title}:${post.user.email}`);
        return got.join() === 'hello:one@x.io' ? works() : wrong(`loaded ${got.join()}`);
      },
    },
    'nested-rollback': {
      api: '`tx.transaction()` whose callback throws, inside `db.transaction()`',
      expected: { mariadb: ROLLED_BACK_TO_SAVEPOINT, matrixone: rolledBackWhole(true) },
      async run({ db }, tables) {
        const boom = new Error('inner boom');
        let inner: unknown;
        const outer = await db
          .transaction(async (tx) => {
            await tx.insert(users).values({ email: 'outer@x.io' });
            inner = await tx
              .transaction(async (nested) => {
                await nested.insert(users).values({ email: 'inner1@x.io' });
                await nested.insert(users).values({ email: 'inner2@x.io' });
                throw boom;
              })
              .catch((error: unknown) => error);
            await tx.insert(users).values({ email: 'after@x.io' });
          })
          .then(
            () => 'committed',
            (error: unknown) => error,
          );
        return nestedRollbackOutcome({ boom, inner, outer, emails: await tables.emails() });
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
          return await poolAfterNestedOutcome(
            {
              nested: () =>
                one.transaction(async (tx) => {
                  await tx.insert(users).values({ email: 'outer@x.io' });
                  await tx
                    .transaction(async () => {
                      throw new Error('inner boom');
                    })
                    .catch(() => undefined);
                }),
              abort: () =>
                one.transaction(async (tx) => {
                  await tx.insert(users).values({ email: 'next@x.io' });
                  throw new Error('abort');
                }),
              commit: () => one.transaction(async (tx) => tx.insert(users).values({ email: 'later@x.io' })),
            },
            () => tables.emails(),
          );
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
        for (const isolationLevel of ['read committed', 'repeatable read'] as const) {
          await db.transaction(
            async (tx) => tx.insert(users).values({ email: `${isolationLevel.replace(' ', '-')}@x.io` }),
            { isolationLevel },
          );
        }
        const emails = (await tables.emails()).join();
        return emails === 'read-committed@x.io,repeatable-read@x.io' ? works() : wrong(`rows ${emails}`);
      },
    },
    'isolation-unsupported': {
      api: "`db.transaction(fn, { isolationLevel: 'serializable' | 'read uncommitted' })`",
      expected: REFUSED_ON_MATRIXONE,
      async run({ db }) {
        const outcomes: CompatOutcome[] = [];
        for (const isolationLevel of ['serializable', 'read uncommitted'] as const) {
          outcomes.push(
            await attempt(() => db.transaction(async (tx) => tx.$count(users), { isolationLevel })),
          );
        }
        return allAlike(outcomes);
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
        if (outcome.kind !== 'works') return outcome;
        if ((await tables.emails()).length > 0) return wrong('the write inside was committed');
        return write === 'written'
          ? wrong('the write inside was accepted')
          : works(`a write inside fails (errno ${errnoOf(write)})`);
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
        const profile = typeof row?.profile === 'string' ? JSON.parse(row.profile) : row?.profile;
        const mismatches = [
          row?.balance === TYPES_ROW.balance ? '' : `balance ${row?.balance}`,
          row?.seenAt?.getTime() === TYPES_ROW.seenAt.getTime() ? '' : `seenAt ${row?.seenAt}`,
          JSON.stringify(profile) === JSON.stringify(TYPES_ROW.profile)
            ? ''
            : `profile ${JSON.stringify(row?.profile)}`,
          row?.active === false ? '' : `active ${row?.active}`,
          row?.role === TYPES_ROW.role ? '' : `role ${row?.role}`,
          row?.bio === TYPES_ROW.bio ? '' : 'bio',
          row?.note === null ? '' : `note ${row?.note}`,
        ].filter(Boolean);
        return mismatches.length === 0 ? works() : wrong(mismatches.join(', '));
      },
    },
    'auto-increment-after-alter': {
      api: '`` db.execute(sql`ALTER TABLE … ADD COLUMN …`) `` (Drizzle has no schema API at run time), then `insert`',
      expected: {
        mariadb: works('the next id follows the last'),
        emulated: notEmulated('the next id jumped from 1 to 10001'),
        matrixone: differs('the next id jumped from 1 to 10001'),
      },
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
          return next?.id === Number(first?.id) + 1
            ? works('the next id follows the last')
            : differs(`the next id jumped from ${first?.id} to ${next?.id}`);
        } finally {
          await db.execute(sql`DROP TABLE counters`);
        }
      },
    },
  },
});
