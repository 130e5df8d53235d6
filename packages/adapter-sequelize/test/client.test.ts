import { ConfigurationError, InvalidInputError, type QueryEvent } from '@matrixone/core';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import { QueryTypes, type Sequelize } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrixone } from '../src/index.js';
import { connectionsInUse, openSequelize } from './open-sequelize.js';

const db = useTestDatabase();
let sequelize: Sequelize;

beforeAll(async () => {
  sequelize = openSequelize(db.url, 2);
  await db.inspect.query('CREATE TABLE items (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(50))');
});

afterAll(async () => {
  await sequelize.close();
});

describe('matrixone(sequelize): the client on Sequelize’s pool', () => {
  it('runs statements with bound values and reports affected rows and insert ids', async () => {
    const client = matrixone(sequelize);
    const first = await client.execute('INSERT INTO items (name) VALUES (?), (?)', ['a', "it's"]);
    expect(first.affectedRows).toBe(2);
    expect(Number(first.insertId)).toBeGreaterThan(0);
    const rows = await client.query<{ name: string }>('SELECT name FROM items WHERE name = ?', ["it's"]);
    expect(rows).toEqual([{ name: "it's" }]);
    const [direct] = await db.inspect.query('SELECT COUNT(*) AS n FROM items');
    expect(direct).toEqual([{ n: 2 }]);
  });

  it('bulk-inserts through Sequelize’s pool in one transaction', async () => {
    const client = matrixone(sequelize);
    const rows = Array.from({ length: 250 }, (_, index) => ({ name: `bulk-${index}` }));
    const result = await client.bulkInsert('items', rows, { maxRowsPerBatch: 100 });
    expect(result).toEqual({ affectedRows: 250, batches: 3 });
    const [counted] = await db.inspect.query("SELECT COUNT(*) AS n FROM items WHERE name LIKE 'bulk-%'");
    expect(counted).toEqual([{ n: 250 }]);
    await db.inspect.query("DELETE FROM items WHERE name LIKE 'bulk-%'");
    expect(connectionsInUse(sequelize)).toBe(0);
  });

  it('binds a `?` that follows an operator, which Sequelize replacements would leave in place', async () => {
    const client = matrixone(sequelize);
    const rows = await client.query<{ below: number }>(
      'SELECT 1 AS below FROM items WHERE id<? LIMIT 1',
      [1000],
    );
    expect(rows).toEqual([{ below: 1 }]);
  });

  it('detects the server through Sequelize’s pool', async () => {
    const info = await matrixone(sequelize).serverInfo();
    expect(info.flavor).toBe(testServer().flavor);
  });

  it('uses the forced server flavor without asking the server', async () => {
    const info = await matrixone(sequelize, { serverFlavor: 'matrixone' }).serverInfo();
    expect(info).toEqual({ flavor: 'matrixone', version: undefined, versionString: 'forced' });
  });

  it('streams rows and gives every connection back, also when the loop stops early', async () => {
    const client = matrixone(sequelize);
    const names: string[] = [];
    for await (const row of client.stream<{ name: string }>('SELECT name FROM items ORDER BY id')) {
      names.push(row.name);
    }
    expect(names).toEqual(['a', "it's"]);
    for await (const row of client.stream<{ name: string }>('SELECT name FROM items ORDER BY id')) {
      expect(row.name).toBe('a');
      break;
    }
    expect(connectionsInUse(sequelize)).toBe(0);
    expect(await client.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('reads date-times in the local zone, as the core client does, not in Sequelize’s `timezone`', async () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Kathmandu'; // +05:45: any shift between the two readings shows
    try {
      const [row] = await matrixone(sequelize).query<{ at: Date }>(
        "SELECT CAST('2026-01-02 03:04:05' AS DATETIME) AS at",
      );
      expect([row?.at.getHours(), row?.at.getMinutes(), row?.at.getSeconds()]).toEqual([3, 4, 5]);
      const [ormRow] = await sequelize.query<{ at: Date }>(
        "SELECT CAST('2026-01-02 03:04:05' AS DATETIME) AS at",
        {
          type: QueryTypes.SELECT,
        },
      );
      expect(ormRow?.at.toISOString()).toBe('2026-01-02T03:04:05.000Z');
    } finally {
      if (zone === undefined) Reflect.deleteProperty(process.env, 'TZ');
      else process.env.TZ = zone;
    }
  });

  it('returns MySQL types as the core client does', async () => {
    const [row] = await matrixone(sequelize).query<Record<string, unknown>>(
      'SELECT COUNT(*) AS n, CAST(9007199254740993 AS SIGNED) AS big, CAST(? AS DECIMAL(10, 2)) AS price FROM items',
      ['12.50'],
    );
    expect(row).toEqual({ n: 2, big: '9007199254740993', price: '12.50' });
  });

  it('reports statements as query events without their values', async () => {
    const events: QueryEvent[] = [];
    const client = matrixone(sequelize, { logger: (event) => events.push(event) });
    await client.query('SELECT name FROM items WHERE name = ?', ['secret-value']);
    expect(events).toHaveLength(1);
    expect(events[0]?.sql).toBe('SELECT name FROM items WHERE name = ?');
    expect(JSON.stringify(events)).not.toContain('secret-value');
  });

  it('passes on query events of transactions bound with matrixone(t), until it is closed', async () => {
    const client = matrixone(sequelize);
    const seen: string[] = [];
    client.on('query', (event) => seen.push(event.sql));
    await sequelize.transaction(async (t) => {
      await matrixone(t).query('SELECT ? AS bound', [1]);
    });
    await client.close();
    await sequelize.transaction(async (t) => {
      await matrixone(t).query('SELECT ? AS after_close', [1]);
    });
    expect(seen).toEqual(['SELECT ? AS bound']);
  });

  it('maps server errors to typed errors carrying the errno', async () => {
    const client = matrixone(sequelize);
    await expect(client.query('SELECT * FROM no_such_table')).rejects.toMatchObject({
      kind: 'not-found',
      errno: 1146,
    });
  });

  it('close() ends the SDK client and leaves Sequelize open', async () => {
    const client = matrixone(sequelize);
    await client.close();
    await expect(client.query('SELECT 1')).rejects.toMatchObject({ kind: 'connection' });
    await expect(client.transaction(async () => undefined)).rejects.toMatchObject({ kind: 'connection' });
    const [rows] = await sequelize.query('SELECT 1 AS one');
    expect(rows).toEqual([{ one: 1 }]);
    expect(connectionsInUse(sequelize)).toBe(0);
  });

  it('refuses a Sequelize instance of another dialect and values that are neither', () => {
    const postgresLike = {
      query: () => undefined,
      transaction: () => undefined,
      getDialect: () => 'postgres',
      connectionManager: {},
    } as unknown as Sequelize;
    expect(() => matrixone(postgresLike)).toThrow(ConfigurationError);
    expect(() => matrixone({} as Sequelize)).toThrow(InvalidInputError);
  });
});
