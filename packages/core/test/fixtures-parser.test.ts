import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  RECORDED_CASES_DIR,
  findStep,
  findSteps,
  loadRecordedCase,
  normalizeSql,
  parseRecordedCase,
  recordedRows,
} from './support/recorded-cases.js';

/**
 * SHA-256 of every fixture file as copied from MatrixOne's cases (`sha256sum` format, in the fixtures folder): the
 * project's own record that its copies are unchanged, so the test needs nothing outside the repository.
 */
function recordedChecksums(): Map<string, string> {
  const lines = readFileSync(join(RECORDED_CASES_DIR, 'SHA256SUMS'), 'utf8').trim().split('\n');
  return new Map(
    lines.map((line) => {
      const [hash = '', file = ''] = line.split(/ +/);
      return [file, hash];
    }),
  );
}

function caseNames(): string[] {
  return readdirSync(RECORDED_CASES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((folder) =>
      readdirSync(join(RECORDED_CASES_DIR, folder.name))
        .filter((file) => file.endsWith('.sql'))
        .map((file) => `${folder.name}/${file.slice(0, -'.sql'.length)}`),
    )
    .sort();
}

describe('recorded case fixtures', () => {
  it('holds the recorded pairs unchanged since they were copied', () => {
    const names = caseNames();
    expect(names).toHaveLength(26);
    const checksums = recordedChecksums();
    const files = names.flatMap((name) => [`${name}.sql`, `${name}.result`]);
    expect([...checksums.keys()].sort()).toEqual([...files].sort());
    for (const file of files) {
      const hash = createHash('sha256')
        .update(readFileSync(join(RECORDED_CASES_DIR, file)))
        .digest('hex');
      expect(hash, file).toBe(checksums.get(file));
    }
  });

  it('parses every pair, each result set as wide as its header', () => {
    for (const name of caseNames()) {
      const steps = loadRecordedCase(name);
      expect(steps.length, name).toBeGreaterThan(0);
      for (const step of steps) {
        if (step.outcome.kind !== 'rows') continue;
        for (const row of step.outcome.rows)
          expect(row, `${name} line ${step.line}`).toHaveLength(step.outcome.columns.length);
      }
    }
  });
});

describe('plain layout (snapshot/snapshot)', () => {
  const steps = loadRecordedCase('snapshot/snapshot');

  it('reads SHOW SNAPSHOTS with upper-case headers, trailing empty values and the @ignore tag', () => {
    const step = findStep(steps, (sql) => sql === 'show snapshots;');
    expect(step.outcome).toMatchObject({
      kind: 'rows',
      columns: [
        'SNAPSHOT_NAME',
        'TIMESTAMP',
        'SNAPSHOT_LEVEL',
        'ACCOUNT_NAME',
        'DATABASE_NAME',
        'TABLE_NAME',
      ],
    });
    expect(recordedRows(step)).toEqual([
      expect.objectContaining({
        SNAPSHOT_NAME: 'snapshot_04',
        SNAPSHOT_LEVEL: 'account',
        ACCOUNT_NAME: 'default_1',
      }),
      expect.objectContaining({ SNAPSHOT_NAME: 'snapshot_03' }),
      expect.objectContaining({ SNAPSHOT_NAME: 'snapshot_02' }),
      {
        SNAPSHOT_NAME: 'snapshot_01',
        TIMESTAMP: '2025-07-19 05:51:09.380366',
        SNAPSHOT_LEVEL: 'cluster',
        ACCOUNT_NAME: '',
        DATABASE_NAME: '',
        TABLE_NAME: '',
      },
    ]);
    expect(step.ignoredColumns).toEqual([1]);
    expect(step.session).toEqual({ id: 0 });
  });

  it('keeps the lower-case headers SHOW SNAPSHOTS prints with WHERE', () => {
    const step = findStep(steps, (sql) =>
      sql.startsWith("show snapshots where SNAPSHOT_NAME = 'snapshot_01'"),
    );
    expect(step.outcome.kind === 'rows' && step.outcome.columns[0]).toBe('snapshot_name');
    expect(recordedRows(step)).toHaveLength(1);
  });

  it('reads error lines and statements that print nothing', () => {
    expect(findStep(steps, (sql) => sql.startsWith('create snapshot snapshot_08')).outcome).toEqual({
      kind: 'error',
      message: 'internal error: account default_1 does not exist',
    });
    expect(findStep(steps, (sql) => sql === 'create snapshot snapshot_01 for cluster;').outcome).toEqual({
      kind: 'ok',
    });
    const empty = findSteps(steps, (sql) => sql === 'show snapshots;').at(-1);
    expect(empty?.outcome).toMatchObject({ kind: 'rows', rows: [] });
  });

  it('attributes statements to the session tag they run under', () => {
    expect(findStep(steps, (sql) => sql.startsWith('create snapshot snapshot_05')).session).toEqual({
      id: 1,
      user: 'default_1:admin',
      password: '111111',
    });
    expect(findStep(steps, (sql) => sql.startsWith('create snapshot snapshot_14')).session).toEqual({
      id: 4,
      user: 'default_1:efg',
      password: '111',
    });
    expect(
      findSteps(steps, (sql) => sql === 'drop account default_1;').map((step) => step.session.id),
    ).toEqual([0, 0]);
  });
});

describe('typed layout (publication_subscription/pub_sub3)', () => {
  const steps = loadRecordedCase('publication_subscription/pub_sub3');

  it('reads names, JDBC types and values of SHOW PUBLICATIONS, empty values included', () => {
    const step = findStep(steps, (sql) => sql === 'show publications;');
    if (step.outcome.kind !== 'rows') throw new Error('expected rows');
    expect(step.outcome.columns).toEqual([
      'publication',
      'database',
      'tables',
      'sub_account',
      'subscribed_accounts',
      'create_time',
      'update_time',
      'comments',
    ]);
    expect(step.outcome.columnTypes?.[0]).toEqual({ type: 12, precision: 0, scale: 0 });
    expect(step.outcome.columnTypes?.[5]).toEqual({ type: 93, precision: 0, scale: 0 });
    expect(step.outcome.rows).toEqual([
      ['$$$', 'db01', '*', '*', '', '2026-08-13 22:17:04', 'null', ''],
      ['account', 'db01', 'table01,table02', 'acc01', '', '2026-08-13 22:17:04', 'null', ''],
      ['add', 'db01', '*', '*', '', '2026-08-13 22:17:04', 'null', ''],
    ]);
  });

  it('keeps a multi-line statement whole', () => {
    const step = findStep(steps, (sql) => sql.startsWith('select * from mo_catalog.mo_subs'));
    expect(step.sql).toBe('select * from mo_catalog.mo_subs\norder by sub_account_name, pub_name;');
    expect(recordedRows(step).map((row) => row.sub_name)).toEqual(['sub02', 'null', 'null', 'null']);
    expect(step.outcome.kind === 'rows' && step.outcome.columnTypes?.[1]).toEqual({
      type: 12,
      precision: 225,
      scale: 0,
    });
  });
});

describe('other recordings', () => {
  it('tells a one-line error from a header-only result set (snapshot/snapshotRead)', () => {
    const steps = loadRecordedCase('snapshot/snapshotRead');
    const noDatabase = steps.find((step) => step.line === 166);
    expect(noDatabase?.outcome).toEqual({ kind: 'error', message: 'No database selected' });
    const emptyShow = findStep(steps, (sql) => sql === 'show snapshots;');
    expect(emptyShow.outcome).toMatchObject({
      kind: 'rows',
      columns: expect.arrayContaining(['SNAPSHOT_NAME']),
    });
  });

  it('restores trailing empty values that a recording stripped (snapshot/snapshotRead)', () => {
    const steps = loadRecordedCase('snapshot/snapshotRead');
    const step = findStep(steps, (sql) => sql === "show snapshots where SNAPSHOT_NAME = 'sp01';");
    expect(recordedRows(step)).toEqual([
      {
        snapshot_name: 'sp01',
        timestamp: '2025-11-24 14:02:05.608340999',
        snapshot_level: 'account',
        account_name: 'sys',
        database_name: '',
        table_name: '',
      },
    ]);
  });

  it('reads SHOW PITR rows with `*` placeholders and the refusal of a duplicate account PITR (pitr/pitr_basic)', () => {
    const steps = loadRecordedCase('pitr/pitr_basic');
    expect(findStep(steps, (sql) => sql === "create pitr pitr02 for account range 1 'd';").outcome).toEqual({
      kind: 'error',
      message: 'internal error: account `sys` already has a pitr',
    });
    const show = findSteps(steps, (sql) => sql === 'show pitr;')[1];
    expect(show && recordedRows(show)).toEqual([
      expect.objectContaining({
        PITR_NAME: 'pitr01',
        PITR_LEVEL: 'account',
        ACCOUNT_NAME: 'sys',
        DATABASE_NAME: '*',
      }),
      expect.objectContaining({
        PITR_NAME: 'pitr05',
        PITR_LEVEL: 'cluster',
        ACCOUNT_NAME: '*',
        PITR_UNIT: 'h',
      }),
    ]);
  });

  it('skips the repeated @regex lines and reads the error after them (branch/branch_unhappy_path)', () => {
    const steps = loadRecordedCase('branch/branch_unhappy_path');
    expect(findStep(steps, (sql) => sql.startsWith('data branch create table v_branch')).outcome).toEqual({
      kind: 'error',
      message: 'internal error: br_unhappy.v_base is not BASE TABLE',
    });
    expect(findStep(steps, (sql) => sql === 'data branch diff br against base;').outcome).toEqual({
      kind: 'rows',
      columns: ['diff br against base', 'flag', 'a', 'b', 'c'],
      rows: [],
    });
  });

  it('reads `-- @session:id=1{` blocks as a second connection of the default user (transactions/transaction_enhance)', () => {
    const steps = loadRecordedCase('transactions/transaction_enhance');
    const sessions = new Set(steps.map((step) => JSON.stringify(step.session)));
    expect(sessions).toEqual(new Set([JSON.stringify({ id: 0 }), JSON.stringify({ id: 1 })]));
  });
});

describe('parseRecordedCase', () => {
  it('ends statements only at a semicolon outside quotes and splits tab-separated results', () => {
    const script =
      "select 'a;\nb' as x, 1 as y;\n-- @session:id=2&user=acc:u:r&password = p\nselect 2;\n-- @session\n";
    const result = "select 'a;\nb' as x, 1 as y;\nx\ty\na;b\t1\nselect 2;\n2\n2\n";
    const steps = parseRecordedCase(script, result);
    expect(steps.map((step) => step.sql)).toEqual(["select 'a;\nb' as x, 1 as y;", 'select 2;']);
    expect(steps[0]?.outcome).toEqual({ kind: 'rows', columns: ['x', 'y'], rows: [['a;b', '1']] });
    expect(steps[1]?.session).toEqual({ id: 2, user: 'acc:u:r', password: 'p' });
  });

  it('joins a typed value that spans lines', () => {
    const steps = parseRecordedCase(
      'show create table t;\n',
      'show create table t;\n➤ Table[12,-1,0]  ¦  Create Table[12,-1,0]  𝄀\nt  ¦  CREATE TABLE t (\na int\n)\n',
    );
    expect(steps[0]?.outcome).toMatchObject({ kind: 'rows', rows: [['t', 'CREATE TABLE t (\na int\n)']] });
  });

  it('refuses a result that does not repeat the script', () => {
    expect(() =>
      parseRecordedCase('select 1;\nselect 2;\n', 'select 1;\n1\n1\nselect 3;\n', 'broken'),
    ).toThrow(/broken: .result line \d+ should repeat the statement at .sql line 2/);
  });

  it('findStep throws when nothing matches; normalizeSql ignores case, spacing and the semicolon', () => {
    expect(() => findStep([], () => true)).toThrow(/no recorded statement/);
    expect(normalizeSql("CREATE  PITR p\n FOR ACCOUNT range 1 'h';")).toBe(
      "create pitr p for account range 1 'h'",
    );
  });
});
