/**
 * Knex's own APIs on MatrixOne once `matrixone(knex)` ran (no `mo` involved): a nested transaction's rollback
 * rolls back the whole transaction, upserts on a unique key work or fail naming the key, foreign-key errors carry
 * MySQL's codes, and what MatrixOne cannot do is refused before sending. On the test MariaDB a fault proxy answers
 * like MatrixOne 4.2.0 (the tables and the proxy: `useGuardTables` of the adapter test suite) and the adapter is
 * told it talks to MatrixOne; with MATRIXONE_URL set the same checks run against the server itself. Rows are read
 * back on the harness's own connection.
 */
import {
  DUPLICATE_KEY,
  MISSING_PARENT,
  runNestedRollback,
  useGuardTables,
} from '@matrixone/adapter-test-suite';
import { ErrorKind, TransactionError, UnsupportedServerError, toMatrixOneError } from '@matrixone/core';
import { useTestDatabase } from '@matrixone/test-server';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrixone } from '../src/index.js';
import { knexTransactions } from './support/knex-transactions.js';
import { openKnex, usedConnections } from './support/open-knex.js';

const db = useTestDatabase();
const { emails, noteCount, people, url, adapterOptions } = useGuardTables(db);
let knex: Knex;

beforeAll(() => {
  knex = openKnex(url(), 2);
  matrixone(knex, adapterOptions);
});
afterAll(async () => {
  await knex.destroy();
});

describe('Knex on MatrixOne: nested transactions', () => {
  it("an inner rollback fails the whole transaction with the inner block's error as cause: nothing committed", async () => {
    const { boom, inner, outer } = await runNestedRollback(knexTransactions(knex, 'people'));
    expect(inner).toBe(boom);
    expect(outer).toBeInstanceOf(TransactionError);
    // The later statement failed for the application's error, kept as the cause and named in the message.
    expect((outer as Error).cause).toBe(boom);
    expect((outer as Error).message).toMatch(/because it failed with Error: "inner boom"/);
    expect(await emails()).toEqual([]);
    // The pool's connections are usable afterwards, outside any transaction.
    await knex('people').insert({ email: 'later@x.io' });
    expect(await emails()).toEqual(['later@x.io']);
  });
});

describe('Knex on MatrixOne: upserts', () => {
  it('onConflict().merge() (every column) and merge([non-key columns]) update the row; a merge that changes the key is refused naming it', async () => {
    await knex('people').insert({ email: 'm1@x.io', note: 'first' });
    await knex('people').insert({ email: 'm1@x.io', note: 'merged' }).onConflict('email').merge();
    expect(await people()).toEqual([{ email: 'm1@x.io', note: 'merged' }]);
    await knex('people').insert({ email: 'm1@x.io', note: 'listed' }).onConflict('email').merge(['note']);
    expect(await people()).toEqual([{ email: 'm1@x.io', note: 'listed' }]);
    const refused = await knex('people')
      .insert({ email: 'm1@x.io', note: 'x' })
      .onConflict('email')
      .merge({ email: 'other@x.io' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UnsupportedServerError);
    expect((refused as Error).message).toMatch(/"email"/);
    expect(await people()).toEqual([{ email: 'm1@x.io', note: 'listed' }]);
  });
});

describe('Knex on MatrixOne: errors and refusals', () => {
  it("a missing parent arrives as MySQL's 1452/23000 (MatrixOne's 20101 kept), a duplicate as 1062/23000: both ConstraintError, nothing written", async () => {
    const orphan = await knex('notes')
      .insert({ person_id: 987654321 })
      .catch((failure: unknown) => failure);
    expect(orphan).toMatchObject(MISSING_PARENT);
    expect((orphan as { matrixOne?: unknown }).matrixOne).toMatchObject({ errno: 20101 });
    expect(toMatrixOneError(orphan).kind).toBe(ErrorKind.Constraint);
    await knex('people').insert({ email: 'd@x.io' });
    const duplicate = await knex('people')
      .insert({ email: 'd@x.io' })
      .catch((failure: unknown) => failure);
    expect(duplicate).toMatchObject(DUPLICATE_KEY);
    expect(toMatrixOneError(duplicate).kind).toBe(ErrorKind.Constraint);
    expect(await noteCount()).toBe(0);
    expect(await emails()).toEqual(['d@x.io']);
  });

  it('NOWAIT and SKIP LOCKED are refused before sending', async () => {
    const attempts: Promise<unknown>[] = [
      knex('people').select('id').forUpdate().noWait(),
      knex('people').select('id').forUpdate().skipLocked(),
    ];
    for (const attempt of attempts) {
      const error = await attempt.catch((failure: unknown) => failure);
      expect(error).toBeInstanceOf(UnsupportedServerError);
      expect((error as Error).message).toMatch(/Refused before sending/);
    }
    expect(await emails()).toEqual([]);
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
        // Each awaited as soon as it is made: knex.transaction() starts at once, and a promise whose handler comes
        // later is unhandled meanwhile, whatever failed.
        const managed = await knex
          .transaction(async (trx) => trx('people').insert({ email: 'refused@x.io' }), config)
          .catch((failure: unknown) => failure);
        const standalone = await knex.transaction(config).catch((failure: unknown) => failure);
        for (const error of [managed, standalone]) {
          expect(error).toBeInstanceOf(UnsupportedServerError);
          expect((error as Error).message).toMatch(/Refused before sending/);
        }
      }
      // Unhandled rejections are reported once the microtasks and the turn that rejected them are over.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
      expect(usedConnections(knex)).toBe(0);
      expect(await emails()).toEqual([]);
      await knex('people').insert({ email: 'after@x.io' });
      expect(await emails()).toEqual(['after@x.io']);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });
});
