/**
 * Knex's everyday features on MariaDB, on MariaDB answering like MatrixOne 4.2.0 (fault proxy, the adapter told
 * it talks to MatrixOne) and on a real MatrixOne when MATRIXONE_URL is set — each outcome asserted, the results
 * written to docs/adapters/compat/knex.json and the "On MatrixOne" table of docs/adapters/knex.md
 * (packages/adapter-test-suite/src/compat/). Rows are checked on the harness's own connection.
 */
import { fileURLToPath } from 'node:url';
import {
  type CompatExpectations,
  type CompatOutcome,
  type CompatTables,
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
import type { Knex } from 'knex';
import { matrixone } from '../src/index.js';
import { openKnex } from './support/open-knex.js';

interface KnexSession {
  readonly url: string;
  readonly target: CompatTarget;
  readonly knex: Knex;
  readonly client: ReturnType<typeof matrixone>;
}

/** Works everywhere, with the same result. */
const everywhere = (outcome: CompatOutcome = works()): CompatExpectations => ({
  mariadb: outcome,
  matrixone: outcome,
});
const REFUSED_ON_MATRIXONE: CompatExpectations = { mariadb: works(), matrixone: refused() };

/** The error a constraint violation gives through Knex (the mysql2 error) and what core maps it to. */
async function constraintError(call: () => Promise<unknown>): Promise<CompatOutcome> {
  try {
    await call();
  } catch (error) {
    const { sqlState } = error as { sqlState?: string };
    return works(`${describeError(error)}, SQLSTATE ${sqlState}, core \`${toMatrixOneError(error).name}\``);
  }
  return wrong('no error');
}

/** The post titles and their user's email, through a Knex join. */
async function join({ knex }: KnexSession, tables: CompatTables): Promise<CompatOutcome> {
  const userId = await tables.addUser('one@x.io');
  await tables.addPost(userId, 'hello');
  const rows = await knex('posts')
    .join('users', 'users.id', 'posts.user_id')
    .select('users.email', 'posts.title');
  const got = rows.map((row: { email: string; title: string }) => `${row.email}:${row.title}`);
  return got.join() === 'one@x.io:hello' ? works() : wrong(`joined rows ${JSON.stringify(got)}`);
}

runCompatSuite<KnexSession>({
  orm: 'knex',
  ormName: 'Knex',
  ormPackage: 'knex',
  packageDir: fileURLToPath(new URL('..', import.meta.url)),
  async open(url, target) {
    const knex = openKnex(url, 2);
    const client = matrixone(knex, adapterOptions(target));
    return { url, target, knex, client };
  },
  async close({ knex, client }) {
    await client.close();
    await knex.destroy();
  },
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
        const [columns] = await tables.inspect.query(
          "SELECT COUNT(*) AS n FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name IN ('schema_users', 'schema_posts')",
        );
        const count = Number((columns as { n: number }[])[0]?.n);
        await knex.schema.dropTable('schema_posts');
        await knex.schema.dropTable('schema_users');
        return count === 11 ? works() : wrong(`${count} columns created, 11 asked for`);
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
        const [row] = await tables.inspect.query('SELECT note, visits FROM users');
        const stored = (row as { note: string; visits: number }[])[0];
        const right =
          found?.note === 'one' &&
          deleted === 1 &&
          Number(n) === 1 &&
          stored?.note === 'changed' &&
          stored.visits === 2 &&
          (await tables.emails()).join() === 'a@x.io';
        return right ? works() : wrong(`read ${JSON.stringify({ found, deleted, n, stored })}`);
      },
    },
    'insert-one-id': {
      api: '`insert({ … })`',
      expected: everywhere(),
      async run({ knex }, tables) {
        const [id] = await knex('users').insert({ email: 'one@x.io' });
        const [stored] = await tables.idsOf(['one@x.io']);
        return id === stored ? works() : wrong(`reported ${id}, the row is ${stored}`);
      },
    },
    'insert-many-ids': {
      api: '`insert([… three rows])` (returns the first id)',
      expected: everywhere(),
      async run({ knex }, tables) {
        const emails = ['m1@x.io', 'm2@x.io', 'm3@x.io'];
        const [first] = await knex('users').insert(emails.map((email) => ({ email })));
        const stored = await tables.idsOf(emails);
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
        return constraintError(() => knex('users').insert({ email: 'd@x.io' }));
      },
    },
    'fk-violation': {
      api: '`insert` into `posts` with a missing `user_id`',
      expected: everywhere(works('`Error` (errno 1452), SQLSTATE 23000, core `ConstraintError`')),
      async run({ knex }) {
        return constraintError(() => knex('posts').insert({ user_id: 987654321, title: 'orphan' }));
      },
    },
    'cascade-delete': {
      api: '`del()` of a user with one post',
      expected: {
        mariadb: works('1 affected row'),
        emulated: notEmulated('2 affected rows: the cascaded child counted'),
        matrixone: differs('2 affected rows: the cascaded child counted'),
      },
      async run({ knex }, tables) {
        const userId = await tables.addUser('c@x.io');
        await tables.addPost(userId, 'child');
        const affected = await knex('users').where({ id: userId }).del();
        if ((await tables.postCount()) !== 0) return wrong('the child row was not deleted');
        if (affected === 1) return works('1 affected row');
        return differs(`${affected} affected rows: the cascaded child counted`);
      },
    },
    'upsert-every-column': {
      api: "`onConflict('email').merge()`",
      expected: everywhere(),
      async run({ knex }, tables) {
        await tables.addUser('m1@x.io', 'first');
        await knex('users').insert({ email: 'm1@x.io', note: 'merged' }).onConflict('email').merge();
        const notes = await tables.notes();
        return notes['m1@x.io'] === 'merged' ? works() : wrong(`rows ${JSON.stringify(notes)}`);
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
        const notes = await tables.notes();
        return notes['m1@x.io'] === 'merged' ? works() : wrong(`rows ${JSON.stringify(notes)}`);
      },
    },
    'upsert-key-change': {
      api: "`onConflict('email').merge({ email: 'other@x.io' })`",
      expected: { mariadb: works('the key changed'), matrixone: refused('names the column') },
      async run({ knex }, tables) {
        await tables.addUser('m1@x.io', 'first');
        try {
          await knex('users')
            .insert({ email: 'm1@x.io', note: 'x' })
            .onConflict('email')
            .merge({ email: 'other@x.io' });
        } catch (error) {
          return keyChangeRefusal(error, 'email');
        }
        const emails = await tables.emails();
        return emails.join() === 'other@x.io' ? works('the key changed') : wrong(`rows ${emails.join()}`);
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
        const notes = await tables.notes();
        return JSON.stringify(notes) === '{"m1@x.io":"first","new@x.io":"new"}'
          ? works()
          : wrong(`rows ${JSON.stringify(notes)}`);
      },
    },
    join: {
      api: "`join('users', 'users.id', 'posts.user_id')`",
      expected: everywhere(),
      run: join,
    },
    'correlated-from': {
      api: '`select` from a derived table (`.from(subquery.as(…))`) whose WHERE names the outer query’s column',
      expected: { mariadb: fails('`Error` (errno 1054)'), matrixone: refused() },
      async run({ knex }, tables) {
        const userId = await tables.addUser('one@x.io');
        await tables.addPost(userId, 'hello');
        const derived = knex('users')
          .whereRaw('?? = ??', ['users.id', 'posts.user_id'])
          .limit(1)
          .as('author');
        const rows = await knex('posts').select('title', knex.select('email').from(derived).as('email'));
        return JSON.stringify(rows) === '[{"title":"hello","email":"one@x.io"}]'
          ? works()
          : wrong(`rows ${JSON.stringify(rows)}`);
      },
    },
    'nested-rollback': {
      api: '`trx.transaction()` whose callback throws, inside `knex.transaction()`',
      expected: {
        mariadb: ROLLED_BACK_TO_SAVEPOINT,
        matrixone: rolledBackWhole(true),
      },
      async run({ knex }, tables) {
        const boom = new Error('inner boom');
        let inner: unknown;
        const outer = await knex
          .transaction(async (trx) => {
            await trx('users').insert({ email: 'outer@x.io' });
            inner = await trx
              .transaction(async (nested) => {
                await nested('users').insert({ email: 'inner1@x.io' });
                await nested('users').insert({ email: 'inner2@x.io' });
                throw boom;
              })
              .catch((error: unknown) => error);
            await trx('users').insert({ email: 'after@x.io' });
          })
          .then(
            () => 'committed',
            (error: unknown) => error,
          );
        return nestedRollbackOutcome({ boom, inner, outer, emails: await tables.emails() });
      },
    },
    'pool-after-nested': {
      api: 'a failed `trx.transaction()`, then a transaction that throws and one that commits (`pool: { max: 1 }`)',
      expected: everywhere(),
      async run({ url, target }, tables) {
        const knex = openKnex(url, 1);
        const client = matrixone(knex, adapterOptions(target));
        try {
          return await poolAfterNestedOutcome(
            {
              nested: () =>
                knex.transaction(async (trx) => {
                  await trx('users').insert({ email: 'outer@x.io' });
                  await trx
                    .transaction(async () => {
                      throw new Error('inner boom');
                    })
                    .catch(() => undefined);
                }),
              abort: () =>
                knex.transaction(async (trx) => {
                  await trx('users').insert({ email: 'next@x.io' });
                  throw new Error('abort');
                }),
              commit: () => knex.transaction((trx) => trx('users').insert({ email: 'later@x.io' })),
            },
            () => tables.emails(),
          );
        } finally {
          await client.close();
          await knex.destroy();
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
        for (const isolationLevel of ['read committed', 'repeatable read'] as const) {
          await knex.transaction(
            async (trx) => trx('users').insert({ email: `${isolationLevel.replace(' ', '-')}@x.io` }),
            { isolationLevel },
          );
        }
        const emails = (await tables.emails()).join();
        return emails === 'read-committed@x.io,repeatable-read@x.io' ? works() : wrong(`rows ${emails}`);
      },
    },
    'isolation-unsupported': {
      api: "`knex.transaction(fn, { isolationLevel: 'serializable' | 'read uncommitted' })`",
      expected: REFUSED_ON_MATRIXONE,
      async run({ knex }) {
        const outcomes: CompatOutcome[] = [];
        for (const isolationLevel of ['serializable', 'read uncommitted'] as const) {
          outcomes.push(
            await attempt(() => knex.transaction(async (trx) => trx('users').count(), { isolationLevel })),
          );
        }
        return allAlike(outcomes);
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
        if (outcome.kind !== 'works') return outcome;
        if ((await tables.emails()).length > 0) return wrong('the write inside was committed');
        return write === 'written'
          ? wrong('the write inside was accepted')
          : works(`a write inside fails (errno ${errnoOf(write)})`);
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
        const profile = typeof row.profile === 'string' ? JSON.parse(row.profile) : row.profile;
        const mismatches = [
          row.balance === TYPES_ROW.balance ? '' : `balance ${row.balance}`,
          row.seen_at?.getTime() === TYPES_ROW.seenAt.getTime() ? '' : `seen_at ${row.seen_at}`,
          JSON.stringify(profile) === JSON.stringify(TYPES_ROW.profile) ? '' : `profile ${row.profile}`,
          Number(row.active) === 0 ? '' : `active ${row.active}`,
          row.role === TYPES_ROW.role ? '' : `role ${row.role}`,
          row.bio === TYPES_ROW.bio ? '' : 'bio',
          row.note === null ? '' : `note ${row.note}`,
        ].filter(Boolean);
        return mismatches.length === 0 ? works() : wrong(mismatches.join(', '));
      },
    },
    'auto-increment-after-alter': {
      api: '`knex.schema.alterTable` adding a column, then `insert`',
      expected: {
        mariadb: works('the next id follows the last'),
        emulated: notEmulated('the next id jumped from 1 to 10001'),
        matrixone: differs('the next id jumped from 1 to 10001'),
      },
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
          return next === Number(first) + 1
            ? works('the next id follows the last')
            : differs(`the next id jumped from ${first} to ${next}`);
        } finally {
          await knex.schema.dropTable('counters');
        }
      },
    },
  },
});
