/**
 * Runs only against a real MatrixOne (MATRIXONE_URL): TypeORM's own APIs once `matrixone(dataSource)` ran, no `mo`
 * involved — the checks matrixone-guards.test.ts makes against MariaDB behind the fault proxy, here against the
 * server itself (docs/matrixone-facts.md#orms-on-matrixone). Rows are read back on the harness's own connection.
 * Tables use only what MatrixOne 4.2.0 was seen to accept (BIGINT AUTO_INCREMENT keys, VARCHAR, a unique index, a
 * foreign key with ON DELETE CASCADE); the tables are made by hand, not by `synchronize` (issue 20 §3).
 */
import {
  ConstraintError,
  ErrorKind,
  TransactionError,
  UnsupportedServerError,
  toMatrixOneError,
} from '@matrixone/core';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import type mysql from 'mysql2/promise';
import { DataSource, EntitySchema, QueryFailedError } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { matrixone } from '../src/index.js';

const db = useTestDatabase();

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

describe.skipIf(testServer().flavor !== 'matrixone')('TypeORM guards on a real MatrixOne', () => {
  let dataSource: DataSource;

  async function people(): Promise<{ email: string; note: string | null }[]> {
    const [rows] = await db.inspect.query<mysql.RowDataPacket[]>(
      'SELECT email, note FROM people ORDER BY id',
    );
    return rows.map((row) => ({
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
    dataSource = await new DataSource({
      type: 'mysql',
      url: db.url,
      poolSize: 1,
      entities: [PersonSchema, NoteSchema],
    }).initialize();
    matrixone(dataSource);
  });
  // Earlier tests' rows go whatever they left behind (the database itself is dropped after the file).
  beforeEach(async () => {
    await db.inspect.query('DELETE FROM notes');
    await db.inspect.query('DELETE FROM people');
  });
  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
  });

  it('a failed inner savepoint block commits nothing and fails the outer transaction with TransactionError', async () => {
    const boom = new Error('inner boom');
    let inner: unknown;
    const outer = await dataSource.manager
      .transaction(async (manager) => {
        await manager.insert(PersonSchema, { email: 'outer@x.io' });
        inner = await manager
          .transaction(async (nested) => {
            await nested.insert(PersonSchema, { email: 'inner1@x.io' });
            await nested.insert(PersonSchema, { email: 'inner2@x.io' });
            throw boom;
          })
          .catch((error: unknown) => error);
        await manager.insert(PersonSchema, { email: 'after@x.io' });
        return 'outer done';
      })
      .catch((error: unknown) => error);
    expect(inner).toBe(boom);
    expect(toMatrixOneError(outer)).toBeInstanceOf(TransactionError);
    expect(await people()).toEqual([]);
  });

  it('the pooled connection comes back outside any transaction (TypeORM used to end it with RELEASE SAVEPOINT)', async () => {
    await dataSource.manager
      .transaction(async (manager) => {
        await manager.insert(PersonSchema, { email: 'outer@x.io' });
        await manager
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
      dataSource.transaction(async (manager) => {
        await manager.insert(PersonSchema, { email: 'next@x.io' });
        throw abort;
      }),
    ).rejects.toBe(abort);
    expect(await people()).toEqual([]);
    await dataSource.transaction((manager) => manager.insert(PersonSchema, { email: 'later@x.io' }));
    expect(await people()).toEqual([{ email: 'later@x.io', note: null }]);
  });

  it('upsert and orUpdate work when only non-key columns change; an orUpdate changing a key is refused naming it', async () => {
    const repository = dataSource.getRepository(PersonSchema);
    await repository.insert({ email: 'm1@x.io', note: 'first' });
    // TypeORM assigns email = VALUES(email) too (MatrixOne: errno 20313); the guard drops that no-op.
    await repository.upsert({ email: 'm1@x.io', note: 'upserted' }, ['email']);
    expect(await people()).toEqual([{ email: 'm1@x.io', note: 'upserted' }]);
    await repository
      .createQueryBuilder()
      .insert()
      .values({ email: 'm1@x.io', note: 'or-update' })
      .orUpdate(['email', 'note'], ['email'])
      .execute();
    expect(await people()).toEqual([{ email: 'm1@x.io', note: 'or-update' }]);
    const [ids] = await db.inspect.query<mysql.RowDataPacket[]>('SELECT id FROM people');
    const refused = await repository
      .createQueryBuilder()
      .insert()
      .values({ id: String(ids[0]?.id), email: 'm2@x.io' })
      .orUpdate(['email'], ['id'])
      .execute()
      .catch((failure: unknown) => failure);
    expect(toMatrixOneError(refused)).toBeInstanceOf(UnsupportedServerError);
    expect(toMatrixOneError(refused).message).toMatch(/^Refused before sending.*"email"/s);
    expect(await people()).toEqual([{ email: 'm1@x.io', note: 'or-update' }]);
  });

  it("a missing parent is TypeORM's QueryFailedError over errno 1452 (ConstraintError), a duplicate over 1062", async () => {
    const orphan = await dataSource.manager
      .insert(NoteSchema, { personId: '987654321' })
      .catch((failure: unknown) => failure);
    expect(orphan).toBeInstanceOf(QueryFailedError);
    expect((orphan as QueryFailedError).driverError).toMatchObject({
      errno: 1452,
      sqlState: '23000',
      code: 'ER_NO_REFERENCED_ROW_2',
    });
    expect(toMatrixOneError(orphan)).toBeInstanceOf(ConstraintError);
    await dataSource.manager.insert(PersonSchema, { email: 'd@x.io' });
    const duplicate = await dataSource.manager
      .insert(PersonSchema, { email: 'd@x.io' })
      .catch((failure: unknown) => failure);
    expect(duplicate).toBeInstanceOf(QueryFailedError);
    expect((duplicate as QueryFailedError).driverError).toMatchObject({
      errno: 1062,
      sqlState: '23000',
      code: 'ER_DUP_ENTRY',
    });
    expect(toMatrixOneError(duplicate).kind).toBe(ErrorKind.Constraint);
    const [rows] = await db.inspect.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM notes');
    expect(Number(rows[0]?.n)).toBe(0);
    expect(await people()).toEqual([{ email: 'd@x.io', note: null }]);
  });

  it('NOWAIT, SKIP LOCKED, SERIALIZABLE and READ UNCOMMITTED are refused before sending', async () => {
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
      () =>
        dataSource.transaction('SERIALIZABLE', (manager) =>
          manager.insert(PersonSchema, { email: 'serializable@x.io' }),
        ),
      () =>
        dataSource.transaction('READ UNCOMMITTED', (manager) =>
          manager.insert(PersonSchema, { email: 'uncommitted@x.io' }),
        ),
    ];
    for (const attempt of attempts) {
      const error = await attempt().catch((failure: unknown) => failure);
      expect(toMatrixOneError(error)).toBeInstanceOf(UnsupportedServerError);
      // Not MatrixOne's own refusal of SERIALIZABLE (20105, also an UnsupportedServerError): nothing was sent.
      expect(toMatrixOneError(error).message).toMatch(/^Refused before sending/);
    }
    // The refusals failed their transactions: nothing written.
    expect(await people()).toEqual([]);
  });
});
