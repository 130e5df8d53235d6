/**
 * Live suite for `client.snapshots` on a real MatrixOne (MATRIXONE_URL, logged in as a `sys` administrator).
 * Every object is uniquely named and removed in afterAll.
 */
import { randomBytes } from 'node:crypto';
import {
  InvalidInputError,
  NotFoundError,
  type PooledClient,
  SnapshotLevel,
  TransactionRuleError,
  createClient,
} from '@matrixone/core';
import { testServer } from '@matrixone/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp } from './clean-up.js';
import { sqlSentDuring } from './sql-sent.js';

describe.skipIf(testServer().flavor !== 'matrixone')('snapshots on MatrixOne (live)', () => {
  const suffix = randomBytes(4).toString('hex');
  const database = `h4_snap_${suffix}`;
  const names = {
    database: `h4_db_${suffix}`,
    table: `h4_tbl_${suffix}`,
    hyphen: `h4-hyphen-${suffix}`,
    mixedCase: `H4_Mixed_${suffix}`,
    sentMixedCase: `H4_Sent_Mixed_${suffix}`,
    unicode: `h4_snäp_${suffix}`,
    keyword: 'current_date',
    afterCommit: `h4_after_commit_${suffix}`,
    refused: `h4_refused_${suffix}`,
  };
  let client: PooledClient;

  beforeAll(async () => {
    client = createClient(testServer().url);
    // A reserved word cannot carry the run's suffix. An old one is what an interrupted earlier run left: drop it.
    // A recent one means another live run is using this server now: stop rather than break that run.
    const leftover = await client.snapshots.get(names.keyword).catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    });
    if (leftover !== undefined) {
      const ageMs = Date.now() - leftover.timestamp.toDate().getTime();
      if (ageMs < 60 * 60 * 1000) {
        throw new Error(
          `snapshot ${names.keyword} is ${Math.round(ageMs / 1000)} s old: another live run seems to be using this server; run the live suites one at a time`,
        );
      }
      await client.snapshots.drop(names.keyword);
    }
    await client.execute(`CREATE DATABASE \`${database}\``);
    await client.execute(`CREATE TABLE \`${database}\`.\`items\` (id INT PRIMARY KEY, label VARCHAR(20))`);
    await client.execute(`INSERT INTO \`${database}\`.\`items\` VALUES (?, ?), (?, ?)`, [1, 'a', 2, 'b']);
  });

  afterAll(async () => {
    await cleanUp([
      ...Object.values(names).map((name) => () => client.snapshots.drop(name, { ifExists: true })),
      () => client.execute(`DROP DATABASE IF EXISTS \`${database}\``),
      () => client.close(),
    ]);
  });

  it('creates a database snapshot and reads it back with its exact timestamp', async () => {
    const created = await client.snapshots.create({
      name: names.database,
      level: SnapshotLevel.Database,
      database,
    });
    expect(created).toMatchObject({ name: names.database, level: 'database', database, table: undefined });
    const [row] = await client.query<{ ts: string | number | bigint }>(
      'SELECT CAST(ts AS CHAR) AS ts FROM mo_catalog.mo_snapshots WHERE sname = ?',
      [names.database],
    );
    expect(created.timestamp.nanoseconds).toBe(BigInt(String(row?.ts)));
    expect(await client.snapshots.get(names.database)).toEqual(created);
    expect(await client.snapshots.exists(names.database)).toBe(true);
  });

  it('creates a table snapshot (FOR TABLE db tbl) and filters the list by level, database and table', async () => {
    await client.snapshots.create({ name: names.table, level: 'table', database, table: 'items' });
    const tables = await client.snapshots.list({ level: 'table', database, table: 'items' });
    expect(tables.map((s) => s.name)).toEqual([names.table]);
    const ofDatabase = await client.snapshots.list({ database });
    expect(ofDatabase.map((s) => s.name).sort()).toEqual([names.database, names.table].sort());
    const databaseLevel = await client.snapshots.list({ level: 'database', database });
    expect(databaseLevel.map((s) => s.name)).toEqual([names.database]);
  });

  it('handles awkward names: hyphen, mixed case (stored lower-case), unicode and a reserved word; refuses space and backtick', async () => {
    for (const name of [names.hyphen, names.mixedCase, names.unicode, names.keyword]) {
      const created = await client.snapshots.create({ name, level: 'database', database });
      expect(created.name).toBe(name.toLowerCase());
      expect(await client.snapshots.get(name)).toEqual(created);
      expect((await client.snapshots.list({ database })).map((snapshot) => snapshot.name)).toContain(
        name.toLowerCase(),
      );
      expect(await client.snapshots.exists(name)).toBe(true);
      await client.snapshots.drop(name);
      expect(await client.snapshots.exists(name)).toBe(false);
    }
    // The SDK lower-cases names itself; this one is sent in mixed case by hand, so the server does the lowering.
    await client.execute(`CREATE SNAPSHOT \`${names.sentMixedCase}\` FOR DATABASE \`${database}\``);
    expect((await client.snapshots.get(names.sentMixedCase.toLowerCase())).name).toBe(
      names.sentMixedCase.toLowerCase(),
    );
    await client.snapshots.drop(names.sentMixedCase);
    await expect(client.snapshots.create({ name: 'h4 space', level: 'account' })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    await expect(client.snapshots.create({ name: 'h4`tick', level: 'account' })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });

  it('keeps an existing snapshot with ifNotExists and reports a missing one as NotFoundError', async () => {
    const before = await client.snapshots.get(names.database);
    const again = await client.snapshots.create({
      name: names.database,
      level: 'database',
      database,
      ifNotExists: true,
    });
    expect(again.timestamp.equals(before.timestamp)).toBe(true);
    await expect(client.snapshots.get(`h4_missing_${suffix}`)).rejects.toBeInstanceOf(NotFoundError);
    await client.snapshots.drop(`h4_missing_${suffix}`, { ifExists: true });
  });

  it('refuses a snapshot inside a transaction without sending it, and takes it via afterCommit', async () => {
    const sent = await sqlSentDuring(client, () =>
      client.transaction(async (tx) => {
        await tx.execute(`INSERT INTO \`${database}\`.\`items\` VALUES (?, ?)`, [3, 'c']);
        await expect(tx.snapshots.create({ name: names.refused, level: 'account' })).rejects.toBeInstanceOf(
          TransactionRuleError,
        );
        tx.afterCommit(() =>
          client.snapshots.create({ name: names.afterCommit, level: 'database', database }),
        );
      }),
    );
    expect(sent.filter((sql) => /CREATE SNAPSHOT/i.test(sql))).toEqual([
      expect.stringContaining(`\`${names.afterCommit}\``),
    ]);
    expect(await client.snapshots.exists(names.refused)).toBe(false);
    const taken = await client.snapshots.get(names.afterCommit);
    expect(await client.timeTravel.count({ database, table: 'items' }, { snapshot: taken.name })).toBe(3);
  });

  it('drops snapshots', async () => {
    await client.snapshots.drop(names.table);
    expect(await client.snapshots.exists(names.table)).toBe(false);
  });
});
