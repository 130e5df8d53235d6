/** What `matrixone(...)` accepts and refuses, and the client's own surface over TypeORM's pool. */
import { matrixone } from '@matrixone/adapter-typeorm';
import { ConfigurationError, InvalidInputError, TransactionError } from '@matrixone/core';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integerLiteral } from './integer-literal.js';
import { checkedOutConnections } from './pool-usage.js';

const db = useTestDatabase();
let dataSource: DataSource;

beforeAll(async () => {
  dataSource = new DataSource({ type: 'mysql', url: db.url, poolSize: 1 });
  await dataSource.initialize();
  await db.inspect.query('CREATE TABLE numbers (n INT PRIMARY KEY)');
  const values = Array.from({ length: 1000 }, (_, index) => index + 1);
  await db.inspect.query('INSERT INTO numbers (n) VALUES ?', [values.map((n) => [n])]);
});

afterAll(async () => {
  await dataSource.destroy();
});

describe('matrixone() input', () => {
  it('refuses the non-transactional dataSource.manager', () => {
    expect(() => matrixone(dataSource.manager)).toThrow(TransactionError);
  });

  it('refuses a DataSource that is not initialized', () => {
    const idle = new DataSource({ type: 'mysql', url: db.url });
    expect(() => matrixone(idle)).toThrow(ConfigurationError);
  });

  it('refuses a DataSource of another driver', () => {
    // Constructing a real postgres DataSource would need the pg package; TypeORM recognises its DataSource by tag.
    const postgres = {
      '@instanceof': Symbol.for('DataSource'),
      options: { type: 'postgres' },
      isInitialized: true,
    };
    expect(() => matrixone(postgres as unknown as DataSource)).toThrow(/"postgres" driver/);
  });

  it('refuses something that is not a TypeORM object', () => {
    expect(() => matrixone({} as unknown as QueryRunner)).toThrow(InvalidInputError);
  });

  it('a nested manager.transaction gives the same binding, with one set of hooks', async () => {
    const seen: string[] = [];
    await dataSource.transaction(async (manager) => {
      const outer = matrixone(manager);
      outer.afterCommit(() => {
        seen.push('outer');
      });
      await manager.transaction(async (inner: EntityManager) => {
        const nested = matrixone(inner);
        expect(nested).toBe(outer);
        nested.afterCommit(() => {
          seen.push('inner');
        });
      });
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual(['outer', 'inner']);
  });

  it('the client transaction hands out the same binding as matrixone(manager)', async () => {
    const client = matrixone(dataSource);
    await client.transaction(async ({ manager, mo }) => {
      expect(matrixone(manager)).toBe(mo);
    });
    await client.close();
  });
});

describe('client over the DataSource pool', () => {
  it('runs queries, reports the server and reports query events without bound values', async () => {
    const client = matrixone(dataSource);
    const sqls: string[] = [];
    client.on('query', (event) => sqls.push(event.sql));
    const rows = await client.query<{ n: number }>('SELECT n FROM numbers WHERE n = ?', [7]);
    expect(rows).toEqual([{ n: 7 }]);
    expect((await client.serverInfo()).flavor).toBe(testServer().flavor);
    expect(sqls).toContain('SELECT n FROM numbers WHERE n = ?');
    await client.close();
  });

  it('statements of a transaction bound with matrixone(manager) reach the listeners of clients on the same DataSource', async () => {
    const client = matrixone(dataSource);
    const closed = matrixone(dataSource);
    await closed.close();
    const sqls: string[] = [];
    const closedSqls: string[] = [];
    client.on('query', (event) => sqls.push(event.sql));
    closed.on('query', (event) => closedSqls.push(event.sql));
    await dataSource.transaction(async (manager) => {
      await matrixone(manager).query('SELECT ? AS bound', [1]);
    });
    expect(sqls).toEqual(['SELECT ? AS bound']);
    expect(closedSqls).toEqual([]);
    await client.close();
  });

  it('hooks of client.transaction run after the connection is back, so they can use the client on a pool of one', async () => {
    const client = matrixone(dataSource);
    const seen: unknown[] = [];
    await client.transaction(async ({ mo }) => {
      await mo.execute('UPDATE numbers SET n = n WHERE n = ?', [1]);
      mo.afterCommit(async () => {
        const [row] = await client.query<{ c: string }>('SELECT COUNT(*) AS c FROM numbers');
        seen.push(row?.c);
      });
    });
    // TypeORM's mysql driver turns on supportBigNumbers: COUNT(*) (BIGINT) arrives as a string.
    expect(seen).toEqual(['1000']);
    await client.close();
  });

  it('streams rows, and an early break leaves the single pooled connection usable', async () => {
    const client = matrixone(dataSource);
    let total = 0;
    for await (const row of client.stream<{ n: number }>('SELECT n FROM numbers ORDER BY n')) total += row.n;
    expect(total).toBe(500_500);
    const firstTwo: number[] = [];
    for await (const row of client.stream<{ n: number }>('SELECT n FROM numbers ORDER BY n')) {
      firstTwo.push(row.n);
      if (firstTwo.length === 2) break;
    }
    expect(firstTwo).toEqual([1, 2]);
    expect(await client.query('SELECT 1 AS one')).toEqual([{ one: integerLiteral(1) }]);
    expect(checkedOutConnections(dataSource)).toBe(0);
    await client.close();
  });

  it('close() leaves the DataSource usable', async () => {
    const client = matrixone(dataSource);
    await client.close();
    expect(dataSource.isInitialized).toBe(true);
    expect(await dataSource.query('SELECT 2 AS two')).toEqual([{ two: integerLiteral(2) }]);
  });
});
