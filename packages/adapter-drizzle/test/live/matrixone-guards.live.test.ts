/**
 * Runs only against a real MatrixOne (MATRIXONE_URL): Drizzle's own APIs once `matrixone(db)` ran, no `mo`
 * involved — the checks test/matrixone-guards.test.ts makes against MariaDB behind the fault proxy, here against
 * the server itself (docs/matrixone-facts.md#orms-on-matrixone). Rows are read back on the harness's own
 * connection. Tables use only what MatrixOne 4.2.0 was seen to accept (BIGINT AUTO_INCREMENT keys, VARCHAR, a
 * unique index, a foreign key with ON DELETE CASCADE), made by hand: Drizzle's `serial()` DDL is refused (issue 20 §3).
 */
import {
  ConstraintError,
  ErrorKind,
  TransactionError,
  UnsupportedServerError,
  toMatrixOneError,
} from '@matrixone/core';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import { relations, sql } from 'drizzle-orm';
import { type MySqlTransactionConfig, bigint, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { type MySql2Database, drizzle } from 'drizzle-orm/mysql2';
import { type Pool, createPool } from 'mysql2';
import type mysql from 'mysql2/promise';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { matrixone } from '../../src/index.js';
import { endPool } from '../support/open-drizzle.js';

const db = useTestDatabase();
const people = mysqlTable('people', {
  id: bigint('id', { mode: 'number' }).primaryKey().autoincrement(),
  email: varchar('email', { length: 60 }).notNull().unique(),
  note: varchar('note', { length: 60 }),
});
const notes = mysqlTable('notes', {
  id: bigint('id', { mode: 'number' }).primaryKey().autoincrement(),
  personId: bigint('person_id', { mode: 'number' }).notNull(),
});
const peopleRelations = relations(people, ({ many }) => ({ notes: many(notes) }));
const notesRelations = relations(notes, ({ one }) => ({
  person: one(people, { fields: [notes.personId], references: [people.id] }),
}));
const schema = { people, notes, peopleRelations, notesRelations };

describe.skipIf(testServer().flavor !== 'matrixone')('Drizzle guards on a real MatrixOne', () => {
  let pool: Pool;
  let orm: MySql2Database<typeof schema>;

  async function rows(): Promise<{ email: string; note: string | null }[]> {
    const [found] = await db.inspect.query<mysql.RowDataPacket[]>(
      'SELECT email, note FROM people ORDER BY id',
    );
    return found.map((row) => ({
      email: String(row.email),
      note: row.note === null ? null : String(row.note),
    }));
  }

  beforeAll(async () => {
    await db.inspect.query(
      'CREATE TABLE people (id BIGINT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(60) NOT NULL UNIQUE, note VARCHAR(60))',
    );
    await db.inspect.query(
      'CREATE TABLE notes (id BIGINT AUTO_INCREMENT PRIMARY KEY, person_id BIGINT NOT NULL, ' +
        'FOREIGN KEY (person_id) REFERENCES people (id) ON DELETE CASCADE)',
    );
    // A pool of one: a connection given back inside a transaction would be the next caller's.
    pool = createPool({ uri: db.url, connectionLimit: 1 });
    orm = drizzle(pool, { schema, mode: 'default' });
    matrixone(orm);
  });
  // Earlier tests' rows go whatever they left behind (the database itself is dropped after the file).
  beforeEach(async () => {
    await db.inspect.query('DELETE FROM notes');
    await db.inspect.query('DELETE FROM people');
  });
  afterAll(async () => {
    if (pool) await endPool(pool);
  });

  it('a failed inner savepoint block commits nothing and fails the outer transaction with TransactionError, its cause the inner error', async () => {
    const boom = new Error('inner boom');
    let inner: unknown;
    const outer = await orm
      .transaction(async (tx) => {
        await tx.insert(people).values({ email: 'outer@x.io' });
        inner = await tx
          .transaction(async (nested) => {
            await nested.insert(people).values({ email: 'inner1@x.io' });
            await nested.insert(people).values({ email: 'inner2@x.io' });
            throw boom;
          })
          .catch((error: unknown) => error);
        await tx.insert(people).values({ email: 'after@x.io' });
      })
      .catch((error: unknown) => error);
    // Unguarded, MatrixOne 4.2.0 committed `outer, inner1, after` and the inner block got the server's 20101.
    expect(inner).toBe(boom);
    expect(toMatrixOneError(outer)).toBeInstanceOf(TransactionError);
    expect(toMatrixOneError(outer).cause).toBe(boom);
    expect(toMatrixOneError(outer).message).toMatch(/inner boom/);
    expect(await rows()).toEqual([]);
  });

  it('the pooled connection comes back outside any transaction after a failed nested block', async () => {
    await orm
      .transaction(async (tx) => {
        await tx.insert(people).values({ email: 'outer@x.io' });
        await tx
          .transaction(async () => {
            throw new Error('inner boom');
          })
          .catch(() => undefined);
      })
      .catch(() => undefined);
    // Had the one connection come back inside a transaction, this rollback would take the earlier work with it
    // or this START TRANSACTION would commit it: either way the table would not read as below.
    const abort = new Error('abort the next transaction');
    await expect(
      orm.transaction(async (tx) => {
        await tx.insert(people).values({ email: 'next@x.io' });
        throw abort;
      }),
    ).rejects.toBe(abort);
    expect(await rows()).toEqual([]);
    await orm.transaction(async (tx) => tx.insert(people).values({ email: 'later@x.io' }));
    expect(await rows()).toEqual([{ email: 'later@x.io', note: null }]);
  });

  it('onDuplicateKeyUpdate works when only non-key columns change, and is refused naming a key it would change', async () => {
    await orm.insert(people).values({ email: 'm1@x.io', note: 'first' });
    // Drizzle's documented do-nothing form, `id = id` (MatrixOne: errno 20313, update primary key on duplicate).
    await orm
      .insert(people)
      .values({ email: 'm1@x.io', note: 'ignored' })
      .onDuplicateKeyUpdate({ set: { id: sql`id` } });
    expect(await rows()).toEqual([{ email: 'm1@x.io', note: 'first' }]);
    // The unique column assigned its own inserted value (MatrixOne: errno 20313, update unique key on duplicate).
    await orm
      .insert(people)
      .values({ email: 'm1@x.io', note: 'set' })
      .onDuplicateKeyUpdate({ set: { email: sql`values(${people.email})`, note: 'set' } });
    expect(await rows()).toEqual([{ email: 'm1@x.io', note: 'set' }]);
    const refused = await orm
      .insert(people)
      .values({ email: 'm1@x.io' })
      .onDuplicateKeyUpdate({ set: { email: 'changed@x.io' } })
      .catch((failure: unknown) => failure);
    expect(toMatrixOneError(refused)).toBeInstanceOf(UnsupportedServerError);
    expect(toMatrixOneError(refused).message).toMatch(/^Refused before sending.*"email"/s);
    expect(await rows()).toEqual([{ email: 'm1@x.io', note: 'set' }]);
  });

  it('a missing parent is the mysql2 error with errno 1452 (ConstraintError), a duplicate errno 1062', async () => {
    const orphan = await orm
      .insert(notes)
      .values({ personId: 987654321 })
      .catch((failure: unknown) => failure);
    // Drizzle wraps the driver's error ("Failed query: …") and keeps it as `cause`.
    expect((orphan as { cause?: unknown }).cause).toMatchObject({
      errno: 1452,
      sqlState: '23000',
      code: 'ER_NO_REFERENCED_ROW_2',
    });
    expect(toMatrixOneError(orphan)).toBeInstanceOf(ConstraintError);
    await orm.insert(people).values({ email: 'd@x.io' });
    const duplicate = await orm
      .insert(people)
      .values({ email: 'd@x.io' })
      .catch((failure: unknown) => failure);
    expect((duplicate as { cause?: unknown }).cause).toMatchObject({
      errno: 1062,
      sqlState: '23000',
      code: 'ER_DUP_ENTRY',
    });
    expect(toMatrixOneError(duplicate).kind).toBe(ErrorKind.Constraint);
    const [counted] = await db.inspect.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM notes');
    expect(Number(counted[0]?.n)).toBe(0);
    expect(await rows()).toEqual([{ email: 'd@x.io', note: null }]);
  });

  it('NOWAIT, SKIP LOCKED and LATERAL joins (relational queries, mode default) are refused before sending', async () => {
    await orm.insert(people).values({ email: 'lock@x.io' });
    const attempts: (() => Promise<unknown>)[] = [
      () => orm.select().from(people).for('update', { noWait: true }),
      () => orm.select().from(people).for('update', { skipLocked: true }),
      () => orm.query.people.findMany({ with: { notes: true } }),
    ];
    for (const attempt of attempts) {
      const error = await attempt().catch((failure: unknown) => failure);
      expect(toMatrixOneError(error)).toBeInstanceOf(UnsupportedServerError);
      expect(toMatrixOneError(error).message).toMatch(/^Refused before sending/);
    }
  });

  it('read-only, SERIALIZABLE and READ UNCOMMITTED transactions are refused before anything is written, and give their connection back', async () => {
    // Drizzle's type asks for an isolation level; REPEATABLE READ is one MatrixOne accepts, so READ ONLY is what is
    // refused (MatrixOne 4.2.0 accepts START TRANSACTION READ ONLY but does not enforce it).
    const configs: MySqlTransactionConfig[] = [
      { accessMode: 'read only', isolationLevel: 'repeatable read' },
      { isolationLevel: 'serializable' },
      { isolationLevel: 'read uncommitted' },
    ];
    for (const config of configs) {
      const error = await orm
        .transaction(async (tx) => tx.insert(people).values({ email: 'refused@x.io' }), config)
        .catch((failure: unknown) => failure);
      expect(toMatrixOneError(error)).toBeInstanceOf(UnsupportedServerError);
      expect(toMatrixOneError(error).message).toMatch(/^Refused before sending/);
    }
    // The pool has one connection, which Drizzle 0.45 alone keeps after a failed SET / START TRANSACTION.
    await orm.transaction(async (tx) => tx.insert(people).values({ email: 'after@x.io' }));
    expect(await rows()).toEqual([{ email: 'after@x.io', note: null }]);
  });
});
