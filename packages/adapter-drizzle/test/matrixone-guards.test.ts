/**
 * Drizzle's own APIs on MatrixOne once `matrixone(db)` ran (no `mo` involved): a nested transaction's rollback
 * rolls back the whole transaction, `onDuplicateKeyUpdate` on a unique key works or fails naming the key,
 * foreign-key errors carry MySQL's codes, what MatrixOne cannot do is refused before sending (LATERAL joins of
 * relational queries in the default mode included), and a connection is never handed out inside a transaction. On
 * the test MariaDB a fault proxy answers like MatrixOne 4.2.0 (the tables and the proxy: `useGuardTables` of the
 * adapter test suite) and the adapter is told it talks to MatrixOne; with MATRIXONE_URL set the same checks run
 * against the server itself. Rows are read back on the harness's own connection.
 */
import {
  DUPLICATE_KEY,
  MISSING_PARENT,
  runNestedRollback,
  useGuardTables,
} from '@matrixone/adapter-test-suite';
import { ErrorKind, TransactionError, UnsupportedServerError, toMatrixOneError } from '@matrixone/core';
import { useTestDatabase } from '@matrixone/test-server';
import { relations, sql } from 'drizzle-orm';
import { type MySqlTransactionConfig, bigint, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { type MySql2Database, drizzle } from 'drizzle-orm/mysql2';
import type { Pool } from 'mysql2';
import { createPool } from 'mysql2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrixone } from '../src/index.js';
import { endPool, usedConnections } from './support/open-drizzle.js';

const db = useTestDatabase();
const guarded = useGuardTables(db);
const { emails } = guarded;
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
type Orm = MySql2Database<typeof schema>;
/** A transaction of `orm`, as its `transaction()` callback gets it. */
type Tx = Parameters<Parameters<Orm['transaction']>[0]>[0];
let pool: Pool;
let orm: Orm;

beforeAll(() => {
  pool = createPool({ uri: guarded.url(), connectionLimit: 1 });
  orm = drizzle(pool, { schema, mode: 'default' });
  matrixone(orm, guarded.adapterOptions);
});
afterAll(async () => {
  await endPool(pool);
});

describe('Drizzle on MatrixOne: nested transactions', () => {
  it("an inner rollback fails the whole transaction with the inner block's error as cause: nothing committed", async () => {
    const { boom, inner, outer } = await runNestedRollback<Tx>({
      transaction: (block) => orm.transaction(block),
      nested: (tx, block) => tx.transaction(block),
      insert: (tx, email) => tx.insert(people).values({ email }),
    });
    expect(inner).toBe(boom);
    // Drizzle wraps the failed statement's error (`Failed query: …`): the guard's is its cause.
    const failure = toMatrixOneError(outer);
    expect(failure).toBeInstanceOf(TransactionError);
    expect(failure.cause).toBe(boom);
    expect(failure.message).toMatch(/because it failed with Error: "inner boom"/);
    expect(await emails()).toEqual([]);
    // The pool's one connection is back, outside any transaction.
    await orm.insert(people).values({ email: 'later@x.io' });
    expect(await emails()).toEqual(['later@x.io']);
  });
});

describe('Drizzle on MatrixOne: upserts', () => {
  it("onDuplicateKeyUpdate with `id = id` (Drizzle's do-nothing form) or the unique column in set works", async () => {
    await orm.insert(people).values({ email: 'm1@x.io', note: 'first' });
    await orm
      .insert(people)
      .values({ email: 'm1@x.io', note: 'ignored' })
      .onDuplicateKeyUpdate({ set: { id: sql`id` } });
    expect(await emails()).toEqual(['m1@x.io']);
    await orm
      .insert(people)
      .values({ email: 'm1@x.io', note: 'set' })
      .onDuplicateKeyUpdate({ set: { email: sql`values(${people.email})`, note: 'set' } });
    expect(await guarded.people()).toEqual([{ email: 'm1@x.io', note: 'set' }]);
    const refused = await orm
      .insert(people)
      .values({ email: 'm1@x.io' })
      .onDuplicateKeyUpdate({ set: { email: 'changed@x.io' } })
      .catch((failure: unknown) => failure);
    expect(toMatrixOneError(refused)).toBeInstanceOf(UnsupportedServerError);
    expect(toMatrixOneError(refused).message).toMatch(/"email"/);
    expect(await guarded.people()).toEqual([{ email: 'm1@x.io', note: 'set' }]);
  });
});

describe('Drizzle on MatrixOne: errors and refusals', () => {
  it("a missing parent arrives as MySQL's 1452, a duplicate as 1062: both ConstraintError, nothing written", async () => {
    const orphan = await orm
      .insert(notes)
      .values({ personId: 987654321 })
      .catch((failure: unknown) => failure);
    // Drizzle wraps the driver's error ("Failed query: …") and keeps it as `cause`.
    expect((orphan as { cause?: unknown }).cause).toMatchObject(MISSING_PARENT);
    expect(toMatrixOneError(orphan).kind).toBe(ErrorKind.Constraint);
    await orm.insert(people).values({ email: 'd@x.io' });
    const duplicate = await orm
      .insert(people)
      .values({ email: 'd@x.io' })
      .catch((failure: unknown) => failure);
    expect((duplicate as { cause?: unknown }).cause).toMatchObject(DUPLICATE_KEY);
    expect(toMatrixOneError(duplicate).kind).toBe(ErrorKind.Constraint);
    expect(await guarded.noteCount()).toBe(0);
    expect(await emails()).toEqual(['d@x.io']);
  });

  it('NOWAIT, SKIP LOCKED, SERIALIZABLE and LATERAL joins (relational queries, mode default) are refused before sending', async () => {
    const attempts: Promise<unknown>[] = [
      orm.select().from(people).for('update', { noWait: true }),
      orm.select().from(people).for('update', { skipLocked: true }),
      orm.query.people.findMany({ with: { notes: true } }),
    ];
    for (const attempt of attempts) {
      const error = await attempt.catch((failure: unknown) => failure);
      expect(toMatrixOneError(error)).toBeInstanceOf(UnsupportedServerError);
      expect(toMatrixOneError(error).message).toMatch(/^Refused before sending/);
    }
  });

  it('read-only and SERIALIZABLE transactions are refused before anything is written, and give their connection back', async () => {
    // Drizzle's type asks for an isolation level; REPEATABLE READ is one MatrixOne accepts, so READ ONLY is what is refused.
    const configs: MySqlTransactionConfig[] = [
      { accessMode: 'read only', isolationLevel: 'repeatable read' },
      { isolationLevel: 'serializable' },
      { isolationLevel: 'read uncommitted' },
      { accessMode: 'read only', isolationLevel: 'repeatable read' },
    ];
    for (const config of configs) {
      const error = await orm
        .transaction(async (tx) => tx.insert(people).values({ email: 'ro@x.io' }), config)
        .catch((failure: unknown) => failure);
      expect(toMatrixOneError(error)).toBeInstanceOf(UnsupportedServerError);
      expect(toMatrixOneError(error).message).toMatch(/^Refused before sending/);
      // The pool has one connection: Drizzle 0.45 alone would keep it checked out after a failed SET/START TRANSACTION.
      expect(usedConnections(pool)).toBe(0);
    }
    await orm.insert(people).values({ email: 'after@x.io' });
    await orm.transaction(async (tx) => tx.insert(people).values({ email: 'tx@x.io' }));
    expect(await emails()).toEqual(['after@x.io', 'tx@x.io']);
  });
});
