/**
 * Live suite for `client.branches` on a real MatrixOne (MATRIXONE_URL, logged in as a `sys` administrator):
 * branch a table, change the branch, see the change in DIFF, merge it back; MERGE rolls back with a
 * transaction; PICK is refused in one. Every object is uniquely named and removed in afterAll.
 */
import { randomBytes } from 'node:crypto';
import {
  ConflictOption,
  DiffFlag,
  type PooledClient,
  TransactionRuleError,
  createClient,
} from '@matrixone/core';
import { testServer } from '@matrixone/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp } from './clean-up.js';

describe.skipIf(testServer().flavor !== 'matrixone')('data branches on MatrixOne (live)', () => {
  const database = `h5_branch_${randomBytes(4).toString('hex')}`;
  const base = { database, table: 'base' };
  const branch = { database, table: 'dev' };
  let client: PooledClient;

  const ids = async (table: string): Promise<number[]> =>
    (await client.query<{ id: number }>(`SELECT id FROM \`${database}\`.\`${table}\` ORDER BY id`)).map(
      (row) => Number(row.id),
    );

  beforeAll(async () => {
    client = createClient(testServer().url);
    await client.execute(`CREATE DATABASE \`${database}\``);
    await client.execute(`CREATE TABLE \`${database}\`.\`base\` (id INT PRIMARY KEY, label VARCHAR(20))`);
    await client.execute(`INSERT INTO \`${database}\`.\`base\` VALUES (1, 'a'), (2, 'b')`);
  });

  afterAll(async () => {
    await cleanUp([() => client.execute(`DROP DATABASE IF EXISTS \`${database}\``), () => client.close()]);
  });

  it('branches a table with the same rows', async () => {
    await client.branches.createTable({ ...branch, from: base });
    expect(await ids('dev')).toEqual([1, 2]);
  });

  it('DIFF shows a row inserted on the branch', async () => {
    await client.execute(`INSERT INTO \`${database}\`.\`dev\` VALUES (3, 'c')`);
    const diff = await client.branches.diff({ target: branch, base });
    expect(diff.columns).toEqual(['id', 'label']);
    expect(diff.rows).toHaveLength(1);
    expect(diff.rows[0]).toMatchObject({ flag: DiffFlag.Insert, values: { label: 'c' } });
    expect(Number(diff.rows[0]?.values.id)).toBe(3);
    expect(await client.branches.diffCount({ target: branch, base })).toBe(1);
    const summary = await client.branches.diffSummary({ target: branch, base });
    expect(summary.target.inserted + summary.base.inserted).toBe(1);
  });

  it('MERGE inside a transaction that rolls back leaves the base unchanged', async () => {
    const failure = new Error('roll back on purpose');
    await expect(
      client.transaction(async (tx) => {
        await tx.branches.merge({ source: branch, into: base, onConflict: ConflictOption.Accept });
        // The merge happened inside the transaction (its own reads see it); the rollback must undo it.
        const inside = await tx.query<{ id: number }>(`SELECT id FROM \`${database}\`.\`base\` ORDER BY id`);
        expect(inside.map((row) => Number(row.id))).toEqual([1, 2, 3]);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await ids('base')).toEqual([1, 2]);
  });

  it('MERGE applies the branch change to the base', async () => {
    await client.branches.merge({ source: branch, into: base, onConflict: ConflictOption.Accept });
    expect(await ids('base')).toEqual([1, 2, 3]);
  });

  it('PICK copies chosen keys outside a transaction and is refused inside one', async () => {
    await client.execute(`INSERT INTO \`${database}\`.\`dev\` VALUES (4, 'd'), (5, 'e')`);
    const refused = await client
      .transaction((tx) => tx.branches.pick({ source: branch, into: base, keys: [4] }))
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TransactionRuleError);
    await client.branches.pick({ source: branch, into: base, keys: [4], onConflict: ConflictOption.Skip });
    expect(await ids('base')).toEqual([1, 2, 3, 4]);
  });

  it('deletes the branch table: its branch metadata is marked deleted', async () => {
    const [table] = await client.query<{ id: number | string }>(
      'SELECT rel_id AS id FROM mo_catalog.mo_tables WHERE reldatabase = ? AND relname = ?',
      [database, 'dev'],
    );
    expect(table).toBeDefined();
    const deleted = async (): Promise<string> => {
      const [row] = await client.query<{ deleted: unknown }>(
        'SELECT table_deleted AS deleted FROM mo_catalog.mo_branch_metadata WHERE table_id = ?',
        [table?.id],
      );
      return String(row?.deleted);
    };
    expect(['false', '0']).toContain(await deleted());
    await client.branches.deleteTable(branch);
    expect(['true', '1']).toContain(await deleted());
  });
});
