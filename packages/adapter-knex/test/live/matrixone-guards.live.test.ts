/**
 * Runs only against a real MatrixOne (MATRIXONE_URL): Knex's own APIs once `matrixone(knex)` ran, no `mo`
 * involved — the checks test/matrixone-guards.test.ts makes against MariaDB behind the fault proxy, here against
 * the server itself (docs/matrixone-facts.md#orms-on-matrixone). Rows are read back on the harness's own
 * connection. Tables use only what MatrixOne 4.2.0 was seen to accept from Knex (BIGINT AUTO_INCREMENT keys,
 * VARCHAR, a unique index, a foreign key with ON DELETE CASCADE).
 */
import {
  ConstraintError,
  ErrorKind,
  TransactionError,
  UnsupportedServerError,
  toMatrixOneError,
} from '@matrixone/core';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import type { Knex } from 'knex';
import type mysql from 'mysql2/promise';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { matrixone } from '../../src/index.js';
import { openKnex } from '../support/open-knex.js';

const db = useTestDatabase();

describe.skipIf(testServer().flavor !== 'matrixone')('Knex guards on a real MatrixOne', () => {
  let knex: Knex;

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
    knex = openKnex(db.url, 1);
    matrixone(knex);
  });
  // Earlier tests' rows go whatever they left behind (the database itself is dropped after the file).
  beforeEach(async () => {
    await db.inspect.query('DELETE FROM notes');
    await db.inspect.query('DELETE FROM people');
  });
  afterAll(async () => {
    await knex?.destroy();
  });

  it('a failed inner savepoint block commits nothing and fails the outer transaction with TransactionError, its cause the inner error', async () => {
    const boom = new Error('inner boom');
    let inner: unknown;
    const outer = await knex
      .transaction(async (trx) => {
        await trx('people').insert({ email: 'outer@x.io' });
        inner = await trx
          .transaction(async (nested) => {
            await nested('people').insert({ email: 'inner1@x.io' });
            await nested('people').insert({ email: 'inner2@x.io' });
            throw boom;
          })
          .catch((error: unknown) => error);
        await trx('people').insert({ email: 'after@x.io' });
      })
      .catch((error: unknown) => error);
    expect(inner).toBe(boom);
    expect(outer).toBeInstanceOf(TransactionError);
    expect((outer as Error).cause).toBe(boom);
    expect((outer as Error).message).toMatch(/inner boom/);
    expect(await people()).toEqual([]);
  });

  it('the pooled connection comes back outside any transaction after a failed nested block', async () => {
    await knex
      .transaction(async (trx) => {
        await trx('people').insert({ email: 'outer@x.io' });
        await trx
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
      knex.transaction(async (trx) => {
        await trx('people').insert({ email: 'next@x.io' });
        throw abort;
      }),
    ).rejects.toBe(abort);
    expect(await people()).toEqual([]);
    await knex.transaction(async (trx) => trx('people').insert({ email: 'later@x.io' }));
    expect(await people()).toEqual([{ email: 'later@x.io', note: null }]);
  });

  it('onConflict().merge() works when only non-key columns change, and a merge changing the key is refused naming it', async () => {
    await knex('people').insert({ email: 'm1@x.io', note: 'first' });
    // merge() with no argument assigns every inserted column, the unique email included (MatrixOne: errno 20313).
    await knex('people').insert({ email: 'm1@x.io', note: 'merged' }).onConflict('email').merge();
    expect(await people()).toEqual([{ email: 'm1@x.io', note: 'merged' }]);
    await knex('people').insert({ email: 'm1@x.io', note: 'listed' }).onConflict('email').merge(['note']);
    expect(await people()).toEqual([{ email: 'm1@x.io', note: 'listed' }]);
    // Knex's 'query' event fires before the connection refuses, so the refusal's own wording and the unchanged
    // row are what show nothing reached the server.
    const refused = await knex('people')
      .insert({ email: 'm1@x.io', note: 'x' })
      .onConflict('email')
      .merge({ email: 'other@x.io' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UnsupportedServerError);
    expect((refused as Error).message).toMatch(/Refused before sending.*"email"/s);
    expect(await people()).toEqual([{ email: 'm1@x.io', note: 'listed' }]);
  });

  it('a missing parent is the mysql2 error with errno 1452 (ConstraintError), a duplicate errno 1062', async () => {
    const orphan = await knex('notes')
      .insert({ person_id: 987654321 })
      .catch((failure: unknown) => failure);
    expect(orphan).toMatchObject({ errno: 1452, sqlState: '23000', code: 'ER_NO_REFERENCED_ROW_2' });
    // The server's own answer is kept next to MySQL's codes (observed on MatrixOne 4.2.0: errno 20101).
    expect((orphan as { matrixOne?: unknown }).matrixOne).toMatchObject({ errno: 20101 });
    expect(toMatrixOneError(orphan)).toBeInstanceOf(ConstraintError);
    await knex('people').insert({ email: 'd@x.io' });
    const duplicate = await knex('people')
      .insert({ email: 'd@x.io' })
      .catch((failure: unknown) => failure);
    expect(duplicate).toMatchObject({ errno: 1062, sqlState: '23000', code: 'ER_DUP_ENTRY' });
    expect(toMatrixOneError(duplicate).kind).toBe(ErrorKind.Constraint);
    const [rows] = await db.inspect.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM notes');
    expect(Number(rows[0]?.n)).toBe(0);
    expect(await people()).toEqual([{ email: 'd@x.io', note: null }]);
  });

  it('NOWAIT and SKIP LOCKED are refused before sending', async () => {
    await knex('people').insert({ email: 'lock@x.io' });
    for (const attempt of [
      () => knex('people').select('id').forUpdate().noWait(),
      () => knex('people').select('id').forUpdate().skipLocked(),
    ]) {
      const error = await attempt().catch((failure: unknown) => failure);
      expect(error).toBeInstanceOf(UnsupportedServerError);
      expect((error as Error).message).toMatch(/Refused before sending/);
    }
  });

  it('SERIALIZABLE, READ UNCOMMITTED and read-only transactions are refused to the caller only: no unhandled rejection, no connection kept', async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      const configs: Knex.TransactionConfig[] = [
        { isolationLevel: 'serializable' },
        { isolationLevel: 'read uncommitted' },
        { readOnly: true },
      ];
      for (const config of configs) {
        // Awaited as soon as made: knex.transaction() starts at once (a late handler leaves any failure unhandled).
        const managed = await knex
          .transaction(async (trx) => trx('people').insert({ email: 'refused@x.io' }), config)
          .catch((failure: unknown) => failure);
        const standalone = await knex.transaction(config).catch((failure: unknown) => failure);
        for (const error of [managed, standalone]) {
          expect(error).toBeInstanceOf(UnsupportedServerError);
          expect((error as Error).message).toMatch(/Refused before sending/);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
      // The pool has one connection: it came back.
      await knex('people').insert({ email: 'after@x.io' });
      expect(await people()).toEqual([{ email: 'after@x.io', note: null }]);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });
});
