/**
 * Knex's `insert([...])` returns the first row's id on MatrixOne once `matrixone(knex)` is set up. On the test
 * MariaDB the fault proxy answers multi-row INSERTs the way MatrixOne does (last id in the OK packet) and the
 * adapter is told it talks to MatrixOne; on a real MatrixOne the statements go to it directly. Ids are read back
 * from the table on an independent connection.
 */
import { type FaultProxy, startFaultProxy, testServer, useTestDatabase } from '@matrixone/test-server';
import type { Knex } from 'knex';
import type mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrixone } from '../src/index.js';
import { openKnex } from './support/open-knex.js';

const db = useTestDatabase();
const emulated = testServer().flavor !== 'matrixone';
const serverFlavor = emulated ? ('matrixone' as const) : undefined;
const proxies: FaultProxy[] = [];
const knexes: Knex[] = [];

/** A Knex instance on MatrixOne, or on the MariaDB answering like it with the given auto-increment step. */
async function knexOnMatrixOne(increment = 1, poolSize = 2): Promise<Knex> {
  let url = db.url;
  if (emulated) {
    const proxy = await startFaultProxy(db.url, { lastInsertId: { increment } });
    proxies.push(proxy);
    url = proxy.url;
  }
  const knex = openKnex(url, poolSize);
  knexes.push(knex);
  return knex;
}

async function idsOf(names: string[]): Promise<number[]> {
  const [rows] = await db.inspect.query<mysql.RowDataPacket[]>(
    'SELECT id FROM items WHERE name IN (?) ORDER BY id',
    [names],
  );
  return rows.map((row) => Number(row.id));
}

beforeAll(async () => {
  await db.inspect.query(
    'CREATE TABLE items (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) UNIQUE, note VARCHAR(20))',
  );
});
afterAll(async () => {
  for (const knex of knexes) await knex.destroy();
  for (const proxy of proxies) await proxy.close();
});

describe('Knex insert([...]) ids on MatrixOne', () => {
  it('returns the first row id, on connections opened before and after matrixone(knex)', async () => {
    const knex = await knexOnMatrixOne();
    // A connection Knex opened before the adapter was set up.
    await knex.raw('SELECT 1');
    const client = matrixone(knex, { serverFlavor });
    const [first] = await knex('items').insert([{ name: 'k1' }, { name: 'k2' }, { name: 'k3' }]);
    expect(first).toBe((await idsOf(['k1']))[0]);
    const [inTransaction] = await knex.transaction((trx) =>
      trx('items').insert([{ name: 'k4' }, { name: 'k5' }]),
    );
    expect(inTransaction).toBe((await idsOf(['k4']))[0]);
    const viaClient = await client.execute('INSERT INTO items (name) VALUES (?), (?)', ['k6', 'k7']);
    expect(Number(viaClient.insertId)).toBe((await idsOf(['k6']))[0]);
    await client.close();
  });

  // MatrixOne refuses to update a unique key on duplicate (errno 20313), so the merge sets another column.
  it('returns 0, not an unused id, for a merge that updated a row', async () => {
    const knex = await knexOnMatrixOne();
    matrixone(knex, { serverFlavor });
    await knex('items').insert({ name: 'm1' });
    const [id] = await knex('items').insert({ name: 'm1' }).onConflict('name').merge({ note: 'merged' });
    expect(id).toBe(0);
  });

  it.skipIf(!emulated)('steps back by @@auto_increment_increment (2 on the session)', async () => {
    const knex = await knexOnMatrixOne(2, 1);
    matrixone(knex, { serverFlavor });
    await knex.raw('SET SESSION auto_increment_increment = 2');
    const [first] = await knex('items').insert([{ name: 's1' }, { name: 's2' }, { name: 's3' }]);
    const ids = await idsOf(['s1', 's2', 's3']);
    expect(ids.map((id) => id - (ids[0] ?? 0))).toEqual([0, 2, 4]);
    expect(first).toBe(ids[0]);
  });
});
