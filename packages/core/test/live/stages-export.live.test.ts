/**
 * Live suite for `client.stages` and `client.exports` on a real MatrixOne 4.2 (MATRIXONE_URL, logged in as a `sys`
 * administrator), as the project's live recordings of stages and exports show them. The stage points at a fresh
 * folder under MATRIXONE_SERVER_DIR (a directory on the **server host** the suite may write into; default `/tmp`).
 * The suite does not create that folder: MatrixOne wrote exports into subfolders of a stage that did not exist
 * before (`sub/child.csv`, `dis/x.csv` in the recording), and the suite assumes the same of the stage's own folder
 * (unverified: the recording's stage folder existed already). The stage the export tests share is created in
 * beforeAll; the create/alter test uses stages of its own. Stages, files and the database are removed in afterAll
 * (the emptied folder stays on the server host: no statement removes a directory).
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import {
  AlreadyExistsError,
  NotFoundError,
  type PooledClient,
  TransactionRuleError,
  createClient,
} from '@matrixone/core';
import { testServer } from '@matrixone/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp } from './clean-up.js';
import { sqlSentDuring } from './sql-sent.js';

describe.skipIf(testServer().flavor !== 'matrixone')('stages and exports on MatrixOne (live)', () => {
  const suffix = randomBytes(4).toString('hex');
  const database = `h8_stage_${suffix}`;
  const stage = `h8_stage_${suffix}`;
  const child = `h8_stage_child_${suffix}`;
  /** Created, read and altered by the first test only. */
  const own = `h8_stage_own_${suffix}`;
  const folder = `${process.env.MATRIXONE_SERVER_DIR ?? '/tmp'}/h8_stage_${suffix}/`;
  let client: PooledClient;

  beforeAll(async () => {
    client = createClient(testServer().url);
    await client.execute(`CREATE DATABASE \`${database}\``);
    await client.execute(
      `CREATE TABLE \`${database}\`.\`exp\` (id INT PRIMARY KEY, name VARCHAR(30), price DECIMAL(10,2), note TEXT)`,
    );
    await client.execute(`CREATE TABLE \`${database}\`.\`imp\` LIKE \`${database}\`.\`exp\``);
    await client.execute(
      `INSERT INTO \`${database}\`.\`exp\` VALUES (1, 'plain', 9.99, NULL), (2, 'comma, inside', 0.50, 'say "hi"'), (3, 'tab\there', 100.00, 'line1\nline2')`,
    );
    await client.stages.create({ name: stage, url: `file://${folder}` });
  });

  afterAll(async () => {
    await cleanUp([
      () => client.stages.removeFiles(stage, '*', { ifExists: true }),
      () => client.stages.drop(child, { ifExists: true }),
      () => client.stages.drop(own, { ifExists: true }),
      () => client.stages.drop(stage, { ifExists: true }),
      () => client.execute(`DROP DATABASE IF EXISTS \`${database}\``),
      () => client.close(),
    ]);
  });

  it('creates, gets, lists and alters a stage', async () => {
    const url = `file://${folder}own/`;
    const created = await client.stages.create({ name: own, url, comment: 'sdk live' });
    expect(created).toEqual({ name: own, url, status: 'in_use', comment: 'sdk live' });
    await client.stages.create({ name: child, url: `stage://${own}/sub/` });
    expect((await client.stages.list({ like: `h8_stage%${suffix}` })).map((s) => s.name).sort()).toEqual(
      [child, own, stage].sort(),
    );
    await client.stages.alter(own, { enabled: false });
    expect((await client.stages.get(own)).status).toBe('disabled');
    await client.stages.alter(own, { enabled: true });
    expect((await client.stages.get(own)).status).toBe('enabled');
    await expect(client.stages.get(`h8_missing_${suffix}`)).rejects.toThrow(NotFoundError);
  });

  it('refuses stage statements inside a transaction with no SQL sent', async () => {
    await client.transaction(async (tx) => {
      const sent = await sqlSentDuring(client, () =>
        expect(tx.stages.create({ name: `h8_tx_${suffix}`, url: `file://${folder}tx/` })).rejects.toThrow(
          TransactionRuleError,
        ),
      );
      expect(sent).toEqual([]);
    });
  });

  it('exports to a stage file, lists it, loads it back unchanged, and never overwrites it', async () => {
    await client.exports.toFile(`SELECT * FROM \`${database}\`.\`exp\` ORDER BY id`, {
      stage,
      file: 'out.csv',
    });
    expect((await client.stages.listFiles(stage, '*.csv')).some((path) => path.endsWith('/out.csv'))).toBe(
      true,
    );
    const loaded = await client.loading.load(
      { database, table: 'imp' },
      { stage, file: 'out.csv' },
      { enclosedBy: '"', ignoreLines: 1 },
    );
    expect(loaded.rowsLoaded).toBe(3);
    expect(await client.query(`SELECT * FROM \`${database}\`.\`imp\` ORDER BY id`)).toEqual(
      await client.query(`SELECT * FROM \`${database}\`.\`exp\` ORDER BY id`),
    );
    let again: unknown;
    const sent = await sqlSentDuring(client, () =>
      client.exports
        .toFile({ table: { database, table: 'exp' } }, { stage, file: 'out.csv' })
        .catch((error: unknown) => {
          again = error;
        }),
    );
    expect(again).toBeInstanceOf(AlreadyExistsError);
    expect(sent.some((sql) => sql.includes('INTO OUTFILE'))).toBe(false);
  });

  it('exports JSON lines and CSV with options, then removes files by glob', async () => {
    await client.exports.toFile(
      { table: { database, table: 'exp' } },
      { stage, file: 'out.jsonl' },
      { format: 'jsonline' },
    );
    await client.exports.toFile(
      `SELECT id, name FROM \`${database}\`.\`exp\` ORDER BY id`,
      { stage, file: 'pipe.csv' },
      { fieldsTerminatedBy: '|', linesTerminatedBy: '\r\n', header: false },
    );
    const [content] = await client.query<{ content: string }>(
      `SELECT load_file(CAST('stage://${stage}/pipe.csv' AS DATALINK)) AS content`,
    );
    expect(String(content?.content)).toBe('1|"plain"\r\n2|"comma, inside"\r\n3|"tab\there"\r\n');
    await client.stages.removeFiles(stage, 'pipe.*');
    expect((await client.stages.listFiles(stage, 'pipe.*')).length).toBe(0);
    await client.stages.removeFiles(stage, 'nomatch_*.csv', { ifExists: true });
  });

  it('refuses exports.toFile inside a transaction (the file would survive a rollback)', async () => {
    await client.transaction(async (tx) => {
      await expect(tx.exports.toFile('SELECT 1', { stage, file: 'in_tx.csv' })).rejects.toThrow(
        TransactionRuleError,
      );
    });
  });

  it('streams the same rows to a Writable as the server writes them', async () => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    });
    const result = await client.exports.toWritable(
      `SELECT id, name, note FROM \`${database}\`.\`exp\` ORDER BY id`,
      sink,
    );
    expect(result.rows).toBe(3);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(
      'id,name,note\n1,"plain",\\N\n2,"comma, inside","say ""hi"""\n3,"tab\there","line1\nline2"\n',
    );
  });
});
