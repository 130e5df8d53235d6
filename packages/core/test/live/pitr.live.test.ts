/**
 * Live suite for `client.pitr` on a real MatrixOne (MATRIXONE_URL, logged in as a `sys` administrator).
 * Every object is uniquely named and removed in afterAll.
 */
import { randomBytes } from 'node:crypto';
import {
  InvalidInputError,
  NotFoundError,
  PitrLevel,
  PitrUnit,
  type PooledClient,
  TransactionRuleError,
  createClient,
  isMatrixOneError,
} from '@matrixone/core';
import { testServer } from '@matrixone/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp } from './clean-up.js';

const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** `YYYY-MM-DD HH:MM:SS` wall-clock text one second later (plain calendar arithmetic, no time zone). */
function oneSecondAfter(wallClock: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(wallClock);
  if (match === null) throw new Error(`not a second-precision datetime: ${wallClock}`);
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const next = new Date(
    Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0, (second ?? 0) + 1),
  );
  return next.toISOString().slice(0, 19).replace('T', ' ');
}

describe.skipIf(testServer().flavor !== 'matrixone')('PITR on MatrixOne (live)', () => {
  const suffix = randomBytes(4).toString('hex');
  const database = `h3_pitr_${suffix}`;
  const otherDatabase = `h3_pitr_other_${suffix}`;
  const names = {
    table: `h3_tbl_pitr_${suffix}`,
    secondOnTable: `h3_tbl_pitr_${suffix}_2`,
    database: `H3_Db_Pitr_${suffix}`,
  };
  let client: PooledClient;

  async function labels(): Promise<string[]> {
    const rows = await client.query<{ label: string }>(
      `SELECT label FROM \`${database}\`.\`items\` ORDER BY id`,
    );
    return rows.map((row) => row.label);
  }

  beforeAll(async () => {
    client = createClient(testServer().url);
    await client.execute(`CREATE DATABASE \`${database}\``);
    await client.execute(`CREATE DATABASE \`${otherDatabase}\``);
    await client.execute(`CREATE TABLE \`${database}\`.\`items\` (id INT PRIMARY KEY, label VARCHAR(20))`);
    await client.execute(`INSERT INTO \`${database}\`.\`items\` VALUES (?, ?), (?, ?), (?, ?)`, [
      1,
      'a',
      2,
      'b',
      3,
      'c',
    ]);
  });

  afterAll(async () => {
    await cleanUp([
      ...Object.values(names).map((name) => () => client.pitr.drop(name, { ifExists: true })),
      () => client.execute(`DROP DATABASE IF EXISTS \`${database}\``),
      () => client.execute(`DROP DATABASE IF EXISTS \`${otherDatabase}\``),
      () => client.close(),
    ]);
  });

  it('creates a table PITR, lists, gets and alters it', async () => {
    const created = await client.pitr.create({
      name: names.table,
      level: PitrLevel.Table,
      database,
      table: 'items',
      range: { value: 1, unit: PitrUnit.Hour },
    });
    expect(created).toMatchObject({
      name: names.table,
      level: 'table',
      account: 'sys',
      database,
      table: 'items',
      range: { value: 1, unit: 'h' },
    });
    expect(created.createdTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect((await client.pitr.list()).map((pitr) => pitr.name)).toContain(names.table);
    expect(await client.pitr.get(names.table.toUpperCase())).toEqual(created);

    await client.pitr.alter({ name: names.table, range: { value: 2, unit: 'd' } });
    const altered = await client.pitr.get(names.table);
    expect(altered.range).toEqual({ value: 2, unit: 'd' });
    expect(altered.createdTime).toBe(created.createdTime);
  });

  it('refuses a second PITR on the same table, with the server message kept', async () => {
    const error = await client.pitr
      .create({
        name: names.secondOnTable,
        level: 'table',
        database,
        table: 'items',
        range: { value: 1, unit: 'h' },
      })
      .catch((caught: unknown) => caught);
    expect(isMatrixOneError(error) && error.serverMessage).toContain('already has a pitr');
  });

  it('restores the table to a time before a delete (plain and RESTORE ACCOUNT … DATABASE … TABLE forms)', async () => {
    // A moment after the PITR exists, read in the server's own clock: ALTER PITR stamps MODIFIED_TIME with
    // "now", printed in the session time zone, which is the CN's local zone (the zone RESTORE … FROM PITR
    // reads its time in) as long as neither the session nor the server's global time_zone was changed.
    // MODIFIED_TIME is truncated to the second, so one second is added: the restore point then lies after the
    // ALTER whatever the server counts the PITR's valid time from, and before the DELETE (2.1 s later).
    await pause(1_100);
    await client.pitr.alter({ name: names.table, range: { value: 3, unit: 'd' } });
    const at = oneSecondAfter((await client.pitr.get(names.table)).modifiedTime);
    await pause(2_100);

    await client.execute(`DELETE FROM \`${database}\`.\`items\` WHERE id > ?`, [1]);
    expect(await labels()).toEqual(['a']);
    await client.pitr.restore({ pitr: names.table, at, level: 'table', database, table: 'items' });
    expect(await labels()).toEqual(['a', 'b', 'c']);

    await client.execute(`DELETE FROM \`${database}\`.\`items\``);
    expect(await labels()).toEqual([]);
    await client.pitr.restore({
      pitr: names.table,
      at,
      level: 'table',
      account: 'sys',
      database,
      table: 'items',
    });
    expect(await labels()).toEqual(['a', 'b', 'c']);
  });

  it('creates a database PITR under a mixed-case name (stored lower-case) and drops it', async () => {
    const created = await client.pitr.create({
      name: names.database,
      level: 'database',
      database: otherDatabase,
      range: { value: 1, unit: 'mo' },
    });
    expect(created).toMatchObject({
      name: names.database.toLowerCase(),
      level: 'database',
      database: otherDatabase,
      table: undefined,
    });
    await client.pitr.drop(names.database);
    await expect(client.pitr.get(names.database)).rejects.toBeInstanceOf(NotFoundError);
    await client.pitr.drop(names.database, { ifExists: true });
  });

  it('refuses invalid ranges and names before sending anything', async () => {
    await expect(
      client.pitr.create({ name: `h3_bad_${suffix}`, level: 'account', range: { value: 101, unit: 'd' } }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(
      client.pitr.create({ name: 'h3 space', level: 'account', range: { value: 1, unit: 'h' } }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect((await client.pitr.list()).map((pitr) => pitr.name)).not.toContain(`h3_bad_${suffix}`);
  });

  it('refuses PITR statements inside a transaction before any SQL, and runs them after commit', async () => {
    const seen: string[] = [];
    const listener = (event: { sql: string }) => seen.push(event.sql);
    client.on('query', listener);
    let listedAfterCommit: string[] = [];
    let pitrStatementsInTransaction: string[] = [];
    const refused = await client
      .transaction(async (tx) => {
        const error = await tx.pitr.list().catch((caught: unknown) => caught);
        pitrStatementsInTransaction = seen.filter((sql) => /pitr/i.test(sql));
        tx.afterCommit(async () => {
          listedAfterCommit = (await client.pitr.list()).map((pitr) => pitr.name);
        });
        return error;
      })
      .finally(() => client.off('query', listener));
    expect(refused).toBeInstanceOf(TransactionRuleError);
    expect(pitrStatementsInTransaction).toEqual([]);
    expect(seen.some((sql) => /^SHOW PITR$/i.test(sql))).toBe(true);
    expect(listedAfterCommit).toContain(names.table);
  });
});
