import { randomBytes } from 'node:crypto';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MatrixOneKnexClient, matrixone } from '../../src/index.js';
import { openKnex, sqlSentBy } from '../support/open-knex.js';

const db = useTestDatabase();

describe.skipIf(testServer().flavor !== 'matrixone')('knex adapter on MatrixOne', () => {
  let knex: Knex;
  let client: MatrixOneKnexClient;

  async function tableExists(table: string): Promise<boolean> {
    const [rows] = await db.inspect.query(`SHOW TABLES LIKE '${table}'`);
    return (rows as unknown[]).length === 1;
  }

  async function count(table: string): Promise<number> {
    const [rows] = await db.inspect.query(`SELECT COUNT(*) AS n FROM \`${table}\``);
    return Number((rows as Array<{ n: number | string }>)[0]?.n);
  }

  beforeAll(async () => {
    knex = openKnex(db.url);
    client = matrixone(knex);
    await db.inspect.query('CREATE TABLE orders (id INT PRIMARY KEY, total INT NOT NULL)');
    await db.inspect.query('INSERT INTO orders (id, total) VALUES (1, 10), (2, 20)');
  });
  afterAll(async () => {
    await client.close();
    await knex.destroy();
  });

  it('a CLONE run through mo joins the Knex transaction and disappears with its rollback', async () => {
    const failure = new Error('undo the clone');
    await expect(
      client.transaction(async ({ trx, mo }) => {
        await trx('orders').insert({ id: 3, total: 30 });
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

  it('a CLONE committed with the Knex transaction sees the rows Knex wrote before it', async () => {
    await client.transaction(async ({ trx, mo }) => {
      await trx('orders').insert({ id: 4, total: 40 });
      await mo.clones.table(
        { database: db.name, table: 'orders_committed' },
        { database: db.name, table: 'orders' },
      );
    });
    expect(await count('orders_committed')).toBe(3);
  });

  it('refuses readOnly transactions before Knex sends anything (MatrixOne does not enforce READ ONLY)', async () => {
    await client.serverInfo();
    const sent = await sqlSentBy(knex, async () => {
      await expect(client.transaction(async () => 'ran', { readOnly: true })).rejects.toMatchObject({
        name: 'UnsupportedServerError',
      });
    });
    expect(sent).toEqual([]);
  });

  it('afterCommit takes a snapshot through the client once the Knex transaction committed', async () => {
    const name = `knex_live_${randomBytes(4).toString('hex')}`;
    let snapshotTaken: Promise<unknown> | undefined;
    try {
      await knex.transaction(async (trx) => {
        await trx('orders').insert({ id: 5, total: 50 });
        const mo = matrixone(trx);
        await expect(
          mo.snapshots.create({ name, level: 'table', database: db.name, table: 'orders' }),
        ).rejects.toMatchObject({
          name: 'TransactionRuleError',
        });
        snapshotTaken = new Promise((resolve, reject) => {
          mo.afterCommit(() =>
            client.snapshots
              .create({ name, level: 'table', database: db.name, table: 'orders' })
              .then(resolve, reject),
          );
        });
      });
      expect(snapshotTaken).toBeDefined();
      await snapshotTaken;
      expect(await client.snapshots.exists(name)).toBe(true);
      const [rows] = await db.inspect.query(`SELECT COUNT(*) AS n FROM \`orders\`{snapshot = '${name}'}`);
      expect(Number((rows as Array<{ n: number | string }>)[0]?.n)).toBe(4);
    } finally {
      await client.snapshots.drop(name, { ifExists: true });
    }
  });
});
