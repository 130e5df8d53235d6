import { IsolationLevel, ServerFlavor, UnsupportedServerError } from '@matrixone/core';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MatrixOneKnexClient, matrixone } from '../src/index.js';
import { openKnex, sqlSentBy, usedConnections } from './support/open-knex.js';

const db = useTestDatabase();
let knex: Knex;
let client: MatrixOneKnexClient;

beforeAll(async () => {
  knex = openKnex(db.url);
  client = matrixone(knex);
  await db.inspect.query('CREATE TABLE items (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(50) NOT NULL)');
});
afterAll(async () => {
  await client.close();
  await knex.destroy();
});

describe('the client over a Knex instance', () => {
  it("runs every statement on Knex's own pool", async () => {
    const sent = await sqlSentBy(knex, async () => {
      await client.execute('INSERT INTO items (name) VALUES (?)', ['pooled']);
      await client.query('SELECT name FROM items WHERE name = ?', ['pooled']);
    });
    expect(sent).toEqual(['INSERT INTO items (name) VALUES (?)', 'SELECT name FROM items WHERE name = ?']);
    expect(usedConnections(knex)).toBe(0);
  });

  it('returns affected rows and the insert id of an INSERT, and the rows of a SELECT', async () => {
    const inserted = await client.execute('INSERT INTO items (name) VALUES (?), (?)', ['a', 'b']);
    expect(inserted.affectedRows).toBe(2);
    expect(Number(inserted.insertId)).toBeGreaterThan(0);
    const rows = await client.query<{ name: string }>('SELECT name FROM items WHERE id >= ? ORDER BY id', [
      inserted.insertId,
    ]);
    expect(rows).toEqual([{ name: 'a' }, { name: 'b' }]);
  });

  it('sends a statement without values untouched, so a ? inside a string literal stays text', async () => {
    const [row] = await client.query<{ text: string }>("SELECT 'what?' AS text");
    expect(row).toEqual({ text: 'what?' });
  });

  it('streams rows from one pooled connection and gives it back when the loop stops early', async () => {
    await db.inspect.query('INSERT INTO items (name) VALUES (?), (?), (?)', ['s1', 's2', 's3']);
    const names: string[] = [];
    for await (const row of client.stream<{ name: string }>(
      'SELECT name FROM items WHERE name LIKE ? ORDER BY id',
      ['s%'],
    )) {
      names.push(row.name);
      if (names.length === 2) break;
    }
    expect(names).toEqual(['s1', 's2']);
    await expect(client.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    expect(usedConnections(knex)).toBe(0);
  });

  it('detects the server through Knex and refuses MatrixOne-only operations elsewhere', async () => {
    const info = await client.serverInfo();
    expect(info.flavor).toBe(testServer().flavor);
    if (info.flavor !== ServerFlavor.MatrixOne) {
      await expect(client.snapshots.list()).rejects.toBeInstanceOf(UnsupportedServerError);
    }
  });

  it('passes the isolation level to Knex, which sets it before BEGIN', async () => {
    const sent = await sqlSentBy(knex, () =>
      client.transaction(async ({ mo }) => mo.query('SELECT 1 AS one'), {
        isolationLevel: IsolationLevel.ReadCommitted,
      }),
    );
    expect(sent.slice(0, 2)).toEqual(['SET TRANSACTION ISOLATION LEVEL read committed;', 'BEGIN;']);
    expect(sent.at(-1)).toBe('COMMIT;');
  });

  it.skipIf(testServer().flavor === 'matrixone')(
    'readOnly reaches the server through Knex: a write inside fails',
    async () => {
      const error = await client
        .transaction(async ({ trx }) => trx('items').insert({ name: 'read only' }), { readOnly: true })
        .catch((failure: unknown) => failure);
      expect(error).toBeInstanceOf(Error);
      expect((error as { errno?: number }).errno).toBe(1792);
    },
  );

  it('keeps the server message of a failed statement (Knex rewrites the error message)', async () => {
    await client.execute('INSERT INTO items (id, name) VALUES (?, ?)', [1000, 'first']);
    const failure = await client
      .execute('INSERT INTO items (id, name) VALUES (?, ?)', [1000, 'again'])
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'ConstraintError', errno: 1062 });
    expect((failure as { serverMessage?: string }).serverMessage).toMatch(/^Duplicate entry '1000'/);
  });

  it('bulkInsert runs its batches through Knex in one transaction, and mo.bulkInsert joins the Knex transaction', async () => {
    const rows = Array.from({ length: 25 }, (_, index) => ({ id: 2000 + index, name: `bulk ${index}` }));
    const sent = await sqlSentBy(knex, () => client.bulkInsert('items', rows, { maxRowsPerBatch: 10 }));
    expect(sent.filter((sql) => sql.startsWith('INSERT'))).toHaveLength(3);
    expect(sent.at(-1)).toBe('COMMIT;');
    const failure = new Error('undo the bulk insert');
    await expect(
      client.transaction(async ({ trx, mo }) => {
        await trx('items').insert({ id: 3000, name: 'knex' });
        const result = await mo.bulkInsert('items', [{ id: 3001, name: 'mo' }]);
        expect(result).toEqual({ affectedRows: 1, batches: 1 });
        throw failure;
      }),
    ).rejects.toBe(failure);
    const [counted] = await db.inspect.query('SELECT COUNT(*) AS n FROM items WHERE id >= 2000');
    expect(Number((counted as Array<{ n: number }>)[0]?.n)).toBe(25);
  });

  it('close() leaves the Knex instance usable', async () => {
    const second = matrixone(knex);
    await second.close();
    await expect(second.query('SELECT 1')).rejects.toMatchObject({ name: 'ConnectionError' });
    await expect(second.transaction(async () => 'ran')).rejects.toMatchObject({ name: 'ConnectionError' });
    const [rows] = (await knex.raw('SELECT 2 AS two')) as [Array<{ two: number }>];
    expect(rows).toEqual([{ two: 2 }]);
  });

  it('detects the server inside client.transaction() on the transaction’s own connection (a pool of one)', async () => {
    // A second pooled connection never comes: asking the pool would fail after Knex's acquire timeout.
    const single = knexFactory({
      client: 'mysql2',
      connection: db.url,
      pool: { min: 0, max: 1 },
      acquireConnectionTimeout: 2000,
    });
    const singleClient = matrixone(single);
    try {
      const info = await singleClient.transaction(({ mo }) => mo.serverInfo());
      expect(info.flavor).toBe(testServer().flavor);
      expect(await singleClient.serverInfo()).toEqual(info);
    } finally {
      await singleClient.close();
      await single.destroy();
    }
  });
});
