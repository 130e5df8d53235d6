/** The fault proxy's MatrixOne insert-id mode, end to end against the test server. */
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy, useTestDatabase } from '../src/index.js';

const db = useTestDatabase();
let proxy: FaultProxy;
let plainProxy: FaultProxy;

beforeAll(async () => {
  await db.inspect.query('CREATE TABLE items (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20))');
  proxy = await startFaultProxy(db.url, { lastInsertId: {} });
  plainProxy = await startFaultProxy(db.url);
});
afterAll(async () => {
  await proxy.close();
  await plainProxy.close();
});

async function withConnection<T>(url: string, fn: (c: mysql.Connection) => Promise<T>): Promise<T> {
  const connection = await mysql.createConnection(url);
  try {
    return await fn(connection);
  } finally {
    await connection.end();
  }
}

const idsOf = async (names: string[]) => {
  const [rows] = await db.inspect.query<mysql.RowDataPacket[]>(
    'SELECT id FROM items WHERE name IN (?) ORDER BY id',
    [names],
  );
  return rows.map((row) => Number(row.id));
};

describe('fault proxy lastInsertId mode', () => {
  it('reports the last id of a multi-row INSERT, where the server itself reports the first', async () => {
    const direct = await withConnection(plainProxy.url, (c) =>
      c.query<mysql.ResultSetHeader>('INSERT INTO items (name) VALUES (?), (?), (?)', ['d1', 'd2', 'd3']),
    );
    expect(direct[0].insertId).toBe((await idsOf(['d1']))[0]);
    const rewritten = await withConnection(proxy.url, (c) =>
      c.query<mysql.ResultSetHeader>('INSERT INTO items (name) VALUES (?), (?), (?)', ['m1', 'm2', 'm3']),
    );
    expect(rewritten[0].affectedRows).toBe(3);
    expect(rewritten[0].insertId).toBe((await idsOf(['m3']))[0]);
  });

  it('does the same for a prepared INSERT and leaves single-row inserts and SELECTs alone', async () => {
    await withConnection(proxy.url, async (c) => {
      const [prepared] = await c.execute<mysql.ResultSetHeader>('INSERT INTO items (name) VALUES (?), (?)', [
        'p1',
        'p2',
      ]);
      expect(prepared.insertId).toBe((await idsOf(['p2']))[0]);
      const [single] = await c.query<mysql.ResultSetHeader>('INSERT INTO items (name) VALUES (?)', ['s1']);
      expect(single.insertId).toBe((await idsOf(['s1']))[0]);
      const [rows] = await c.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM items');
      expect(Number(rows[0]?.n)).toBe(9);
    });
  });

  it('steps by the given increment (auto_increment_increment = 2 on the session)', async () => {
    const stepping = await startFaultProxy(db.url, { lastInsertId: { increment: 2 } });
    try {
      const [header] = await withConnection(stepping.url, async (c) => {
        await c.query('SET SESSION auto_increment_increment = 2');
        return c.query<mysql.ResultSetHeader>('INSERT INTO items (name) VALUES (?), (?), (?)', [
          'i1',
          'i2',
          'i3',
        ]);
      });
      const ids = await idsOf(['i1', 'i2', 'i3']);
      expect(ids.map((id) => id - (ids[0] ?? 0))).toEqual([0, 2, 4]);
      expect(header.insertId).toBe(ids[2]);
    } finally {
      await stepping.close();
    }
  });
});
