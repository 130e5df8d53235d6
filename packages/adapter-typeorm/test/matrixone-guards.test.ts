/**
 * TypeORM's own APIs on MatrixOne once `matrixone(dataSource)` ran (no `mo` involved): a nested
 * `manager.transaction()` whose inner block throws rolls back the whole transaction and never leaves a connection
 * in the pool inside a transaction (TypeORM used to end it with RELEASE SAVEPOINT), `upsert` and `orUpdate` on a
 * unique key work or fail naming the key, foreign-key errors carry MySQL's codes, and what MatrixOne cannot do is
 * refused before sending. On the test MariaDB a fault proxy answers like MatrixOne 4.2.0 (the tables and the
 * proxy: `useGuardTables` of the adapter test suite) and the adapter is told it talks to MatrixOne; with
 * MATRIXONE_URL set the same checks run against the server itself. Rows are read back on the harness's own
 * connection.
 */
import {
  DUPLICATE_KEY,
  MISSING_PARENT,
  runNestedRollback,
  useGuardTables,
} from '@matrixone/adapter-test-suite';
import { ErrorKind, TransactionError, UnsupportedServerError, toMatrixOneError } from '@matrixone/core';
import { useTestDatabase } from '@matrixone/test-server';
import { DataSource, EntitySchema, QueryFailedError } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrixone } from '../src/index.js';
import { typeOrmTransactions } from './typeorm-transactions.js';

const db = useTestDatabase();
const { noteCount, people, url, adapterOptions } = useGuardTables(db);

interface Person {
  id?: string;
  email: string;
  note?: string | null;
}
interface Note {
  id?: string;
  personId: string;
}
const PersonSchema = new EntitySchema<Person>({
  name: 'Person',
  tableName: 'people',
  columns: {
    id: { type: 'bigint', primary: true, generated: 'increment' },
    email: { type: 'varchar', length: 60, unique: true },
    note: { type: 'varchar', length: 60, nullable: true },
  },
});
const NoteSchema = new EntitySchema<Note>({
  name: 'Note',
  tableName: 'notes',
  columns: {
    id: { type: 'bigint', primary: true, generated: 'increment' },
    personId: { type: 'bigint', name: 'person_id' },
  },
});
let dataSource: DataSource;

beforeAll(async () => {
  // A pool of one: a connection given back inside a transaction would be the next caller's.
  dataSource = await new DataSource({
    type: 'mysql',
    url: url(),
    poolSize: 1,
    entities: [PersonSchema, NoteSchema],
  }).initialize();
  matrixone(dataSource, adapterOptions);
});
afterAll(async () => {
  await dataSource.destroy();
});

describe('TypeORM on MatrixOne: nested transactions', () => {
  it('an inner rollback fails the whole transaction, and the pooled connection comes back outside it', async () => {
    const { boom, inner, outer } = await runNestedRollback(typeOrmTransactions(dataSource, PersonSchema));
    expect(inner).toBe(boom);
    expect(toMatrixOneError(outer)).toBeInstanceOf(TransactionError);
    // The later statement failed for the application's error, kept as the cause and named in the message.
    expect(toMatrixOneError(outer).cause).toBe(boom);
    expect(toMatrixOneError(outer).message).toMatch(/because it failed with Error: "inner boom"/);
    expect(await people()).toEqual([]);
    // The one pooled connection: a new transaction on it commits only its own row.
    await dataSource.transaction('REPEATABLE READ', (manager) =>
      manager.insert(PersonSchema, { email: 'later@x.io' }),
    );
    expect(await people()).toEqual([{ email: 'later@x.io', note: null }]);
  });
});

describe('TypeORM on MatrixOne: upserts', () => {
  it('repository.upsert(…, [email]) and orUpdate work; an orUpdate that changes the key is refused naming it', async () => {
    const repository = dataSource.getRepository(PersonSchema);
    await repository.insert({ email: 'm1@x.io', note: 'first' });
    await repository.upsert({ email: 'm1@x.io', note: 'upserted' }, ['email']);
    expect(await people()).toEqual([{ email: 'm1@x.io', note: 'upserted' }]);
    await repository
      .createQueryBuilder()
      .insert()
      .values({ email: 'm1@x.io', note: 'or-update' })
      .orUpdate(['email', 'note'], ['email'])
      .execute();
    expect(await people()).toEqual([{ email: 'm1@x.io', note: 'or-update' }]);
    const refused = await repository
      .createQueryBuilder()
      .insert()
      .values({ id: '1', email: 'm2@x.io' })
      .orUpdate(['email'], ['id'])
      .execute()
      .catch((failure: unknown) => failure);
    expect(toMatrixOneError(refused)).toBeInstanceOf(UnsupportedServerError);
    expect(toMatrixOneError(refused).message).toMatch(/"email"/);
    expect(await people()).toEqual([{ email: 'm1@x.io', note: 'or-update' }]);
  });
});

describe('TypeORM on MatrixOne: errors and refusals', () => {
  it("a missing parent is TypeORM's QueryFailedError over MySQL's 1452, a duplicate over 1062: both ConstraintError, nothing written", async () => {
    const orphan = await dataSource.manager
      .insert(NoteSchema, { personId: '987654321' })
      .catch((failure: unknown) => failure);
    expect(orphan).toBeInstanceOf(QueryFailedError);
    expect((orphan as QueryFailedError).driverError).toMatchObject(MISSING_PARENT);
    expect(toMatrixOneError(orphan).kind).toBe(ErrorKind.Constraint);
    await dataSource.manager.insert(PersonSchema, { email: 'd@x.io' });
    const duplicate = await dataSource.manager
      .insert(PersonSchema, { email: 'd@x.io' })
      .catch((failure: unknown) => failure);
    expect(duplicate).toBeInstanceOf(QueryFailedError);
    expect((duplicate as QueryFailedError).driverError).toMatchObject(DUPLICATE_KEY);
    expect(toMatrixOneError(duplicate).kind).toBe(ErrorKind.Constraint);
    expect(await noteCount()).toBe(0);
    expect(await people()).toEqual([{ email: 'd@x.io', note: null }]);
  });

  it('NOWAIT, SKIP LOCKED, SERIALIZABLE and READ UNCOMMITTED are refused before sending, failing their transactions', async () => {
    const attempts: (() => Promise<unknown>)[] = [
      () =>
        dataSource.transaction(async (manager) => {
          await manager.insert(PersonSchema, { email: 'nowait@x.io' });
          return manager.findOne(PersonSchema, {
            where: { email: 'x' },
            lock: { mode: 'pessimistic_write', onLocked: 'nowait' },
          });
        }),
      () =>
        dataSource.transaction(async (manager) => {
          await manager.insert(PersonSchema, { email: 'skip@x.io' });
          return manager.findOne(PersonSchema, {
            where: { email: 'x' },
            lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' },
          });
        }),
      () => dataSource.transaction('SERIALIZABLE', (manager) => manager.find(PersonSchema)),
      () =>
        dataSource.transaction('READ UNCOMMITTED', (manager) =>
          manager.insert(PersonSchema, { email: 'uncommitted@x.io' }),
        ),
    ];
    for (const attempt of attempts) {
      const error = await attempt().catch((failure: unknown) => failure);
      expect(toMatrixOneError(error)).toBeInstanceOf(UnsupportedServerError);
      expect(toMatrixOneError(error).message).toMatch(/^Refused before sending/);
    }
    // The writes before a refused lock were rolled back with their transactions.
    expect(await people()).toEqual([]);
  });
});
