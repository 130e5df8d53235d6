import { matrixone } from '@matrixone/adapter-sequelize';
import { runAdapterFaultSuite } from '@matrixone/adapter-test-suite';
import { ErrorKind } from '@matrixone/core';
import { useTestDatabase } from '@matrixone/test-server';
import { Sequelize, type Transaction } from 'sequelize';
import { describe, expect, it } from 'vitest';
import { connectionsInUse } from './open-sequelize.js';

/** What a `queryTimeoutMs` outside 1..2147483647 (or not a whole number) throws. */
const INVALID_TIMEOUT = { kind: ErrorKind.Configuration, field: 'queryTimeoutMs' };

/** Runs `fn` and returns what it threw (`undefined` when it did not throw). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

runAdapterFaultSuite<Transaction>({
  name: 'sequelize',
  passesQueryTimeout: true,
  async open(url, { poolSize, connectTimeoutMs, queryTimeoutMs }) {
    const sequelize = new Sequelize(url, {
      dialect: 'mysql',
      logging: false,
      pool: { max: poolSize, min: 0, acquire: 60_000 },
      dialectOptions: { connectTimeout: connectTimeoutMs },
    });
    const client = matrixone(sequelize, { ...(queryTimeoutMs !== undefined && { queryTimeoutMs }) });
    return {
      client,
      transaction: (fn) => client.transaction(({ t, mo }) => fn({ orm: t, mo })),
      checkedOutConnections: () => connectionsInUse(sequelize),
      async close() {
        await client.close();
        await sequelize.close();
      },
    };
  },
});

describe('sequelize queryTimeoutMs option', () => {
  const db = useTestDatabase();

  it('refuses anything but a whole number of milliseconds from 1 with ConfigurationError{queryTimeoutMs}, on the client and on a bound transaction', async () => {
    const sequelize = new Sequelize(db.url, { dialect: 'mysql', logging: false, pool: { max: 1, min: 0 } });
    try {
      for (const queryTimeoutMs of [0, -1, 1.5, Number.NaN, 2_147_483_648]) {
        expect(thrown(() => matrixone(sequelize, { queryTimeoutMs }))).toMatchObject(INVALID_TIMEOUT);
        await sequelize.transaction(async (t) => {
          expect(thrown(() => matrixone(t, { queryTimeoutMs }))).toMatchObject(INVALID_TIMEOUT);
        });
      }
      expect(await matrixone(sequelize, { queryTimeoutMs: 1000 }).query('SELECT 1 AS one')).toEqual([
        { one: 1 },
      ]);
    } finally {
      await sequelize.close();
    }
  });
});
