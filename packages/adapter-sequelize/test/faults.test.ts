import {
  INVALID_QUERY_TIMEOUTS,
  expectInvalidQueryTimeout,
  runAdapterFaultSuite,
} from '@matrixone/adapter-test-suite';
import { useTestDatabase } from '@matrixone/test-server';
import { Sequelize, type Transaction } from 'sequelize';
import { describe, expect, it } from 'vitest';
import { matrixone } from '../src/index.js';
import { connectionsInUse } from './open-sequelize.js';

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
      for (const queryTimeoutMs of INVALID_QUERY_TIMEOUTS) {
        expectInvalidQueryTimeout(() => matrixone(sequelize, { queryTimeoutMs }));
        await sequelize.transaction(async (t) => {
          expectInvalidQueryTimeout(() => matrixone(t, { queryTimeoutMs }));
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
