import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/errors/errors.js';
import {
  type CreateSnapshotOptions,
  createSnapshotStatement,
  dropSnapshotStatement,
  showSnapshotsStatement,
} from '../../../src/managers/snapshots/snapshot-statements.js';
import { findStep, loadRecordedCase } from '../../support/recorded-cases.js';
import { statementShape } from './recorded-statement.js';

const recorded = [
  ...loadRecordedCase('snapshot/snapshot'),
  ...loadRecordedCase('snapshot/snapshotRead'),
  ...loadRecordedCase('snapshot/sys_create_snapshot_for_sys_db_table_level'),
];
const recordedStatement = (sql: string): string =>
  findStep(recorded, (candidate) => statementShape(candidate) === statementShape(sql)).sql;

describe('createSnapshotStatement', () => {
  it.each<[CreateSnapshotOptions, string, string]>([
    [
      { name: 'snapshot_01', level: 'cluster' },
      'CREATE SNAPSHOT `snapshot_01` FOR CLUSTER',
      'create snapshot snapshot_01 for cluster;',
    ],
    [
      { name: 'sp01', level: 'account' },
      'CREATE SNAPSHOT `sp01` FOR ACCOUNT',
      'create snapshot sp01 for account;',
    ],
    [
      { name: 'snapshot_04', level: 'account', account: 'default_1' },
      'CREATE SNAPSHOT `snapshot_04` FOR ACCOUNT `default_1`',
      'create snapshot snapshot_04 for account default_1;',
    ],
    [
      { name: 'spsp02', level: 'database', database: 'db02' },
      'CREATE SNAPSHOT `spsp02` FOR DATABASE `db02`',
      'create snapshot spsp02 for database db02;',
    ],
    [
      { name: 'spsp03', level: 'table', database: 'db02', table: 'table01' },
      'CREATE SNAPSHOT `spsp03` FOR TABLE `db02` `table01`',
      'create snapshot spsp03 for table db02 table01;',
    ],
    [
      { name: 'SELECT', level: 'database', database: 'sp_test02' },
      'CREATE SNAPSHOT `select` FOR DATABASE `sp_test02`',
      'create snapshot `SELECT` for database sp_test02;',
    ],
  ])('builds %j as the recorded statement', (options, sql, recordedSql) => {
    expect(createSnapshotStatement(options)).toEqual({ sql });
    expect(statementShape(sql)).toBe(statementShape(recordedStatement(recordedSql)));
  });

  it('puts IF NOT EXISTS right after SNAPSHOT', () => {
    expect(createSnapshotStatement({ name: 'sp', level: 'account', ifNotExists: true }).sql).toBe(
      'CREATE SNAPSHOT IF NOT EXISTS `sp` FOR ACCOUNT',
    );
  });

  it('quotes awkward table names and lower-cases snapshot and account names', () => {
    expect(
      createSnapshotStatement({ name: 'Nightly-01', level: 'table', database: 'my_db', table: 'or`ders' })
        .sql,
    ).toBe('CREATE SNAPSHOT `nightly-01` FOR TABLE `my_db` `or``ders`');
    expect(createSnapshotStatement({ name: 'sp', level: 'account', account: 'ACC-1' }).sql).toBe(
      'CREATE SNAPSHOT `sp` FOR ACCOUNT `acc-1`',
    );
  });

  it.each<[string, unknown]>([
    ['a quote in the name', { name: "sp'; DROP DATABASE x; --", level: 'cluster' }],
    ['a backtick in the name', { name: 'sp`x', level: 'cluster' }],
    ['a space in the name', { name: 'sp 1', level: 'cluster' }],
    ['an empty name', { name: '', level: 'cluster' }],
    ['an unknown level', { name: 'sp', level: 'schema' }],
    ['an account name with a quote', { name: 'sp', level: 'account', account: "acc'" }],
    ['a database level without database', { name: 'sp', level: 'database' }],
    ['a table level without table', { name: 'sp', level: 'table', database: 'db' }],
    [
      'an account on a database snapshot (no FOR ACCOUNT … DATABASE form)',
      { name: 'sp', level: 'database', database: 'db', account: 'acc01' },
    ],
    ['a table on a database snapshot', { name: 'sp', level: 'database', database: 'db', table: 't' }],
    ['a database on a cluster snapshot', { name: 'sp', level: 'cluster', database: 'db' }],
  ])('refuses %s with InvalidInputError', (_label, options) => {
    expect(() => createSnapshotStatement(options as CreateSnapshotOptions)).toThrow(InvalidInputError);
  });
});

describe('dropSnapshotStatement', () => {
  it('builds the recorded DROP SNAPSHOT forms', () => {
    const plain = dropSnapshotStatement('snapshot_01');
    expect(plain).toEqual({ sql: 'DROP SNAPSHOT `snapshot_01`' });
    expect(statementShape(plain.sql)).toBe(statementShape(recordedStatement('DROP SNAPSHOT snapshot_01;')));
    const ifExists = dropSnapshotStatement('snapshot_09', { ifExists: true });
    expect(ifExists).toEqual({ sql: 'DROP SNAPSHOT IF EXISTS `snapshot_09`' });
    expect(statementShape(ifExists.sql)).toBe(
      statementShape(recordedStatement('drop snapshot if exists snapshot_09;')),
    );
  });

  it('refuses an injected name', () => {
    expect(() => dropSnapshotStatement('x` ; DROP DATABASE y')).toThrow(InvalidInputError);
  });
});

describe('showSnapshotsStatement', () => {
  it('builds plain SHOW SNAPSHOTS and each recorded WHERE filter', () => {
    expect(showSnapshotsStatement()).toEqual({ sql: 'SHOW SNAPSHOTS' });
    const byName = showSnapshotsStatement({ name: 'Snapshot_01' });
    expect(byName.sql).toBe("SHOW SNAPSHOTS WHERE SNAPSHOT_NAME = 'snapshot_01'");
    expect(statementShape(byName.sql)).toBe(
      statementShape(recordedStatement("show snapshots where SNAPSHOT_NAME = 'snapshot_01';")),
    );
    const byLevel = showSnapshotsStatement({ level: 'cluster' });
    expect(statementShape(byLevel.sql)).toBe(
      statementShape(recordedStatement("show snapshots where SNAPSHOT_LEVEL = 'cluster';")),
    );
    const byAccount = showSnapshotsStatement({ account: 'default_1' });
    expect(statementShape(byAccount.sql)).toBe(
      statementShape(recordedStatement("show snapshots where ACCOUNT_NAME = 'default_1';")),
    );
  });

  it('sends one recorded comparison at most: several filters are refused', () => {
    expect(() => showSnapshotsStatement({ level: 'account', account: 'acc01' } as never)).toThrow(
      InvalidInputError,
    );
    expect(() => showSnapshotsStatement({} as never)).toThrow(InvalidInputError);
  });

  it('refuses values that would break out of the literal', () => {
    expect(() => showSnapshotsStatement({ name: "x' OR '1'='1" })).toThrow(InvalidInputError);
    expect(() => showSnapshotsStatement({ account: "x' OR '1'='1" })).toThrow(InvalidInputError);
    expect(() => showSnapshotsStatement({ level: "cluster' OR '1'='1" as 'cluster' })).toThrow(
      InvalidInputError,
    );
  });
});
