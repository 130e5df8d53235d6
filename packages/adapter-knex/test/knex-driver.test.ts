import { type MatrixOneClient, createClientFromDriver } from '@matrixone/core';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import type { Knex } from 'knex';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KnexDriver } from '../src/index.js';
import { openKnex, sqlSentBy, usedConnections } from './support/open-knex.js';

const db = useTestDatabase();
let knex: Knex;
let client: MatrixOneClient;

async function names(): Promise<string[]> {
  const [rows] = await db.inspect.query('SELECT name FROM entries ORDER BY id');
  return (rows as Array<{ name: string }>).map((row) => row.name);
}

beforeAll(async () => {
  knex = openKnex(db.url);
  client = createClientFromDriver(new KnexDriver(knex));
  await db.inspect.query('CREATE TABLE entries (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL)');
});
beforeEach(async () => {
  await db.inspect.query('DELETE FROM entries');
});
afterAll(async () => {
  await client.close();
  await knex.destroy();
});

describe('KnexDriver under the core client', () => {
  it('commits a core transaction through Knex and returns the connection to the pool', async () => {
    const sent = await sqlSentBy(knex, () =>
      client.transaction(async (tx) => {
        await tx.execute('INSERT INTO entries (id, name) VALUES (?, ?)', [1, 'kept']);
      }),
    );
    expect(sent).toEqual(['BEGIN;', 'INSERT INTO entries (id, name) VALUES (?, ?)', 'COMMIT;']);
    expect(await names()).toEqual(['kept']);
    expect(usedConnections(knex)).toBe(0);
  });

  it('rolls a core transaction back through Knex when the callback throws', async () => {
    const failure = new Error('undo');
    await expect(
      client.transaction(async (tx) => {
        await tx.execute('INSERT INTO entries (id, name) VALUES (?, ?)', [1, 'undone']);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await names()).toEqual([]);
    expect(usedConnections(knex)).toBe(0);
  });

  it('rolls back to a savepoint of the core transaction on the Knex connection', async () => {
    const outcome = await client
      .transaction(async (tx) => {
        await tx.execute('INSERT INTO entries (id, name) VALUES (?, ?)', [1, 'outer']);
        await tx
          .transaction(async (inner) => {
            await inner.execute('INSERT INTO entries (id, name) VALUES (?, ?)', [2, 'inner']);
            throw new Error('undo inner');
          })
          .catch(() => undefined);
      })
      .catch((failure: unknown) => failure);
    if (testServer().flavor === 'matrixone') {
      // ROLLBACK TO SAVEPOINT always fails on MatrixOne (docs/matrixone-facts.md#transactions): the whole
      // transaction rolls back.
      expect(outcome).toMatchObject({ name: 'TransactionError' });
      expect(await names()).toEqual([]);
    } else {
      expect(outcome).toBeUndefined();
      expect(await names()).toEqual(['outer']);
    }
    expect(usedConnections(knex)).toBe(0);
  });

  // KILL from another session is not in the MatrixOne reference: this runs on MariaDB/MySQL only.
  it.skipIf(testServer().flavor === 'matrixone')(
    'reports a COMMIT lost with the connection as TransactionError{outcomeUnknown}',
    async () => {
      const error = await client
        .transaction(async (tx) => {
          await tx.execute('INSERT INTO entries (id, name) VALUES (?, ?)', [1, 'maybe']);
          const [row] = await tx.query<{ id: number }>('SELECT CONNECTION_ID() AS id');
          await db.inspect.query(`KILL CONNECTION ${Number(row?.id)}`);
        })
        .catch((failure: unknown) => failure);
      expect(error).toMatchObject({ name: 'TransactionError', outcomeUnknown: true });
      expect(await names()).toEqual([]);
      expect(usedConnections(knex)).toBe(0);
    },
  );
});
