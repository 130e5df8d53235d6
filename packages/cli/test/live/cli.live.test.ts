/**
 * Live suite for the built `matrixone` bin on a real MatrixOne 4.2 (MATRIXONE_URL, a `sys` administrator): snapshots,
 * clones, `clone run` (the command sees its clone; the clone is gone afterwards, also after SIGTERM), a restore,
 * PITRs and data branches, each through the CLI in a child process with `--json`, checked on the server through
 * the core client. No test relies on what another one did: the snapshot the clone and restore tests use is taken
 * in beforeAll through the core client (rows 1 and 2), the CLI's own snapshot create and drop use names of their
 * own, and checks compare with the state read right before. Every object is uniquely named and removed in
 * afterAll, also after a failure.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PooledClient, createClient } from '@matrixone/core';
import { testServer } from '@matrixone/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/exit-codes.js';
import { BIN, runBin } from '../run-bin.js';

describe.skipIf(testServer().flavor !== 'matrixone')('matrixone CLI on MatrixOne (live)', () => {
  const suffix = randomBytes(4).toString('hex');
  const database = `h11_cli_${suffix}`;
  /** Taken in beforeAll when `orders` holds rows 1 and 2. */
  const snapshot = `h11_cli_sp_${suffix}`;
  /** Created and listed through the CLI. */
  const cliSnapshot = `h11_cli_sp_new_${suffix}`;
  /** Dropped through the CLI. */
  const doomedSnapshot = `h11_cli_sp_drop_${suffix}`;
  const copy = `h11_cli_copy_${suffix}`;
  const runClone = `h11_cli_run_${suffix}`;
  const killedClone = `h11_cli_kill_${suffix}`;
  const pitr = `h11_cli_pitr_${suffix}`;
  const env = () => ({ MATRIXONE_URL: testServer().url });
  let client: PooledClient;
  let scratch = '';

  const json = async (args: readonly string[]) => {
    const run = await runBin(['--json', ...args], env());
    expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(0);
    return JSON.parse(run.stdout) as Record<string, unknown>;
  };
  const databases = async () =>
    (await client.query<{ Database: string }>('SHOW DATABASES')).map((row) => row.Database);
  const ids = async (db: string, table: string) =>
    (await client.query<{ id: number }>(`SELECT id FROM \`${db}\`.\`${table}\` ORDER BY id`)).map((row) =>
      Number(row.id),
    );

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'cli-live-'));
    client = createClient(testServer().url);
    await client.execute(`CREATE DATABASE \`${database}\``);
    await client.execute(`CREATE TABLE \`${database}\`.\`orders\` (id INT PRIMARY KEY, total INT)`);
    await client.execute(`INSERT INTO \`${database}\`.\`orders\` VALUES (1, 10), (2, 20)`);
    await client.snapshots.create({ name: snapshot, level: 'database', database });
    await client.execute(`INSERT INTO \`${database}\`.\`orders\` VALUES (3, 30)`);
  });

  afterAll(async () => {
    const steps = [
      ...[copy, runClone, killedClone, database].map(
        (db) => () => client.execute(`DROP DATABASE IF EXISTS \`${db}\``),
      ),
      ...[snapshot, cliSnapshot, doomedSnapshot].map(
        (name) => () => client.snapshots.drop(name, { ifExists: true }),
      ),
      () => client.pitr.drop(pitr, { ifExists: true }),
    ];
    const failures: unknown[] = [];
    for (const step of steps) await step().catch((error: unknown) => failures.push(error));
    await client.close();
    await rm(scratch, { recursive: true, force: true });
    if (failures.length > 0) throw new AggregateError(failures, 'CLI live-suite clean-up failed');
  });

  it('snapshot create --database prints the snapshot with its timestamp; ls lists it', async () => {
    const created = await json(['snapshot', 'create', cliSnapshot, '--database', database]);
    expect(created.snapshot).toMatchObject({ name: cliSnapshot, level: 'database', database, table: null });
    expect(String((created.snapshot as { timestamp: string }).timestamp)).toMatch(/^\d{4}-\d{2}-\d{2} /);
    expect(created.elapsedMs).toEqual(expect.any(Number));
    const listed = (await json(['snapshot', 'ls', '--database', database])).snapshots as { name: string }[];
    expect(listed.map((entry) => entry.name)).toContain(cliSnapshot);
  });

  it('clone db --snapshot makes a copy as of the snapshot', async () => {
    await json(['clone', 'db', copy, database, '--snapshot', snapshot]);
    expect(await ids(copy, 'orders')).toEqual([1, 2]);
  });

  it('clone table copies one table', async () => {
    const before = await ids(database, 'orders');
    await json(['clone', 'table', `${database}.orders_now`, `${database}.orders`]);
    expect(await ids(database, 'orders_now')).toEqual(before);
  });

  it("clone run gives the command its clone's URL and drops the clone afterwards", async () => {
    const run = await runBin(
      ['clone', 'run', database, '--name', runClone, '--', process.execPath, BIN, 'status', '--json'],
      env(),
    );
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ database: runClone, server: { flavor: 'matrixone' } });
    expect(run.stderr).toContain(`Dropping clone ${runClone}: done in`);
    expect(await databases()).not.toContain(runClone);
  });

  it("clone run passes the command's exit status through", async () => {
    const run = await runBin(
      ['clone', 'run', database, '--', process.execPath, '-e', 'process.exit(5)'],
      env(),
    );
    expect(run.status).toBe(5);
  });

  it('clone run drops the clone when it is stopped with SIGTERM while the command runs', async () => {
    const started = join(scratch, 'started');
    const child = spawn(
      process.execPath,
      [
        BIN,
        'clone',
        'run',
        database,
        '--name',
        killedClone,
        '--',
        process.execPath,
        '-e',
        `require('fs').writeFileSync(${JSON.stringify(started)}, ''); setTimeout(() => {}, 120000)`,
      ],
      { env: { PATH: process.env.PATH ?? '', ...env() }, stdio: 'ignore' },
    );
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const deadline = Date.now() + 120_000;
    while (!existsSync(started) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await databases()).toContain(killedClone);
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(await databases()).not.toContain(killedClone);
  });

  it('restore db --yes puts the database back as of the snapshot', async () => {
    const restored = await json(['--yes', 'restore', 'db', database, '--snapshot', snapshot]);
    expect(restored.restored).toMatchObject({ level: 'database', database, snapshot });
    expect(await ids(database, 'orders')).toEqual([1, 2]);
  });

  it('restore without --yes and without a terminal changes nothing (exit 2)', async () => {
    await client.execute(`INSERT INTO \`${database}\`.\`orders\` VALUES (4, 40)`);
    const before = await ids(database, 'orders');
    const run = await runBin(['restore', 'db', database, '--snapshot', snapshot], env());
    expect(run.status).toBe(ExitCode.Usage);
    expect(await ids(database, 'orders')).toEqual(before);
    expect(before).toContain(4);
  });

  it('pitr create, ls and drop', async () => {
    const created = await json(['pitr', 'create', pitr, '--database', database, '--range', '1d']);
    expect(created.pitr).toMatchObject({ name: pitr, level: 'database', database, range: '1d' });
    const listed = (await json(['pitr', 'ls'])).pitrs as { name: string }[];
    expect(listed.map((entry) => entry.name)).toContain(pitr);
    await json(['--yes', 'pitr', 'drop', pitr]);
    expect((await client.pitr.list()).map((entry) => entry.name)).not.toContain(pitr);
  });

  it('branch create table, diff (rows and --summary) and merge --yes', async () => {
    await json(['branch', 'create', 'table', `${database}.orders_dev`, '--from', `${database}.orders`]);
    await client.execute(`INSERT INTO \`${database}\`.\`orders_dev\` VALUES (9, 90)`);
    const diff = (await json(['branch', 'diff', `${database}.orders_dev`, `${database}.orders`])).diff as {
      rows: { flag: string; values: { id: unknown } }[];
    };
    expect(diff.rows.map((row) => [row.flag, Number(row.values.id)])).toEqual([['INSERT', 9]]);
    const summary = (
      await json(['branch', 'diff', `${database}.orders_dev`, `${database}.orders`, '--summary'])
    ).summary as { target: { inserted: number }; base: { inserted: number } };
    expect(summary.target.inserted + summary.base.inserted).toBe(1);
    await json(['--yes', 'branch', 'merge', `${database}.orders_dev`, `${database}.orders`]);
    expect(await ids(database, 'orders')).toContain(9);
  });

  it('snapshot drop --yes removes it; dropping it again is "not found"-free with --if-exists', async () => {
    await client.snapshots.create({ name: doomedSnapshot, level: 'database', database });
    await json(['--yes', 'snapshot', 'drop', doomedSnapshot]);
    expect(await client.snapshots.exists(doomedSnapshot)).toBe(false);
    await json(['--yes', 'snapshot', 'drop', doomedSnapshot, '--if-exists']);
  });
});
