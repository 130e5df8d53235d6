import type { AdapterConformanceDriver, AdapterUnderTest, TestRow } from '@matrixone/adapter-test-suite';
import { sql } from 'drizzle-orm';
import { int, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import type { DrizzleTransaction } from '../../src/index.js';
import { matrixone } from '../../src/index.js';
import { endPool, openDrizzle, usedConnections } from './open-drizzle.js';

/** Rows per INSERT statement when the suite inserts through the query builder. */
const INSERT_CHUNK = 1000;

/** The suite's test table, `(id INT PRIMARY KEY, name VARCHAR(100))`, under any name. */
function testTable(name: string) {
  return mysqlTable(name, { id: int('id').primaryKey(), name: varchar('name', { length: 100 }).notNull() });
}

/** Opens Drizzle (mysql2 driver) on the test database and exposes it to the conformance suite. */
export const drizzleConformanceDriver: AdapterConformanceDriver<DrizzleTransaction> = {
  name: 'drizzle',
  async open(url, { poolSize }): Promise<AdapterUnderTest<DrizzleTransaction>> {
    const { db, pool } = openDrizzle(url, poolSize);
    const client = matrixone(db);
    return {
      client,
      transaction: (fn) => client.transaction(({ tx, mo }) => fn({ orm: tx, mo })),
      ormTransaction: (fn) => db.transaction((tx) => fn(tx)),
      bind: (tx) => matrixone(tx),
      async ormConnectionId(tx) {
        const [rows] = (await tx.execute(sql`SELECT CONNECTION_ID() AS id`)) as unknown as [
          Array<{ id: number | string }>,
        ];
        return Number(rows[0]?.id);
      },
      async ormInsert(tx, table, rows: readonly TestRow[]) {
        for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
          await tx
            .insert(testTable(table))
            .values(rows.slice(start, start + INSERT_CHUNK).map((row) => ({ ...row })));
        }
      },
      ormNested: (tx, fn) => tx.transaction((inner) => fn(inner)),
      checkedOutConnections: () => usedConnections(pool),
      async close() {
        await client.close();
        await endPool(pool);
      },
    };
  },
};
