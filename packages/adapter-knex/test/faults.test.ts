import { runAdapterFaultSuite } from '@matrixone/adapter-test-suite';
import knexFactory, { type Knex } from 'knex';
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
