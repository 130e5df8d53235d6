/**
 * `insertId` is the first id of the statement on every server. On the test MariaDB, the fault proxy answers a
 * multi-row INSERT the way MatrixOne does (last id in the OK packet) and the client is told it talks to MatrixOne;
 * on a real MatrixOne the statements go to it directly. Ids are read back from the table on an independent
 * connection.
 */
import { type FaultProxy, startFaultProxy, useTestDatabase } from '@matrixone/test-server';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PooledClient, createClient } from '../../src/client/create-client.js';
import { correctInsertIds } from '../../src/connection/matrixone-insert-ids.js';
import { UnsupportedServerError } from '../../src/errors/errors.js';

const db = useTestDatabase();
let emulated: boolean;
let proxy: FaultProxy | undefined;
let client: PooledClient;

/** The URL and options that reach MatrixOne, or the MariaDB answering like it. */
const matrixOne = (increment = 1) => ({
  url: async () => {
    if (!emulated) return { url: db.url, close: async () => {} };
    const own = await startFaultProxy(db.url, { lastInsertId: { increment } });
    return { url: own.url, close: () => own.close() };
  },
  flavor: emulated ? ('matrixone' as const) : undefined,
});

beforeAll(async () => {
  emulated = db.server.flavor !== 'matrixone';
  if (emulated) proxy = await startFaultProxy(db.url, { lastInsertId: {} });
  client = createClient({
    ...parts(proxy?.url ?? db.url),
    ...(emulated && { serverFlavor: 'matrixone' as const }),
  });
  await db.inspect.query(
    'CREATE TABLE items (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) UNIQUE, n INT)',
  );
});
afterAll(async () => {
  await client.close();
  await proxy?.close();
});

/** Client configuration from a URL, so that options can be added. */
function parts(url: string) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)),
  };
}

async function idsOf(names: string[]): Promise<number[]> {
  const [rows] = await db.inspect.query<mysql.RowDataPacket[]>(
    'SELECT id FROM items WHERE name IN (?) ORDER BY id',
    [names],
  );
  return rows.map((row) => Number(row.id));
}

describe('insertId on MatrixOne is the first id of the statement', () => {
  it('client.execute: a multi-row INSERT reports its first row', async () => {
    const result = await client.execute('INSERT INTO items (name) VALUES (?), (?), (?)', ['a1', 'a2', 'a3']);
    expect(result.affectedRows).toBe(3);
    expect(Number(result.insertId)).toBe((await idsOf(['a1']))[0]);
    const single = await client.execute('INSERT INTO items (name) VALUES (?)', ['a4']);
    expect(Number(single.insertId)).toBe((await idsOf(['a4']))[0]);
  });

  it('a transaction statement too', async () => {
    const insertId = await client.transaction(
      async (tx) => (await tx.execute('INSERT INTO items (name) VALUES (?), (?)', ['t1', 't2'])).insertId,
    );
    expect(Number(insertId)).toBe((await idsOf(['t1']))[0]);
  });

  it('reports no id for an upsert that updated a row (MatrixOne would report an unused one)', async () => {
    await client.execute('INSERT INTO items (name) VALUES (?)', ['u1']);
    const updated = await client.execute(
      'INSERT INTO items (name, n) VALUES (?, 1) ON DUPLICATE KEY UPDATE n = 2',
      ['u1'],
    );
    expect(updated.affectedRows).toBe(2);
    expect(updated.insertId).toBeUndefined();
    const inserted = await client.execute(
      'INSERT INTO items (name, n) VALUES (?, 1) ON DUPLICATE KEY UPDATE n = 2',
      ['u2'],
    );
    expect(Number(inserted.insertId)).toBe((await idsOf(['u2']))[0]);
  });

  it.skipIf(db.server?.flavor === 'matrixone')(
    'steps back by @@auto_increment_increment, read again after the session changes it',
    async () => {
      const target = matrixOne(2);
      const { url, close } = await target.url();
      const stepping = createClient({ ...parts(url), serverFlavor: 'matrixone', pool: { size: 1 } });
      try {
        await stepping.execute('SET SESSION auto_increment_increment = 2');
        const result = await stepping.execute('INSERT INTO items (name) VALUES (?), (?), (?)', [
          's1',
          's2',
          's3',
        ]);
        const ids = await idsOf(['s1', 's2', 's3']);
        expect(ids.map((id) => id - (ids[0] ?? 0))).toEqual([0, 2, 4]);
        expect(Number(result.insertId)).toBe(ids[0]);
      } finally {
        await stepping.close();
        await close();
      }
    },
  );
});

describe('correctInsertIds on a mysql2 connection', () => {
  const withConnection = async (fn: (connection: mysql.Connection) => Promise<void>) => {
    const { url, close } = await matrixOne().url();
    const connection = await mysql.createConnection(url);
    try {
      await fn(connection);
    } finally {
      await connection.end();
      await close();
    }
  };

  it('corrects once however often it is applied', async () => {
    await withConnection(async (connection) => {
      const options = { serverFlavor: matrixOne().flavor };
      correctInsertIds(connection, options);
      correctInsertIds(connection, options);
      const [header] = await connection.query<mysql.ResultSetHeader>(
        'INSERT INTO items (name) VALUES (?), (?), (?)',
        ['c1', 'c2', 'c3'],
      );
      expect(header.insertId).toBe((await idsOf(['c1']))[0]);
      const [prepared] = await connection.execute<mysql.ResultSetHeader>(
        'INSERT INTO items (name) VALUES (?), (?)',
        ['c4', 'c5'],
      );
      expect(prepared.insertId).toBe((await idsOf(['c4']))[0]);
    });
  });

  it('refuses, for readers that number rows one apart, a result whose first id cannot be known', async () => {
    await withConnection(async (connection) => {
      correctInsertIds(connection, { serverFlavor: matrixOne().flavor, rowIds: 'consecutive' });
      await expect(
        connection.query('INSERT IGNORE INTO items (name) VALUES (?), (?)', ['g1', 'g2']),
      ).rejects.toBeInstanceOf(UnsupportedServerError);
      expect(await idsOf(['g1', 'g2'])).toHaveLength(2);
      const [header] = await connection.query<mysql.ResultSetHeader>(
        'INSERT INTO items (name) VALUES (?), (?)',
        ['g3', 'g4'],
      );
      expect(header.insertId).toBe((await idsOf(['g3']))[0]);
    });
  });

  it.skipIf(db.server?.flavor === 'matrixone')(
    'leaves the answers of another server as they are',
    async () => {
      const connection = await mysql.createConnection(proxy?.url ?? db.url);
      try {
        correctInsertIds(connection);
        const [header] = await connection.query<mysql.ResultSetHeader>(
          'INSERT INTO items (name) VALUES (?), (?)',
          ['m1', 'm2'],
        );
        // The proxy made the answer look like MatrixOne's, but the server announced itself as MariaDB.
        expect(header.insertId).toBe((await idsOf(['m2']))[0]);
      } finally {
        await connection.end();
      }
    },
  );
});
