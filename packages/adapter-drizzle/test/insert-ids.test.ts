/**
 * Drizzle's `$returningId()` numbers a multi-row INSERT's rows from the OK packet's `insertId`, which MatrixOne
 * sets to the last id (observed on MatrixOne 4.2.0, docs/adapters/drizzle.md): with `matrixone(db)` set up the
 * ids are the rows'. On the test MariaDB the fault proxy answers like MatrixOne and the adapter is told it talks
 * to MatrixOne; on a real MatrixOne the statements go to it directly. Ids are read back on the harness's own
 * connection.
 */
import { type FaultProxy, startFaultProxy, testServer, useTestDatabase } from '@matrixone/test-server';
import { int, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import type { Pool } from 'mysql2';
import type mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrixone } from '../src/index.js';
import { endPool, openDrizzle } from './support/open-drizzle.js';

const db = useTestDatabase();
const emulated = testServer().flavor !== 'matrixone';
const serverFlavor = emulated ? ('matrixone' as const) : undefined;
const items = mysqlTable('items', {
  id: int('id').primaryKey().autoincrement(),
  name: varchar('name', { length: 20 }).notNull(),
});
const proxies: FaultProxy[] = [];
const pools: Pool[] = [];

async function drizzleOnMatrixOne() {
  let url = db.url;
  if (emulated) {
    const proxy = await startFaultProxy(db.url, { lastInsertId: {} });
    proxies.push(proxy);
    url = proxy.url;
  }
  const opened = openDrizzle(url, 2);
  pools.push(opened.pool);
  return opened.db;
}

async function idsOf(names: string[]): Promise<number[]> {
  const [rows] = await db.inspect.query<mysql.RowDataPacket[]>(
    'SELECT id FROM items WHERE name IN (?) ORDER BY id',
    [names],
  );
  return rows.map((row) => Number(row.id));
}

beforeAll(async () => {
  await db.inspect.query('CREATE TABLE items (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) UNIQUE)');
});
afterAll(async () => {
  for (const pool of pools) await endPool(pool);
  for (const proxy of proxies) await proxy.close();
});

describe('Drizzle $returningId() on MatrixOne', () => {
  it('returns the ids of the rows, outside and inside a transaction', async () => {
    const orm = await drizzleOnMatrixOne();
    const client = matrixone(orm, { serverFlavor });
    const returned = await orm
      .insert(items)
      .values([{ name: 'd1' }, { name: 'd2' }, { name: 'd3' }])
      .$returningId();
    expect(returned.map((row) => row.id)).toEqual(await idsOf(['d1', 'd2', 'd3']));
    const inTransaction = await client.transaction(({ tx }) =>
      tx
        .insert(items)
        .values([{ name: 'd4' }, { name: 'd5' }])
        .$returningId(),
    );
    expect(inTransaction.map((row) => row.id)).toEqual(await idsOf(['d4', 'd5']));
  });

  it.skipIf(!emulated)('without matrixone(db), the emulated server really reports the last id', async () => {
    const orm = await drizzleOnMatrixOne();
    const returned = await orm
      .insert(items)
      .values([{ name: 'w1' }, { name: 'w2' }])
      .$returningId();
    const ids = await idsOf(['w1', 'w2']);
    expect(returned.map((row) => row.id)).toEqual(ids.map((id) => id + 1));
  });
});
