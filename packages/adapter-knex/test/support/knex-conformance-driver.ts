import type { AdapterConformanceDriver, AdapterUnderTest, TestRow } from '@matrixone/adapter-test-suite';
import type { Knex } from 'knex';
import { matrixone } from '../../src/index.js';
import { openKnex, usedConnections } from './open-knex.js';

/** Rows per INSERT statement when the suite inserts through the query builder. */
const INSERT_CHUNK = 1000;

/** Opens Knex (mysql2 dialect) on the test database and exposes it to the conformance suite. */
export const knexConformanceDriver: AdapterConformanceDriver<Knex.Transaction> = {
  name: 'knex',
  async open(url, { poolSize }): Promise<AdapterUnderTest<Knex.Transaction>> {
    const knex = openKnex(url, poolSize);
    const client = matrixone(knex);
    return {
      client,
      transaction: (fn) => client.transaction(({ trx, mo }) => fn({ orm: trx, mo })),
      ormTransaction: (fn) => knex.transaction((trx) => fn(trx)),
      bind: (trx) => matrixone(trx),
      async ormConnectionId(trx) {
        const [rows] = (await trx.raw('SELECT CONNECTION_ID() AS id')) as [Array<{ id: number | string }>];
        return Number(rows[0]?.id);
      },
      async ormInsert(trx, table, rows: readonly TestRow[]) {
        for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
          await trx(table).insert(rows.slice(start, start + INSERT_CHUNK).map((row) => ({ ...row })));
        }
      },
      ormNested: (trx, fn) => trx.transaction((inner) => fn(inner)),
      checkedOutConnections: () => usedConnections(knex),
      async close() {
        await client.close();
        await knex.destroy();
      },
    };
  },
};
