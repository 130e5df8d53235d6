import {
  INVALID_QUERY_TIMEOUTS,
  expectInvalidQueryTimeout,
  runAdapterFaultSuite,
} from '@matrixone/adapter-test-suite';
import { useTestDatabase } from '@matrixone/test-server';
import knexFactory, { type Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { matrixone } from '../src/index.js';
import { usedConnections } from './support/open-knex.js';

runAdapterFaultSuite<Knex.Transaction>({
  name: 'knex',
  passesQueryTimeout: true,
  async open(url, { poolSize, connectTimeoutMs, queryTimeoutMs }) {
    const { hostname, port, username, password, pathname } = new URL(url);
    const knex = knexFactory({
      client: 'mysql2',
      connection: {
        host: hostname,
        port: Number(port),
        user: decodeURIComponent(username),
        password: decodeURIComponent(password),
        database: decodeURIComponent(pathname.slice(1)),
        connectTimeout: connectTimeoutMs,
      },
      pool: { min: 0, max: poolSize },
    });
    const client = matrixone(knex, { ...(queryTimeoutMs !== undefined && { queryTimeoutMs }) });
    return {
      client,
      transaction: (fn) => client.transaction(({ trx, mo }) => fn({ orm: trx, mo })),
      checkedOutConnections: () => usedConnections(knex),
      async close() {
        await client.close();
        await knex.destroy();
      },
    };
  },
});

describe('knex queryTimeoutMs option', () => {
  const db = useTestDatabase();

  it('refuses anything but a whole number of milliseconds from 1 with ConfigurationError{queryTimeoutMs}, on the client and on a bound transaction', async () => {
    const knex = knexFactory({ client: 'mysql2', connection: db.url, pool: { min: 0, max: 1 } });
    try {
      for (const queryTimeoutMs of INVALID_QUERY_TIMEOUTS) {
        expectInvalidQueryTimeout(() => matrixone(knex, { queryTimeoutMs }));
        await knex.transaction(async (trx) => {
          expectInvalidQueryTimeout(() => matrixone(trx, { queryTimeoutMs }));
        });
      }
      expect(matrixone(knex, { queryTimeoutMs: 1000 }).knex).toBe(knex);
    } finally {
      await knex.destroy();
    }
  });
});
