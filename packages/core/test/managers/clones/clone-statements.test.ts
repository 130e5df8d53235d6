import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/errors/errors.js';
import {
  cloneDatabaseStatement,
  cloneTableStatement,
} from '../../../src/managers/clones/clone-statements.js';
import { findStep, loadRecordedCase } from '../../support/recorded-cases.js';
import { statementShape } from '../snapshots/recorded-statement.js';

const recorded = [
  ...loadRecordedCase('clone/database_clone'),
  ...loadRecordedCase('clone/clone_database_existence'),
  ...loadRecordedCase('clone/clone_can_rollback'),
];
const expectRecorded = (sql: string, recordedSql: string): void => {
  const step = findStep(recorded, (candidate) => candidate.trim() === recordedSql);
  expect(statementShape(sql)).toBe(statementShape(step.sql));
};

describe('cloneDatabaseStatement', () => {
  it('builds the recorded database clones', () => {
    const plain = cloneDatabaseStatement('test', 'srcdb');
    expect(plain).toEqual({ sql: 'CREATE DATABASE `test` CLONE `srcdb`' });
    expectRecorded(plain.sql, 'create database test clone srcdb;');

    const atSnapshot = cloneDatabaseStatement('clone_existence_snapshot_dst', 'clone_existence_src', {
      snapshot: 'clone_existence_snapshot',
    });
    expect(atSnapshot.sql).toBe(
      "CREATE DATABASE `clone_existence_snapshot_dst` CLONE `clone_existence_src`{SNAPSHOT = 'clone_existence_snapshot'}",
    );
    expectRecorded(
      atSnapshot.sql,
      "create database clone_existence_snapshot_dst clone clone_existence_src {snapshot = 'clone_existence_snapshot'};",
    );

    const ifNotExists = cloneDatabaseStatement('clone_existence_existing', 'clone_existence_src', {
      ifNotExists: true,
    });
    expect(ifNotExists.sql).toBe(
      'CREATE DATABASE IF NOT EXISTS `clone_existence_existing` CLONE `clone_existence_src`',
    );
    expectRecorded(
      ifNotExists.sql,
      'create database if not exists clone_existence_existing clone clone_existence_src;',
    );
  });

  it('builds the recorded cross-account clone with its snapshot', () => {
    const statement = cloneDatabaseStatement('db1_copy', 'db1', { snapshot: 'sp_temp', toAccount: 'ACC1' });
    expect(statement.sql).toBe(
      "CREATE DATABASE `db1_copy` CLONE `db1`{SNAPSHOT = 'sp_temp'} TO ACCOUNT `acc1`",
    );
    expectRecorded(
      statement.sql,
      'create database db1_copy clone db1 {snapshot = "sp_temp"} to account acc1;',
    );
    expectRecorded(
      cloneDatabaseStatement('clone_existence_target_probe', 'clone_existence_tenant_only_source', {
        ifNotExists: true,
        snapshot: 'clone_existence_cross_account_snapshot',
        toAccount: 'clone_existence_target',
      }).sql,
      "create database if not exists clone_existence_target_probe clone clone_existence_tenant_only_source {snapshot = 'clone_existence_cross_account_snapshot'} to account clone_existence_target;",
    );
  });

  it('refuses a cross-account clone without a snapshot before any SQL, naming the fix', () => {
    expect(() => cloneDatabaseStatement('copy', 'src', { toAccount: 'acc1' })).toThrow(/needs a snapshot/);
    expect(() => cloneDatabaseStatement('copy', 'src', { toAccount: 'acc1' })).toThrow(InvalidInputError);
  });

  it.each<[string, () => unknown]>([
    ['a backtick in the target', () => cloneDatabaseStatement('a`b', 'src')],
    ['a quote in the source', () => cloneDatabaseStatement('dst', "src'")],
    [
      'a quote in the snapshot',
      () => cloneDatabaseStatement('dst', 'src', { snapshot: "sp'} TO ACCOUNT sys --" }),
    ],
    [
      'an invalid account',
      () => cloneDatabaseStatement('dst', 'src', { snapshot: 'sp', toAccount: 'acc 1; drop' }),
    ],
  ])('refuses %s with InvalidInputError', (_label, build) => {
    expect(build).toThrow(InvalidInputError);
  });
});

describe('cloneTableStatement', () => {
  it('builds the recorded table clones', () => {
    const statement = cloneTableStatement(
      { database: 'test', table: 't1' },
      { database: 'srcdb', table: 't1' },
    );
    expect(statement).toEqual({ sql: 'CREATE TABLE `test`.`t1` CLONE `srcdb`.`t1`' });
    expectRecorded(statement.sql, 'create table test.t1 clone srcdb.t1;');
    expectRecorded(
      cloneTableStatement({ database: 'test', table: 'txn_clone' }, { database: 'test', table: 'txn_src' })
        .sql,
      'create table test.txn_clone clone test.txn_src;',
    );
  });

  it('adds IF NOT EXISTS, a snapshot and a target account', () => {
    expect(
      cloneTableStatement(
        { table: 'orders_copy' },
        { table: 'orders' },
        { ifNotExists: true, snapshot: 'SP0' },
      ).sql,
    ).toBe("CREATE TABLE IF NOT EXISTS `orders_copy` CLONE `orders`{SNAPSHOT = 'sp0'}");
    expect(
      cloneTableStatement(
        { database: 'db1_copy', table: 't4_copy' },
        { database: 'db1', table: 't4' },
        { snapshot: 'sp0', toAccount: 'acc1' },
      ).sql,
    ).toBe("CREATE TABLE `db1_copy`.`t4_copy` CLONE `db1`.`t4`{SNAPSHOT = 'sp0'} TO ACCOUNT `acc1`");
  });

  it('refuses a cross-account table clone with an unqualified table or without a snapshot', () => {
    expect(() =>
      cloneTableStatement(
        { table: 't4_copy' },
        { database: 'db1', table: 't4' },
        { snapshot: 'sp0', toAccount: 'acc1' },
      ),
    ).toThrow(InvalidInputError);
    expect(() =>
      cloneTableStatement(
        { database: 'a', table: 't' },
        { database: 'b', table: 't' },
        { toAccount: 'acc1' },
      ),
    ).toThrow(InvalidInputError);
  });

  it('quotes awkward table names instead of refusing them', () => {
    expect(
      cloneTableStatement({ database: 'd', table: 'a`b c' }, { database: 'd', table: 'select' }).sql,
    ).toBe('CREATE TABLE `d`.`a``b c` CLONE `d`.`select`');
  });
});
