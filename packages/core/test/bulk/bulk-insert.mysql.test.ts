import {
  ConstraintError,
  InvalidInputError,
  type PooledClient,
  type QueryEvent,
  createClient,
} from '@matrixone/core';
import { useTestDatabase } from '@matrixone/test-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const db = useTestDatabase();
const SHOW_PACKET = "SHOW VARIABLES LIKE 'max_allowed_packet'";

async function count(table: string): Promise<number> {
  const [rows] = await db.inspect.query(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number((rows as Array<{ n: unknown }>)[0]?.n);
}

describe('bulkInsert against the test server', () => {
  let client: PooledClient;
  const events: QueryEvent[] = [];

  beforeAll(async () => {
    client = createClient(`${db.url}?poolSize=3`);
    client.on('query', (event) => events.push(event));
    await client.execute(
      'CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(60) NOT NULL, amount DECIMAL(12,2), seen DATETIME(3))',
    );
    await client.execute('CREATE TABLE blobs (id INT PRIMARY KEY, body TEXT NOT NULL)');
  });
  beforeEach(async () => {
    await client.execute('DELETE FROM items');
    events.length = 0;
  });
  afterAll(async () => {
    await client.close();
  });

  it('round-trips 100,000 rows in one transaction and reads max_allowed_packet once per client', async () => {
    const rows = Array.from({ length: 100_000 }, (_, id) => ({
      id,
      name: `name ${id} it's "quoted" \\ ${id % 7 === 0 ? '漢字😀' : ''}`,
      amount: (id % 1000) / 4,
      seen: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, id % 1000)),
    }));
    const result = await client.bulkInsert('items', rows);
    expect(result).toEqual({ affectedRows: 100_000, batches: 100 });
    const [[summary]] = (await db.inspect.query(
      'SELECT COUNT(*) AS n, SUM(id) AS ids, SUM(amount) AS total, SUM(CHAR_LENGTH(name)) AS chars FROM items',
    )) as unknown as [[{ n: unknown; ids: unknown; total: unknown; chars: unknown }]];
    expect(Number(summary.n)).toBe(100_000);
    expect(Number(summary.ids)).toBe((99_999 * 100_000) / 2);
    expect(Number(summary.total)).toBe(rows.reduce((sum, row) => sum + row.amount, 0));
    expect(Number(summary.chars)).toBe(rows.reduce((sum, row) => sum + [...row.name].length, 0));
    const [sample] = await db.inspect.query('SELECT name FROM items WHERE id IN (7, 99998) ORDER BY id');
    expect(sample).toEqual([{ name: rows[7]?.name }, { name: rows[99_998]?.name }]);

    const sqls = events.map((event) => event.sql);
    expect(sqls[0]).toBe(SHOW_PACKET);
    expect(sqls.at(-1)).toBe('COMMIT');
    expect(
      sqls.filter((sql) => sql.startsWith('INSERT INTO `items` (`id`, `name`, `amount`, `seen`)')),
    ).toHaveLength(100);
    expect(new Set(events.slice(1).map((event) => event.inTransaction))).toEqual(new Set([true]));

    events.length = 0;
    await client.bulkInsert('items', [{ id: -1, name: 'again', amount: null, seen: null }]);
    expect(events.map((event) => event.sql)).not.toContain(SHOW_PACKET);
    expect(await count('items')).toBe(100_001);
  });

  it('takes explicit columns and a database-qualified table', async () => {
    const result = await client.bulkInsert(
      { database: db.name, table: 'items' },
      {
        columns: ['id', 'name'],
        rows: [
          [1, 'a'],
          [2, 'b'],
          [3, 'c'],
        ],
      },
      { maxRowsPerBatch: 2 },
    );
    expect(result).toEqual({ affectedRows: 3, batches: 2 });
    const [rows] = await db.inspect.query('SELECT id, name FROM items ORDER BY id');
    expect(rows).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
      { id: 3, name: 'c' },
    ]);
  });

  it('splits batches to fit a small forced packet size', async () => {
    const rows = Array.from({ length: 2_000 }, (_, id) => [id, `row-${id}-${'x'.repeat(40)}`]);
    const result = await client.bulkInsert(
      'items',
      { columns: ['id', 'name'], rows },
      { maxPacketBytes: 8_192, maxRowsPerBatch: 100_000 },
    );
    // Each row is about 60 bytes once escaped: at most ~120 rows fit in 8 KiB less the overhead.
    expect(result.affectedRows).toBe(2_000);
    expect(result.batches).toBeGreaterThanOrEqual(Math.ceil((2_000 * 60) / 8_192));
    expect(await count('items')).toBe(2_000);
  });

  it("keeps every statement under the server's own max_allowed_packet", async () => {
    const [[variable]] = (await db.inspect.query(SHOW_PACKET)) as unknown as [[{ Value: string }]];
    const serverPacket = Number(variable.Value);
    const body = 'y'.repeat(60_000);
    const rowCount = Math.ceil((serverPacket * 1.1) / body.length);
    const rows = Array.from({ length: rowCount }, (_, id) => ({ id, body }));
    const result = await client.bulkInsert('blobs', rows, { maxRowsPerBatch: 1_000_000 });
    expect(result.affectedRows).toBe(rowCount);
    expect(result.batches).toBeGreaterThanOrEqual(2);
    expect(await count('blobs')).toBe(rowCount);
  });

  it('refuses bad table and column names before sending anything', async () => {
    await expect(client.bulkInsert('', [{ id: 1 }])).rejects.toBeInstanceOf(InvalidInputError);
    await expect(client.bulkInsert('items', [{ 'id\0': 1 }])).rejects.toBeInstanceOf(InvalidInputError);
    await expect(client.bulkInsert({ database: 'a b', table: 'items' }, [])).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    await expect(client.bulkInsert('items', { columns: ['id', ' name'], rows: [] })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    await expect(client.bulkInsert('items', [{ id: 1, name: { nested: true } }])).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    expect(events).toEqual([]);
  });

  it('sends nothing for no rows', async () => {
    expect(await client.bulkInsert('items', [])).toEqual({ affectedRows: 0, batches: 0 });
    expect(events).toEqual([]);
  });

  it('rolls every batch back when one fails', async () => {
    const rows = Array.from({ length: 5_000 }, (_, id) => ({ id, name: `n${id}` }));
    rows.push({ id: 10, name: 'duplicate key in the last batch' });
    await expect(client.bulkInsert('items', rows)).rejects.toBeInstanceOf(ConstraintError);
    expect(await count('items')).toBe(0);
    expect(events.map((event) => event.sql)).toContain('ROLLBACK');
    expect(client.poolStats().busy).toBe(0);
  });

  it('rolls back the batches already sent when a later batch holds a value that cannot be bound', async () => {
    const rows: { id: number; name: unknown }[] = Array.from({ length: 3_000 }, (_, id) => ({
      id,
      name: `n${id}`,
    }));
    rows.push({ id: 3_000, name: ['an', 'array'] });
    await expect(client.bulkInsert('items', rows)).rejects.toBeInstanceOf(InvalidInputError);
    // The first batch was sent before the bad value was reached, in the batch after.
    expect(events.filter((event) => event.sql.startsWith('INSERT INTO')).length).toBeGreaterThan(0);
    expect(events.map((event) => event.sql)).toContain('ROLLBACK');
    expect(await count('items')).toBe(0);
  });

  it('runs on the transaction connection inside a transaction and rolls back with it', async () => {
    const failure = new Error('abandon the transaction');
    const seen: { batches?: number } = {};
    await expect(
      client.transaction(async (tx) => {
        const first = await tx.bulkInsert('items', [{ id: 1, name: 'a' }]);
        const second = await tx.bulkInsert(
          'items',
          {
            columns: ['id', 'name'],
            rows: [
              [2, 'b'],
              [3, 'c'],
            ],
          },
          { maxRowsPerBatch: 1 },
        );
        seen.batches = first.batches + second.batches;
        const [inside] = await tx.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM items');
        expect(Number(inside?.n)).toBe(3);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(seen.batches).toBe(3);
    expect(await count('items')).toBe(0);
    const txEvents = events.filter((event) => event.inTransaction);
    expect(txEvents.filter((event) => event.sql === SHOW_PACKET)).toHaveLength(1);
    expect(txEvents.filter((event) => event.sql.startsWith('INSERT INTO'))).toHaveLength(3);
  });
});
