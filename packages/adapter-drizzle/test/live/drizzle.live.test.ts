import { randomBytes } from 'node:crypto';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import { int, mysqlTable } from 'drizzle-orm/mysql-core';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import type { Pool } from 'mysql2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MatrixOneDrizzleClient, matrixone } from '../../src/index.js';
import { endPool, openDrizzle } from '../support/open-drizzle.js';

const db = useTestDatabase();
const orders = mysqlTable('orders', { id: int('id').primaryKey(), total: int('total').notNull() });

describe.skipIf(testServer().flavor !== 'matrixone')('drizzle adapter on MatrixOne', () => {
  let orm: MySql2Database;
  let pool: Pool;
  let client: MatrixOneDrizzleClient;

  async function tableExists(table: string): Promise<boolean> {
    const [rows] = await db.inspect.query(`SHOW TABLES LIKE '${table}'`);
    return (rows as unknown[]).length === 1;
  }

  async function count(table: string): Promise<number> {
    const [rows] = await db.inspect.query(`SELECT COUNT(*) AS n FROM \`${table}\``);
    return Number((rows as Array<{ n: number | string }>)[0]?.n);
  }

  beforeAll(async () => {
    ({ db: orm, pool } = openDrizzle(db.url));
    client = matrixone(orm);
    await db.inspect.query('CREATE TABLE orders (id INT PRIMARY KEY, total INT NOT NULL)');
    await db.inspect.query('INSERT INTO orders (id, total) VALUES (1, 10), (2, 20)');
  });
  afterAll(async () => {
    await client.close();
    await endPool(pool);
  });

  it('a CLONE run through mo joins the Drizzle transaction and disappears with its rollback', async () => {
    const failure = new Error('undo the clone');
    await expect(
      client.transaction(async ({ tx, mo }) => {
        await tx.insert(orders).values({ id: 3, total: 30 });
        await mo.clones.table(
          { database: db.name, table: 'orders_rolled_back' },
          { database: db.name, table: 'orders' },
        );
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await tableExists('orders_rolled_back')).toBe(false);
    expect(await count('orders')).toBe(2);
  });

  it('a CLONE committed with the Drizzle transaction sees the rows Drizzle wrote before it', async () => {
    await client.transaction(async ({ tx, mo }) => {
      await tx.insert(orders).values({ id: 4, total: 40 });
      await mo.clones.table(
        { database: db.name, table: 'orders_committed' },
        { database: db.name, table: 'orders' },
      );
    });
    expect(await count('orders_committed')).toBe(3);
  });

  it('refuses readOnly transactions before Drizzle starts one (MatrixOne accepts READ ONLY and still writes)', async () => {
    await expect(client.transaction(async () => 'ran', { readOnly: true })).rejects.toMatchObject({
      name: 'UnsupportedServerError',
    });
  });

  it('a failed inner transaction (ROLLBACK TO SAVEPOINT refused) rolls the whole transaction back', async () => {
    const error = await client
      .transaction(async ({ tx }) => {
        await tx.insert(orders).values({ id: 5, total: 50 });
        await tx
          .transaction(async (inner) => {
            await inner.insert(orders).values({ id: 6, total: 60 });
            throw new Error('undo the inner part');
          })
          .catch(() => undefined);
      })
      .catch((failure: unknown) => failure);
    expect(error).toMatchObject({ name: 'TransactionError' });
    expect(await count('orders')).toBe(3);
  });

  it('afterCommit takes a snapshot through the client once the Drizzle transaction committed', async () => {
    const name = `drizzle_live_${randomBytes(4).toString('hex')}`;
    let snapshotTaken: Promise<unknown> | undefined;
    try {
      await orm.transaction(async (tx) => {
        await tx.insert(orders).values({ id: 7, total: 70 });
        const mo = matrixone(tx);
        await expect(
          mo.snapshots.create({ name, level: 'table', database: db.name, table: 'orders' }),
        ).rejects.toMatchObject({ name: 'TransactionRuleError' });
        snapshotTaken = new Promise((resolve, reject) => {
          mo.afterCommit(() =>
            client.snapshots
              .create({ name, level: 'table', database: db.name, table: 'orders' })
              .then(resolve, reject),
          );
        });
      });
      await snapshotTaken;
      expect(await client.snapshots.exists(name)).toBe(true);
      const [rows] = await db.inspect.query(`SELECT COUNT(*) AS n FROM \`orders\`{snapshot = '${name}'}`);
      expect(Number((rows as Array<{ n: number | string }>)[0]?.n)).toBe(4);
    } finally {
      await client.snapshots.drop(name, { ifExists: true });
    }
  });
});
