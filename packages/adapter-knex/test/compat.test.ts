/**
 * Knex's everyday features on MariaDB, on MariaDB answering like MatrixOne 4.2.0 (fault proxy, the adapter told
 * it talks to MatrixOne) and on a real MatrixOne when MATRIXONE_URL is set — each outcome asserted, the results
 * written to docs/adapters/compat/knex.json and the "On MatrixOne" table of docs/adapters/knex.md
 * (packages/adapter-test-suite/src/compat/). Rows are checked on the harness's own connection.
 */
import { fileURLToPath } from 'node:url';
import {
  CASCADE_COUNTED,
  type CompatTarget,
  ID_JUMPS_AFTER_ALTER,
  MANY_EMAILS,
  REFUSED_ON_MATRIXONE,
  ROLLED_BACK_TO_SAVEPOINT,
  TYPES_ROW,
  adapterOptions,
  allAlike,
  attempt,
  attemptEach,
  cascadeDeleteOutcome,
  constraintOutcome,
  correlatedRowsOutcome,
  createdColumns,
  crudOutcome,
  everywhere,
  fails,
  insertedIdOutcome,
  isolationSupportedOutcome,
  keyChangeOutcome,
  loadedOutcome,
  nestedRollbackOutcome,
  nextIdOutcome,
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
import type { Knex } from 'knex';
import { matrixone } from '../src/index.js';
import { knexTransactions } from './support/knex-transactions.js';
import { openKnex } from './support/open-knex.js';

interface KnexSession {
  readonly url: string;
  readonly target: CompatTarget;
  readonly knex: Knex;
  readonly client: ReturnType<typeof matrixone>;
}

/** Knex on `url` with a pool of `poolSize`, the adapter set up for `target`. */
function openSession(url: string, target: CompatTarget, poolSize: number): KnexSession {
  const knex = openKnex(url, poolSize);
  return { url, target, knex, client: matrixone(knex, adapterOptions(target)) };
}

async function closeSession({ knex, client }: KnexSession): Promise<void> {
  await client.close();
  await knex.destroy();
}

runCompatSuite<KnexSession>({
  orm: 'knex',
  ormName: 'Knex',
  ormPackage: 'knex',
  packageDir: fileURLToPath(new URL('..', import.meta.url)),
  async open(url, target) {
    return openSession(url, target, 2);
  },
  close: closeSession,
  features: {
    'schema-create': {
      api: "`knex.schema.createTable` (bigIncrements, unique, decimal, datetime(3), json, boolean, enu, text, a foreign key `onDelete('CASCADE')`)",
      expected: everywhere(),
      async run({ knex }, tables) {
        await knex.schema.dropTableIfExists('schema_posts');
        await knex.schema.dropTableIfExists('schema_users');
        await knex.schema.createTable('schema_users', (table) => {
          table.bigIncrements('id');
          table.string('email', 60).notNullable().unique();
          table.decimal('balance', 12, 2);
          table.datetime('seen_at', { precision: 3 });
          table.json('profile');
          table.boolean('active');
          table.enu('role', ['admin', 'user', 'guest']);
          table.text('bio');
        });
        await knex.schema.createTable('schema_posts', (table) => {
          table.bigIncrements('id');
          table
            .bigInteger('user_id')
            .unsigned()
            .notNullable()
            .references('id')
            .inTable('schema_users')
            .onDelete('CASCADE');
          table.string('title', 100);
        });
        const created = await createdColumns(tables, 11);
        await knex.schema.dropTable('schema_posts');
        await knex.schema.dropTable('schema_users');
        return created;
      },
    },
    crud: {
      api: '`insert`, `where().first()`, `update`, `increment`, `del`, `count`',
      expected: everywhere(),
      async run({ knex }, tables) {
        await knex('users').insert({ email: 'a@x.io', note: 'one' });
        await knex('users').insert({ email: 'b@x.io', note: 'two' });
        const found = await knex('users').where({ email: 'a@x.io' }).first();
        await knex('users').where({ email: 'a@x.io' }).update({ note: 'changed' });
        await knex('users').where({ email: 'a@x.io' }).increment('visits', 2);
        const deleted = await knex('users').where({ email: 'b@x.io' }).del();
        const [{ n }] = (await knex('users').count({ n: '*' })) as [{ n: number | string }];
        return crudOutcome(tables, { found: found?.note, deleted, count: n });
      },
    },
    'insert-one-id': {
      api: '`insert({ … })`',
      expected: everywhere(),
      async run({ knex }, tables) {
        const [id] = await knex('users').insert({ email: 'one@x.io' });
        return insertedIdOutcome(tables, 'one@x.io', id);
      },
    },
    'insert-many-ids': {
      api: '`insert([… three rows])` (returns the first id)',
      expected: everywhere(),
      async run({ knex }, tables) {
        const [first] = await knex('users').insert(MANY_EMAILS.map((email) => ({ email })));
        const stored = await tables.idsOf(MANY_EMAILS);
        if (first === stored[0]) return works();
        return wrong(
          first === stored[2] ? 'reported the last row’s id' : `reported ${first}, rows ${stored.join()}`,
        );
      },
    },
    'duplicate-key': {
      api: '`insert` of an existing email',
      expected: everywhere(works('`Error` (errno 1062), SQLSTATE 23000, core `ConstraintError`')),
      async run({ knex }, tables) {
        await tables.addUser('d@x.io');
        return constraintOutcome(() => knex('users').insert({ email: 'd@x.io' }), { sqlState: true });
      },
    },
    'fk-violation': {
      api: '`insert` into `posts` with a missing `user_id`',
      expected: everywhere(works('`Error` (errno 1452), SQLSTATE 23000, core `ConstraintError`')),
      async run({ knex }) {
        return constraintOutcome(() => knex('posts').insert({ user_id: 987654321, title: 'orphan' }), {
          sqlState: true,
        });
      },
    },
    'cascade-delete': {
      api: '`del()` of a user with one post',
      expected: CASCADE_COUNTED,
      async run({ knex }, tables) {
        return cascadeDeleteOutcome(tables, (userId) => knex('users').where({ id: userId }).del());
      },
    },
    'upsert-every-column': {
      api: "`onConflict('email').merge()`",
      expected: everywhere(),
      async run({ knex }, tables) {
        await tables.addUser('m1@x.io', 'first');
        await knex('users').insert({ email: 'm1@x.io', note: 'merged' }).onConflict('email').merge();
        return noteOutcome(tables, 'm1@x.io', 'merged');
      },
    },
    'upsert-named-columns': {
      api: "`onConflict('email').merge(['email', 'note'])`",
      expected: everywhere(),
      async run({ knex }, tables) {
        await tables.addUser('m1@x.io', 'first');
        await knex('users')
          .insert({ email: 'm1@x.io', note: 'merged' })
          .onConflict('email')
          .merge(['email', 'note']);
        return noteOutcome(tables, 'm1@x.io', 'merged');
      },
    },
    'upsert-key-change': {
      api: "`onConflict('email').merge({ email: 'other@x.io' })`",
      expected: { mariadb: works('the key changed'), matrixone: refused('names the column') },
      async run({ knex }, tables) {
        await tables.addUser('m1@x.io', 'first');
        const upsert = () =>
          knex('users')
            .insert({ email: 'm1@x.io', note: 'x' })
            .onConflict('email')
            .merge({ email: 'other@x.io' });
        return keyChangeOutcome(tables, upsert, 'email', 'other@x.io');
      },
    },
    'insert-ignore': {
      api: "`onConflict('email').ignore()`",
      expected: everywhere(),
      async run({ knex }, tables) {
        await tables.addUser('m1@x.io', 'first');
        await knex('users')
          .insert([
            { email: 'm1@x.io', note: 'ignored' },
            { email: 'new@x.io', note: 'new' },
          ])
          .onConflict('email')
          .ignore();
        return notesOutcome(tables, { 'm1@x.io': 'first', 'new@x.io': 'new' });
      },
    },
    join: {
      api: "`join('users', 'users.id', 'posts.user_id')`",
      expected: everywhere(),
      async run({ knex }, tables) {
        await tables.addUserWithPost();
        const rows = await knex('posts')
          .join('users', 'users.id', 'posts.user_id')
          .select('users.email', 'posts.title');
        return loadedOutcome({
          users: rows.map((row: { email: string; title: string }) => `${row.email}:${row.title}`),
        });
      },
    },
    'correlated-from': {
      api: '`select` from a derived table (`.from(subquery.as(…))`) whose WHERE names the outer query’s column',
      expected: { mariadb: fails('`Error` (errno 1054)'), matrixone: refused() },
      async run({ knex }, tables) {
        await tables.addUserWithPost();
        const derived = knex('users')
          .whereRaw('?? = ??', ['users.id', 'posts.user_id'])
          .limit(1)
          .as('author');
        const rows = await knex('posts').select('title', knex.select('email').from(derived).as('email'));
        return correlatedRowsOutcome(rows);
      },
    },
    'nested-rollback': {
      api: '`trx.transaction()` whose callback throws, inside `knex.transaction()`',
      expected: {
        mariadb: ROLLED_BACK_TO_SAVEPOINT,
        matrixone: rolledBackWhole(true),
      },
      async run({ knex }, tables) {
        const run = await runNestedRollback(knexTransactions(knex, 'users'));
        return nestedRollbackOutcome({ ...run, emails: await tables.emails() });
      },
    },
    'pool-after-nested': {
      api: 'a failed `trx.transaction()`, then a transaction that throws and one that commits (`pool: { max: 1 }`)',
      expected: everywhere(),
      async run({ url, target }, tables) {
        const one = openSession(url, target, 1);
        try {
          return await poolAfterNestedOutcome(knexTransactions(one.knex, 'users'), () => tables.emails());
        } finally {
          await closeSession(one);
        }
      },
    },
    'for-update-share': {
      api: '`forUpdate()`, `forShare()`',
      expected: everywhere(),
      async run({ knex }, tables) {
        await tables.addUser('lock@x.io');
        const found = await knex.transaction(async (trx) => [
          await trx('users').where({ email: 'lock@x.io' }).forUpdate().first(),
          await trx('users').where({ email: 'lock@x.io' }).forShare().first(),
        ]);
        return found.every((row) => row?.email === 'lock@x.io') ? works() : wrong('the row was not read');
      },
    },
    'nowait-skip-locked': {
      api: '`forUpdate().noWait()`, `forUpdate().skipLocked()`',
      expected: REFUSED_ON_MATRIXONE,
      async run({ knex }, tables) {
        await tables.addUser('lock@x.io');
        return allAlike([
          await attempt(() => knex('users').select('id').forUpdate().noWait()),
          await attempt(() => knex('users').select('id').forUpdate().skipLocked()),
        ]);
      },
    },
    'isolation-supported': {
      api: "`knex.transaction(fn, { isolationLevel: 'read committed' | 'repeatable read' })`",
      expected: everywhere(),
      async run({ knex }, tables) {
        return isolationSupportedOutcome(
          tables,
          ['read committed', 'repeatable read'],
          (isolationLevel, email) =>
            knex.transaction(async (trx) => trx('users').insert({ email }), { isolationLevel }),
        );
      },
    },
    'isolation-unsupported': {
      api: "`knex.transaction(fn, { isolationLevel: 'serializable' | 'read uncommitted' })`",
      expected: REFUSED_ON_MATRIXONE,
      async run({ knex }) {
        return attemptEach(['serializable', 'read uncommitted'] as const, (isolationLevel) =>
          knex.transaction(async (trx) => trx('users').count(), { isolationLevel }),
        );
      },
    },
    'read-only': {
      api: '`knex.transaction(fn, { readOnly: true })`',
      expected: { mariadb: works('a write inside fails (errno 1792)'), matrixone: refused() },
      async run({ knex }, tables) {
        let write: unknown;
        const outcome = await attempt(() =>
          knex.transaction(
            async (trx) => {
              await trx('users').count();
              write = await trx('users')
                .insert({ email: 'ro@x.io' })
                .then(
                  () => 'written',
                  (error: unknown) => error,
                );
            },
            { readOnly: true },
          ),
        );
        return readOnlyOutcome(tables, outcome, write);
      },
    },
    types: {
      api: '`insert` then `first()` of DECIMAL, DATETIME(3), JSON, BOOLEAN, ENUM, TEXT and NULL columns',
      expected: everywhere(),
      async run({ knex }) {
        await knex('users').insert({
          email: TYPES_ROW.email,
          balance: TYPES_ROW.balance,
          seen_at: TYPES_ROW.seenAt,
          profile: JSON.stringify(TYPES_ROW.profile),
          active: TYPES_ROW.active,
          role: TYPES_ROW.role,
          bio: TYPES_ROW.bio,
          note: TYPES_ROW.note,
        });
        const row = await knex('users').where({ email: TYPES_ROW.email }).first();
        return typesOutcome({
          ...row,
          seenAt: row.seen_at,
          // Knex gives JSON as text and BOOLEAN as the 0 or 1 MySQL stores.
          profile: typeof row.profile === 'string' ? JSON.parse(row.profile) : row.profile,
          active: Number(row.active) === 0 ? false : row.active,
        });
      },
    },
    'auto-increment-after-alter': {
      api: '`knex.schema.alterTable` adding a column, then `insert`',
      expected: ID_JUMPS_AFTER_ALTER,
      async run({ knex }) {
        await knex.schema.dropTableIfExists('counters');
        await knex.schema.createTable('counters', (table) => {
          table.bigIncrements('id');
          table.string('name', 20);
        });
        try {
          const [first] = await knex('counters').insert({ name: 'a' });
          await knex.schema.alterTable('counters', (table) => table.string('extra', 20));
          const [next] = await knex('counters').insert({ name: 'b' });
          return nextIdOutcome(first, next);
        } finally {
          await knex.schema.dropTable('counters');
        }
      },
    },
  },
});
