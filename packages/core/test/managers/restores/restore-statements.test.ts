import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/errors/errors.js';
import {
  type RestoreTableTarget,
  restoreAccountStatement,
  restoreClusterStatement,
  restoreDatabaseStatement,
  restoreTableStatement,
} from '../../../src/managers/restores/restore-statements.js';
import { findStep, loadRecordedCase } from '../../support/recorded-cases.js';
import { statementShape } from '../snapshots/recorded-statement.js';

const recorded = [
  ...loadRecordedCase('snapshot/snapshot'),
  ...loadRecordedCase('snapshot/snapshot_restore_keyword'),
  ...loadRecordedCase('snapshot/snapshot_database_level_restore'),
  ...loadRecordedCase('snapshot/sys_create_snapshot_for_sys_db_table_level'),
];
const expectRecorded = (sql: string, recordedSql: string): void => {
  const step = findStep(recorded, (candidate) => candidate.trim() === recordedSql);
  expect(statementShape(sql)).toBe(statementShape(step.sql));
};

describe('restore statements', () => {
  it('builds RESTORE CLUSTER with the snapshot in braces', () => {
    expect(restoreClusterStatement('cluster_level_snapshot')).toEqual({
      sql: "RESTORE CLUSTER{SNAPSHOT = 'cluster_level_snapshot'}",
    });
  });

  it('builds the recorded account restores, with and without TO ACCOUNT', () => {
    const own = restoreAccountStatement('sys', { snapshot: 'sp01' });
    expect(own).toEqual({ sql: "RESTORE ACCOUNT `sys`{SNAPSHOT = 'sp01'}" });
    expectRecorded(own.sql, 'restore account sys{snapshot="sp01"};');
    expectRecorded(
      restoreAccountStatement('sys', { snapshot: 'binary' }).sql,
      'restore account sys{snapshot=`binary`};',
    );
    const other = restoreAccountStatement('01929da4-89af-7ed8-8f32-8df9ed5ddd71', {
      snapshot: 'metadb202411181350',
      toAccount: '0192fbbb-bfb0-7d54-a2fe-b7fd26dbdb14',
    });
    expect(other.sql).toBe(
      "RESTORE ACCOUNT `01929da4-89af-7ed8-8f32-8df9ed5ddd71`{SNAPSHOT = 'metadb202411181350'} TO ACCOUNT `0192fbbb-bfb0-7d54-a2fe-b7fd26dbdb14`",
    );
    expectRecorded(
      other.sql,
      'restore account `01929da4-89af-7ed8-8f32-8df9ed5ddd71`{snapshot=metadb202411181350} to account `0192fbbb-bfb0-7d54-a2fe-b7fd26dbdb14`;',
    );
  });

  it('builds the recorded database restores, lower-casing the snapshot name as the server does', () => {
    const statement = restoreDatabaseStatement('sp_Test03', { snapshot: 'SP01' });
    expect(statement).toEqual({ sql: "RESTORE DATABASE `sp_Test03`{SNAPSHOT = 'sp01'}" });
    expectRecorded(statement.sql, 'restore database sp_Test03{snapshot="SP01"};');
    expectRecorded(
      restoreDatabaseStatement('db06', { snapshot: 'spsp06' }).sql,
      'restore database db06{snapshot="spsp06"};',
    );
  });

  it('builds the recorded table restores with a dotted name', () => {
    const statement = restoreTableStatement(
      { database: 'sp_test01', table: 'partition01' },
      { snapshot: 'spsp02' },
    );
    expect(statement).toEqual({ sql: "RESTORE TABLE `sp_test01`.`partition01`{SNAPSHOT = 'spsp02'}" });
    expectRecorded(statement.sql, 'restore table sp_test01.partition01{snapshot="spsp02"};');
  });

  it('adds TO ACCOUNT to database and table restores as the grammar allows', () => {
    expect(restoreDatabaseStatement('db1', { snapshot: 'sp', toAccount: 'Acc2' }).sql).toBe(
      "RESTORE DATABASE `db1`{SNAPSHOT = 'sp'} TO ACCOUNT `acc2`",
    );
    expect(
      restoreTableStatement({ database: 'db1', table: 't' }, { snapshot: 'sp', toAccount: 'acc2' }).sql,
    ).toBe("RESTORE TABLE `db1`.`t`{SNAPSHOT = 'sp'} TO ACCOUNT `acc2`");
  });

  it.each<[string, () => unknown]>([
    [
      'a table without its database',
      () => restoreTableStatement({ table: 't' } as RestoreTableTarget, { snapshot: 'sp' }),
    ],
    ['a quote in the snapshot', () => restoreClusterStatement("sp'}; DROP DATABASE x; --")],
    ['a missing snapshot', () => restoreDatabaseStatement('db', {} as { snapshot: string })],
    ['an invalid account', () => restoreAccountStatement('acc`1', { snapshot: 'sp' })],
    [
      'an invalid target account',
      () => restoreAccountStatement('acc1', { snapshot: 'sp', toAccount: 'a b' }),
    ],
    ['a quote in the database', () => restoreDatabaseStatement("db'", { snapshot: 'sp' })],
  ])('refuses %s with InvalidInputError', (_label, build) => {
    expect(build).toThrow(InvalidInputError);
  });
});
