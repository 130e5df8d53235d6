import { runAdapterFaultSuite } from '@matrixone/adapter-test-suite';
import { ErrorKind } from '@matrixone/core';
import { useTestDatabase } from '@matrixone/test-server';
import knexFactory, { type Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { matrixone } from '../src/index.js';
import { usedConnections } from './support/open-knex.js';

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
      for (const queryTimeoutMs of [0, -1, 1.5, Number.NaN, 2_147_483_648]) {
        expect(thrown(() => matrixone(knex, { queryTimeoutMs }))).toMatchObject(INVALID_TIMEOUT);
        await knex.transaction(async (trx) => {
          expect(thrown(() => matrixone(trx, { queryTimeoutMs }))).toMatchObject(INVALID_TIMEOUT);
        });
      }
      expect(matrixone(knex, { queryTimeoutMs: 1000 }).knex).toBe(knex);
    } finally {
      await knex.destroy();
    }
  });
});
