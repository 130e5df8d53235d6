/**
 * Live suite for `client.restores` on a real MatrixOne: snapshot, lose data, restore, find it back.
 */
import { randomBytes } from 'node:crypto';
import { type PooledClient, TransactionRuleError, createClient } from '@matrixone/core';
import { testServer } from '@matrixone/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp } from './clean-up.js';
import { sqlSentDuring } from './sql-sent.js';

describe.skipIf(testServer().flavor !== 'matrixone')('restores on MatrixOne (live)', () => {
  const suffix = randomBytes(4).toString('hex');
  const database = `h4_rs_${suffix}`;
  const tableSnapshot = `h4_rs_tbl_${suffix}`;
  const databaseSnapshot = `h4_rs_db_${suffix}`;
  let client: PooledClient;

  const ids = async (table: string): Promise<number[]> =>
    (await client.query<{ id: number }>(`SELECT id FROM \`${database}\`.\`${table}\` ORDER BY id`)).map(
      (r) => r.id,
    );

  beforeAll(async () => {
    client = createClient(testServer().url);
    await client.execute(`CREATE DATABASE \`${database}\``);
    await client.execute(`CREATE TABLE \`${database}\`.\`orders\` (id INT PRIMARY KEY)`);
    await client.execute(`CREATE TABLE \`${database}\`.\`notes\` (id INT PRIMARY KEY)`);
    await client.execute(`INSERT INTO \`${database}\`.\`orders\` VALUES (1), (2), (3)`);
    await client.execute(`INSERT INTO \`${database}\`.\`notes\` VALUES (10), (20)`);
  });

  afterAll(async () => {
    await cleanUp([
      () => client.snapshots.drop(tableSnapshot, { ifExists: true }),
      () => client.snapshots.drop(databaseSnapshot, { ifExists: true }),
      () => client.execute(`DROP DATABASE IF EXISTS \`${database}\``),
      () => client.close(),
    ]);
  });

  it('restores deleted rows of a table from a table snapshot', async () => {
    await client.snapshots.create({ name: tableSnapshot, level: 'table', database, table: 'orders' });
    await client.execute(`DELETE FROM \`${database}\`.\`orders\` WHERE id > 1`);
    expect(await ids('orders')).toEqual([1]);
    await client.restores.table({ database, table: 'orders' }, { snapshot: tableSnapshot });
    expect(await ids('orders')).toEqual([1, 2, 3]);
  });

  it('restores a dropped table by restoring its database from a database snapshot', async () => {
    await client.snapshots.create({ name: databaseSnapshot, level: 'database', database });
    await client.execute(`DROP TABLE \`${database}\`.\`notes\``);
    await client.restores.database(database, { snapshot: databaseSnapshot });
    expect(await ids('notes')).toEqual([10, 20]);
  });

  it('refuses a restore inside a transaction before sending it; the transaction still commits', async () => {
    // The server would refuse RESTORE there too, with a message the SDK also maps to TransactionRuleError:
    // only the statements actually sent prove the SDK refused first.
    const sent = await sqlSentDuring(client, () =>
      client.transaction(async (tx) => {
        await tx.execute(`INSERT INTO \`${database}\`.\`orders\` VALUES (4)`);
        await expect(
          tx.restores.table({ database, table: 'orders' }, { snapshot: tableSnapshot }),
        ).rejects.toBeInstanceOf(TransactionRuleError);
      }),
    );
    expect(sent.some((sql) => /INSERT INTO/.test(sql))).toBe(true);
    expect(sent.filter((sql) => /^\s*RESTORE\b/i.test(sql))).toEqual([]);
    expect(await ids('orders')).toEqual([1, 2, 3, 4]);
  });
});
