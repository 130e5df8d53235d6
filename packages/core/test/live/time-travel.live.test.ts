/**
 * Live suite for `client.timeTravel` on a real MatrixOne: snapshot a table, change it, read the old rows back.
 */
import { randomBytes } from 'node:crypto';
import { type PooledClient, type Snapshot, createClient } from '@matrixone/core';
import { testServer } from '@matrixone/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp } from './clean-up.js';

describe.skipIf(testServer().flavor !== 'matrixone')('time travel on MatrixOne (live)', () => {
  const suffix = randomBytes(4).toString('hex');
  const database = `h4_tt_${suffix}`;
  const items = { database, table: 'items' };
  const snapshotName = `h4_tt_sp_${suffix}`;
  let client: PooledClient;
  let snapshot: Snapshot;

  beforeAll(async () => {
    client = createClient(testServer().url);
    await client.execute(`CREATE DATABASE \`${database}\``);
    await client.execute(
      `CREATE TABLE \`${database}\`.\`items\` (id INT PRIMARY KEY, label VARCHAR(20), note VARCHAR(20))`,
    );
    await client.execute(
      `INSERT INTO \`${database}\`.\`items\` VALUES (1, 'a', NULL), (2, 'b', 'x'), (3, 'c', NULL)`,
    );
    snapshot = await client.snapshots.create({
      name: snapshotName,
      level: 'table',
      database,
      table: 'items',
    });
    await client.execute(`DELETE FROM \`${database}\`.\`items\` WHERE id IN (1, 2)`);
    await client.execute(`UPDATE \`${database}\`.\`items\` SET label = 'changed' WHERE id = 3`);
    await client.execute(`INSERT INTO \`${database}\`.\`items\` VALUES (4, 'd', NULL)`);
  });

  afterAll(async () => {
    await cleanUp([
      () => client.snapshots.drop(snapshotName, { ifExists: true }),
      () => client.execute(`DROP DATABASE IF EXISTS \`${database}\``),
      () => client.close(),
    ]);
  });

  it('reads every old row at the snapshot while the table holds the new ones', async () => {
    const old = await client.timeTravel.select<{ id: number; label: string }>(
      { table: items, columns: ['id', 'label'], orderBy: ['id'] },
      { snapshot: snapshotName },
    );
    expect(old).toEqual([
      { id: 1, label: 'a' },
      { id: 2, label: 'b' },
      { id: 3, label: 'c' },
    ]);
    const now = await client.query<{ id: number }>(`SELECT id FROM \`${database}\`.\`items\` ORDER BY id`);
    expect(now.map((row) => row.id)).toEqual([3, 4]);
    expect(await client.timeTravel.table(items, { snapshot: snapshotName })).toHaveLength(3);
  });

  it('filters with bound values and NULL at the snapshot', async () => {
    expect(await client.timeTravel.count(items, { snapshot: snapshotName }, { note: null })).toBe(2);
    const [row] = await client.timeTravel.select<{ id: number }>(
      { table: items, columns: ['id'], where: { label: 'b', note: 'x' } },
      { snapshot: snapshotName },
    );
    expect(row?.id).toBe(2);
  });

  it('reads the same rows at the snapshot time given exactly, as mo_ts and as timestamp text', async () => {
    expect(await client.timeTravel.count(items, { moTs: snapshot.timestamp.nanoseconds })).toBe(3);
    expect(await client.timeTravel.count(items, { timestamp: snapshot.timestamp })).toBe(3);
  });

  it('builds FROM fragments for hand-written SELECTs that join the past with the present', async () => {
    const past = client.timeTravel.at({ snapshot: snapshotName });
    const rows = await client.query<{ id: number; old_label: string; new_label: string }>(
      `SELECT p.id, p.label AS old_label, c.label AS new_label FROM ${past.from(items)} AS p ` +
        `JOIN \`${database}\`.\`items\` AS c ON c.id = p.id WHERE p.id = ?`,
      [3],
    );
    expect(rows).toEqual([{ id: 3, old_label: 'c', new_label: 'changed' }]);
  });

  it('reads at a snapshot inside a transaction (a time-travel read is a query)', async () => {
    const count = await client.transaction((tx) => tx.timeTravel.count(items, { snapshot: snapshotName }));
    expect(count).toBe(3);
  });
});
