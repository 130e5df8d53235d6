/**
 * Live suite for `client.clones` on a real MatrixOne: clone at a snapshot, clone inside a transaction.
 */
import { randomBytes } from 'node:crypto';
import { InvalidInputError, type PooledClient, createClient } from '@matrixone/core';
import { testServer } from '@matrixone/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp } from './clean-up.js';

describe.skipIf(testServer().flavor !== 'matrixone')('clones on MatrixOne (live)', () => {
  const suffix = randomBytes(4).toString('hex');
  const source = `h4_cl_src_${suffix}`;
  const atSnapshot = `h4_cl_at_${suffix}`;
  const committed = `h4_cl_commit_${suffix}`;
  const rolledBack = `h4_cl_rollback_${suffix}`;
  const snapshotName = `h4_cl_sp_${suffix}`;
  const crossAccount = `h4_cl_x_${suffix}`;
  /** Another account than the current one (`sys`); the SDK refuses before sending, so it need not exist. */
  const otherAccount = `h4_cl_acc_${suffix}`;
  let client: PooledClient;

  const count = async (database: string, table: string): Promise<number> => {
    const [row] = await client.query<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM \`${database}\`.\`${table}\``,
    );
    return Number(row?.n);
  };
  const databaseExists = async (database: string): Promise<boolean> =>
    (await client.query<{ Database: string }>('SHOW DATABASES')).some((row) => row.Database === database);

  beforeAll(async () => {
    client = createClient(testServer().url);
    await client.execute(`CREATE DATABASE \`${source}\``);
    await client.execute(`CREATE TABLE \`${source}\`.\`orders\` (id INT PRIMARY KEY, total INT)`);
    await client.execute(`INSERT INTO \`${source}\`.\`orders\` VALUES (1, 10), (2, 20), (3, 30)`);
    await client.snapshots.create({ name: snapshotName, level: 'database', database: source });
    await client.execute(`DELETE FROM \`${source}\`.\`orders\` WHERE id = 1`);
    await client.execute(`INSERT INTO \`${source}\`.\`orders\` VALUES (4, 40), (5, 50)`);
  });

  afterAll(async () => {
    await cleanUp([
      ...[atSnapshot, committed, rolledBack, crossAccount, source].map(
        (database) => () => client.execute(`DROP DATABASE IF EXISTS \`${database}\``),
      ),
      () => client.snapshots.drop(snapshotName, { ifExists: true }),
      () => client.close(),
    ]);
  });

  it('clones a database at a snapshot: the clone holds the old rows, counts match the snapshot', async () => {
    await client.clones.database(atSnapshot, source, { snapshot: snapshotName });
    const ids = await client.query<{ id: number }>(`SELECT id FROM \`${atSnapshot}\`.\`orders\` ORDER BY id`);
    expect(ids.map((row) => row.id)).toEqual([1, 2, 3]);
    expect(await count(atSnapshot, 'orders')).toBe(
      await client.timeTravel.count({ database: source, table: 'orders' }, { snapshot: snapshotName }),
    );
    expect(await count(source, 'orders')).toBe(4);
  });

  it('clones a table of current data and leaves an existing target alone with ifNotExists', async () => {
    await client.clones.table(
      { database: atSnapshot, table: 'orders_now' },
      { database: source, table: 'orders' },
    );
    expect(await count(atSnapshot, 'orders_now')).toBe(4);
    await client.clones.table(
      { database: atSnapshot, table: 'orders_now' },
      { database: atSnapshot, table: 'orders' },
      { ifNotExists: true },
    );
    expect(await count(atSnapshot, 'orders_now')).toBe(4);
  });

  it('clones inside a transaction: gone after rollback, kept after commit', async () => {
    const failure = new Error('roll back on purpose');
    await expect(
      client.transaction(async (tx) => {
        await tx.clones.database(rolledBack, source);
        expect(await tx.query(`SELECT id FROM \`${rolledBack}\`.\`orders\``)).toHaveLength(4);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await databaseExists(rolledBack)).toBe(false);

    await client.transaction(async (tx) => {
      await tx.clones.database(committed, source, { snapshot: snapshotName });
    });
    expect(await count(committed, 'orders')).toBe(3);
  });

  it('refuses a cross-account clone without a snapshot before sending anything', async () => {
    await expect(
      client.clones.database(crossAccount, source, { toAccount: otherAccount }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect(await databaseExists(crossAccount)).toBe(false);
  });
});
