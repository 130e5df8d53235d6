import {
  INVALID_QUERY_TIMEOUTS,
  expectInvalidQueryTimeout,
  runAdapterFaultSuite,
} from '@matrixone/adapter-test-suite';
import { matrixone } from '@matrixone/adapter-typeorm';
import { useTestDatabase } from '@matrixone/test-server';
import { DataSource, type EntityManager } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { integerLiteral } from './integer-literal.js';
import { checkedOutConnections } from './pool-usage.js';

runAdapterFaultSuite<EntityManager>({
  name: 'typeorm',
  passesQueryTimeout: true,
  async open(url, { poolSize, connectTimeoutMs, queryTimeoutMs }) {
    const dataSource = new DataSource({ type: 'mysql', url, poolSize, connectTimeout: connectTimeoutMs });
    await dataSource.initialize();
    const client = matrixone(dataSource, { ...(queryTimeoutMs !== undefined && { queryTimeoutMs }) });
    return {
      client,
      transaction: (fn) => client.transaction(({ manager, mo }) => fn({ orm: manager, mo })),
      checkedOutConnections: () => checkedOutConnections(dataSource),
      async close() {
        await client.close();
        await dataSource.destroy();
      },
    };
  },
});

describe('typeorm queryTimeoutMs option', () => {
  const db = useTestDatabase();

  it('refuses anything but a whole number of milliseconds from 1 with ConfigurationError{queryTimeoutMs}, on the client and on a bound transaction', async () => {
    const dataSource = new DataSource({ type: 'mysql', url: db.url, poolSize: 1 });
    await dataSource.initialize();
    try {
      for (const queryTimeoutMs of INVALID_QUERY_TIMEOUTS) {
        expectInvalidQueryTimeout(() => matrixone(dataSource, { queryTimeoutMs }));
        await dataSource.transaction(async (manager) => {
          expectInvalidQueryTimeout(() => matrixone(manager, { queryTimeoutMs }));
        });
      }
      expect(await matrixone(dataSource, { queryTimeoutMs: 1000 }).query('SELECT 1 AS one')).toEqual([
        { one: integerLiteral(1) },
      ]);
    } finally {
      await dataSource.destroy();
    }
  });
});
