import {
  INVALID_QUERY_TIMEOUTS,
  expectInvalidQueryTimeout,
  runAdapterFaultSuite,
} from '@matrixone/adapter-test-suite';
import { useTestDatabase } from '@matrixone/test-server';
import { describe, expect, it } from 'vitest';
import { type DrizzleTransaction, matrixone } from '../src/index.js';
import { endPool, openDrizzle, usedConnections } from './support/open-drizzle.js';

runAdapterFaultSuite<DrizzleTransaction>({
  name: 'drizzle',
  passesQueryTimeout: true,
  async open(url, { poolSize, connectTimeoutMs, queryTimeoutMs }) {
    const { db, pool } = openDrizzle(url, poolSize, connectTimeoutMs);
    const client = matrixone(db, { ...(queryTimeoutMs !== undefined && { queryTimeoutMs }) });
    return {
      client,
      transaction: (fn) => client.transaction(({ tx, mo }) => fn({ orm: tx, mo })),
      checkedOutConnections: () => usedConnections(pool),
      async close() {
        await client.close();
        await endPool(pool);
      },
    };
  },
});

describe('drizzle queryTimeoutMs option', () => {
  const db = useTestDatabase();

  it('refuses anything but a whole number of milliseconds from 1 with ConfigurationError{queryTimeoutMs}, on the client and on a bound transaction', async () => {
    const { db: drizzleDb, pool } = openDrizzle(db.url, 1);
    try {
      for (const queryTimeoutMs of INVALID_QUERY_TIMEOUTS) {
        expectInvalidQueryTimeout(() => matrixone(drizzleDb, { queryTimeoutMs }));
        await drizzleDb.transaction(async (tx) => {
          expectInvalidQueryTimeout(() => matrixone(tx, { queryTimeoutMs }));
        });
      }
      expect(matrixone(drizzleDb, { queryTimeoutMs: 1000 }).db).toBe(drizzleDb);
    } finally {
      await endPool(pool);
    }
  });
});
