/**
 * Live suite for `client.cdc` and `client.metadata` on a real MatrixOne 4.2 (MATRIXONE_URL, logged in as a `sys`
 * administrator). The CDC task replicates a table of this server to another database of the same server, as
 * the project's live recording did; its URIs use host MATRIXONE_CDC_HOST (default `127.0.0.1`, the server as seen
 * from itself) and the port and credentials of MATRIXONE_URL. MatrixOne refuses a CDC task unless a PITR of at
 * least 2 hours covers its source, so beforeAll creates one; no test relies on another's objects. Replication is
 * asynchronous (the recording saw the first rows after ~24 s): the CDC test polls with a deadline. Everything is
 * removed in afterAll, also after a failure.
 */
import { randomBytes } from 'node:crypto';
import {
  NotFoundError,
  PitrLevel,
  type PooledClient,
  SnapshotLevel,
  TransactionRuleError,
  createClient,
  isMatrixOneError,
} from '@matrixone/core';
import { testServer } from '@matrixone/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp } from './clean-up.js';

describe.skipIf(testServer().flavor !== 'matrixone')('CDC and table metadata on MatrixOne (live)', () => {
  const suffix = randomBytes(4).toString('hex');
  const source = `h8_cdc_src_${suffix}`;
  const sink = `h8_cdc_dst_${suffix}`;
  const task = `h8_cdc_${suffix}`;
  const pitr = `h8_pitr_${suffix}`;
  /** Replication deadline: the recording saw the initial rows in the sink after ~24 s. */
  const REPLICATION_DEADLINE_MS = 90_000;
  const snapshot = `h8_snap_${suffix}`;
  let client: PooledClient;

  /**
   * The login of MATRIXONE_URL as a CDC endpoint: `account#user` or `account:user` (a role part after a second
   * separator is dropped), or a plain `user` of account `sys` (MatrixOne's `GetTenantInfo`: no account part means `sys`).
   */
  function endpoint() {
    const url = new URL(testServer().url);
    const login = decodeURIComponent(url.username);
    const parts = login.split(/[#:]/);
    const [account, user] = parts.length >= 2 ? parts : ['sys', login];
    return {
      account: account ?? 'sys',
      user: user ?? login,
      password: decodeURIComponent(url.password),
      host: process.env.MATRIXONE_CDC_HOST ?? '127.0.0.1',
      port: Number(url.port || 6001),
    };
  }

  beforeAll(async () => {
    client = createClient(testServer().url);
    await client.execute(`CREATE DATABASE \`${source}\``);
    await client.execute(`CREATE DATABASE \`${sink}\``);
    await client.execute(
      `CREATE TABLE \`${source}\`.\`t1\` (id INT PRIMARY KEY, name VARCHAR(20), KEY idx_name (name))`,
    );
    await client.execute(`INSERT INTO \`${source}\`.\`t1\` VALUES (1, 'a'), (2, 'b')`);
    // CREATE CDC needs a PITR of at least 2 hours over its source (observed on MatrixOne 4.2.0).
    await client.pitr.create({
      name: pitr,
      level: PitrLevel.Database,
      database: source,
      range: { value: 2, unit: 'h' },
    });
  });

  afterAll(async () => {
    await cleanUp([
      () => client.cdc.drop(task, { ifExists: true }),
      () => client.pitr.drop(pitr, { ifExists: true }),
      () => client.snapshots.drop(snapshot, { ifExists: true }),
      () => client.execute(`DROP DATABASE IF EXISTS \`${source}\``),
      () => client.execute(`DROP DATABASE IF EXISTS \`${sink}\``),
      () => client.close(),
    ]);
  });

  it('reads table status, columns and indexes', async () => {
    const metadata = await client.metadata.table({ database: source, table: 't1' }, { exactRowCount: true });
    expect(metadata.exactRows).toBe(2);
    expect(metadata.columns.map((column) => column.name)).toEqual(['id', 'name']);
    expect(metadata.indexes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'PRIMARY', unique: true, columns: ['id'] }),
        expect.objectContaining({ name: 'idx_name', unique: false, columns: ['name'] }),
      ]),
    );
    await expect(client.metadata.table({ database: source, table: 'missing' })).rejects.toThrow(
      NotFoundError,
    );
  });

  it('lists persisted storage objects after a flush', async () => {
    await client.query(`SELECT mo_ctl('dn', 'flush', '${source}.t1')`);
    const objects = await client.metadata.objects({ database: source, table: 't1' });
    expect(objects.length).toBeGreaterThan(0);
    expect(objects.find((object) => object.column === 'id')?.rows).toBe(2);
  });

  it('finds the snapshots and PITRs that cover the table', async () => {
    await client.snapshots.create({
      name: snapshot,
      level: SnapshotLevel.Table,
      database: source,
      table: 't1',
    });
    const coverage = await client.metadata.coverage({ database: source, table: 't1' });
    expect(coverage.snapshots.map((item) => item.name)).toContain(snapshot);
    expect(coverage.pitrs.map((item) => item.name)).toContain(pitr);
  });

  it(
    'creates, lists, pauses and drops a CDC task, refused in a transaction',
    async () => {
      const created = await client.cdc.create({
        name: task,
        source: endpoint(),
        sinkType: 'matrixone',
        sink: endpoint(),
        mapping: {
          level: 'table',
          source: { database: source, table: 't1' },
          sink: { database: sink, table: 't1' },
        },
      });
      expect(created.name).toBe(task);
      expect((await client.cdc.list()).map((item) => item.name)).toContain(task);
      await client.transaction(async (tx) => {
        await expect(tx.cdc.pause(task)).rejects.toThrow(TransactionRuleError);
      });
      // The sink table appears with the first replicated rows: until then the SELECT fails with 1146.
      const deadline = Date.now() + REPLICATION_DEADLINE_MS;
      for (;;) {
        const rows = await client
          .query(`SELECT id FROM \`${sink}\`.\`t1\``)
          .catch((error: unknown) =>
            isMatrixOneError(error) && error.errno === 1146 ? [] : Promise.reject(error),
          );
        if (rows.length === 2 || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
      expect(await client.query(`SELECT id, name FROM \`${sink}\`.\`t1\` ORDER BY id`)).toEqual([
        { id: 1, name: 'a' },
        { id: 2, name: 'b' },
      ]);
      await client.cdc.pause(task);
      expect((await client.cdc.get(task)).state).toMatch(/paus/);
      await client.cdc.drop(task);
      await expect(client.cdc.get(task)).rejects.toThrow(NotFoundError);
    },
    REPLICATION_DEADLINE_MS + 60_000,
  );
});
