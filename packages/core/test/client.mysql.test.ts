import { inspect } from 'node:util';
import {
  AuthenticationError,
  ConnectionError,
  ConstraintError,
  type PooledClient,
  type QueryEvent,
  TimeoutError,
  createClient,
} from '@matrixone/core';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const db = useTestDatabase();

describe('client against the test server', () => {
  let client: PooledClient;
  const events: QueryEvent[] = [];

  beforeAll(async () => {
    client = createClient(`${db.url}?poolSize=2`);
    client.on('query', (event) => events.push(event));
    await client.execute('CREATE TABLE items (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40) NOT NULL)');
    await client.execute('CREATE TABLE digits (d INT NOT NULL)');
    await client.execute('INSERT INTO digits (d) VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)');
  });
  afterAll(async () => {
    await client.close();
  });

  it('executes with bound values and reports affected rows and the insert id', async () => {
    const first = await client.execute('INSERT INTO items (name) VALUES (?), (?)', [
      'a',
      "it's; DROP TABLE items",
    ]);
    expect(first.affectedRows).toBe(2);
    expect(typeof first.insertId === 'number' || typeof first.insertId === 'string').toBe(true);
    const [row] = await db.inspect.query('SELECT COUNT(*) AS n FROM items WHERE name = ?', [
      "it's; DROP TABLE items",
    ]);
    expect(row).toEqual([{ n: 1 }]);
  });

  it('queries rows with bound values', async () => {
    const rows = await client.query<{ name: string }>('SELECT name FROM items WHERE name = ? ORDER BY id', [
      'a',
    ]);
    expect(rows).toEqual([{ name: 'a' }]);
  });

  it('maps server errors to typed errors', async () => {
    const id = (await client.query<{ id: number }>('SELECT MIN(id) AS id FROM items'))[0]?.id;
    await expect(
      client.execute('INSERT INTO items (id, name) VALUES (?, ?)', [id, 'dup']),
    ).rejects.toBeInstanceOf(ConstraintError);
  });

  it('streams 10,000 rows from one connection', async () => {
    let count = 0;
    let sum = 0;
    for await (const row of client.stream<{ n: number }>(
      'SELECT a.d * 1000 + b.d * 100 + c.d * 10 + e.d AS n FROM digits a, digits b, digits c, digits e WHERE a.d >= ?',
      [0],
    )) {
      count += 1;
      sum += Number(row.n);
    }
    expect(count).toBe(10_000);
    expect(sum).toBe((9999 * 10_000) / 2);
    expect(client.poolStats().busy).toBe(0);
    const streamEvent = events.findLast((event) => event.sql.includes('digits a, digits b'));
    expect(streamEvent?.rowCount).toBe(10_000);
  });

  it('releases the connection when a stream is abandoned early', async () => {
    let seen = 0;
    for await (const _row of client.stream('SELECT a.d FROM digits a, digits b, digits c, digits e')) {
      seen += 1;
      if (seen === 5) break;
    }
    expect(seen).toBe(5);
    expect(client.poolStats().busy).toBe(0);
    // Both pool connections are still usable afterwards.
    const results = await Promise.all([client.query('SELECT 1 AS one'), client.query('SELECT 2 AS two')]);
    expect(results).toEqual([[{ one: 1 }], [{ two: 2 }]]);
  });

  it('reports a failing stream as a typed error', async () => {
    const consume = async () => {
      for await (const _row of client.stream('SELECT * FROM missing_table')) {
        // no rows expected
      }
    };
    await expect(consume()).rejects.toMatchObject({ errno: 1146 });
    expect(client.poolStats().busy).toBe(0);
  });

  it('detects the server once and caches it', async () => {
    const before = events.filter((event) => event.sql.includes('version()')).length;
    const info = await client.serverInfo();
    const again = await client.serverInfo();
    expect(again).toBe(info);
    expect(info.flavor).toBe(testServer().flavor);
    expect(info.versionString).toBe(testServer().version);
    expect(events.filter((event) => event.sql.includes('version()')).length).toBeLessThanOrEqual(before + 1);
  });

  it('emits events with placeholders, counts and errors, never the bound values', async () => {
    const seen: QueryEvent[] = [];
    const listener = (event: QueryEvent) => seen.push(event);
    client.on('query', listener);
    await client.query('SELECT name FROM items WHERE name = ?', ['value-that-must-not-leak']);
    await client
      .execute('INSERT INTO items (id, name) VALUES (?, ?)', [1, 'other-secret-value'])
      .catch(() => undefined);
    client.off('query', listener);
    await client.query('SELECT 1');
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatchObject({
      sql: 'SELECT name FROM items WHERE name = ?',
      rowCount: 0,
      inTransaction: false,
    });
    expect(seen[0]?.durationMs).toBeGreaterThanOrEqual(0);
    expect(seen[1]?.error).toBeInstanceOf(ConstraintError);
    expect(inspect(seen, { depth: 10 })).not.toMatch(/value-that-must-not-leak|other-secret-value/);
  });

  it('redacts password literals in events', async () => {
    const seen: QueryEvent[] = [];
    client.on('query', (event) => seen.push(event));
    await client.execute("SET @probe = PASSWORD('literal-secret')").catch(() => undefined);
    expect(seen).toHaveLength(1);
    expect(inspect(seen, { depth: 10 })).not.toContain('literal-secret');
  });
});

describe('client configuration at runtime', () => {
  it('forces the server flavor without asking the server', async () => {
    const seen: QueryEvent[] = [];
    const client = createClient({
      ...urlParts(db.url),
      serverFlavor: 'matrixone',
      logger: (e) => seen.push(e),
    });
    try {
      expect(await client.serverInfo()).toEqual({
        flavor: 'matrixone',
        version: undefined,
        versionString: 'forced',
      });
      expect(seen).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it('keeps the password out of inspect, JSON and authentication errors', async () => {
    const parts = urlParts(db.url);
    const client = createClient(parts);
    try {
      await client.query('SELECT 1');
      expect(inspect(client, { depth: Number.POSITIVE_INFINITY, showHidden: true })).not.toContain(
        parts.password,
      );
      expect(JSON.stringify(client)).not.toContain(parts.password);
    } finally {
      await client.close();
    }
    const wrong = createClient({ ...parts, password: 'wrong-password-value' });
    const error = await wrong.query('SELECT 1').catch((caught: unknown) => caught);
    await wrong.close();
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true })).not.toContain(
      'wrong-password-value',
    );
  });

  it('refuses statements after close', async () => {
    const client = createClient(db.url);
    await client.query('SELECT 1');
    await client.close();
    await expect(client.query('SELECT 1')).rejects.toBeInstanceOf(ConnectionError);
  });

  it('fails a statement that exceeds queryTimeoutMs with TimeoutError and does not reuse its connection', async () => {
    const client = createClient({ ...urlParts(db.url), queryTimeoutMs: 200, pool: { size: 1 } });
    try {
      const before = (await client.query<{ id: number }>('SELECT CONNECTION_ID() AS id'))[0]?.id;
      await expect(client.query('SELECT SLEEP(5)')).rejects.toBeInstanceOf(TimeoutError);
      const after = (await client.query<{ id: number }>('SELECT CONNECTION_ID() AS id'))[0]?.id;
      expect(before).toBeDefined();
      expect(after).not.toBe(before);
      expect(client.poolStats().busy).toBe(0);
    } finally {
      await client.close();
    }
  });

  it('applies pre-ping and recycle without breaking statements', async () => {
    const client = createClient({ ...urlParts(db.url), pool: { size: 1, prePing: true, recycleMs: 1 } });
    try {
      const first = await client.query<{ id: number }>('SELECT CONNECTION_ID() AS id');
      await new Promise((resolve) => setTimeout(resolve, 5));
      const second = await client.query<{ id: number }>('SELECT CONNECTION_ID() AS id');
      // recycleMs: 1 means the first connection was too old to reuse.
      expect(second[0]?.id).not.toBe(first[0]?.id);
      expect(client.poolStats()).toMatchObject({ busy: 0, queued: 0 });
    } finally {
      await client.close();
    }
  });
});

function urlParts(url: string) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)),
  };
}
