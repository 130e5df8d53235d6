import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/errors/errors.js';
import {
  ConflictOption,
  branchDiffCountStatement,
  branchDiffStatement,
  branchDiffSummaryStatement,
  createBranchDatabaseStatement,
  createBranchTableStatement,
  deleteBranchDatabaseStatement,
  deleteBranchTableStatement,
  mergeBranchStatement,
  pickBranchStatement,
} from '../../../src/managers/branches/branch-statements.js';
import { type RecordedStep, findStep, loadRecordedCase } from '../../support/recorded-cases.js';

const recordedCases = [
  'branch/diff_1',
  'branch/merge_10',
  'branch/pick_6',
  'branch/branch_unhappy_path',
].flatMap((name) => loadRecordedCase(name));

/**
 * Normalises a DATA BRANCH statement for comparison with a recorded one: case, whitespace, back-quotes,
 * spaces around `=` and before `(` or after `,`, and the quote style of the snapshot name.
 */
const normalise = (sql: string): string =>
  sql
    .replace(/\s*;\s*$/, '')
    .replaceAll('`', '')
    .replace(/\{\s*snapshot\s*=\s*["']?([^"'}]+)["']?\s*\}/gi, '{snapshot=$1}')
    .replace(/\s*,\s*/g, ',')
    .replace(/\s*\(\s*/g, '(')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

const recorded = (statement: string): RecordedStep =>
  findStep(recordedCases, (sql) => normalise(sql) === normalise(statement));

/** Asserts that the SDK's statement is one the recorded cases ran. */
const expectRecorded = (sql: string): void => {
  expect(normalise(recorded(sql).sql)).toBe(normalise(sql));
};

describe('DATA BRANCH statements match the recorded cases', () => {
  it('CREATE TABLE, plain and from a snapshot', () => {
    const plain = createBranchTableStatement({ table: 't1', from: { table: 't0' } }).sql;
    expect(plain).toBe('DATA BRANCH CREATE TABLE `t1` FROM `t0`');
    expectRecorded(plain);
    const atSnapshot = createBranchTableStatement({
      table: 't1',
      from: { table: 't0', at: { snapshot: 'sp0' } },
    }).sql;
    expect(atSnapshot).toBe("DATA BRANCH CREATE TABLE `t1` FROM `t0`{SNAPSHOT = 'sp0'}");
    expectRecorded(atSnapshot);
  });

  it('CREATE TABLE with databases, a timestamp and another account', () => {
    expect(
      createBranchTableStatement({
        database: 'dev',
        table: 'orders',
        from: { database: 'shop', table: 'orders', at: { moTs: 1785124782931794010n } },
        toAccount: 'Acc1',
      }).sql,
    ).toBe(
      'DATA BRANCH CREATE TABLE `dev`.`orders` FROM `shop`.`orders`{MO_TS = 1785124782931794010} TO ACCOUNT `acc1`',
    );
  });

  it('CREATE DATABASE and DELETE', () => {
    const database = createBranchDatabaseStatement({ database: 'staging', from: 'sales' }).sql;
    expect(database).toBe('DATA BRANCH CREATE DATABASE `staging` FROM `sales`');
    expectRecorded(database);
    expect(createBranchDatabaseStatement({ database: 'd2', from: 'd1', at: { snapshot: 'SP1' } }).sql).toBe(
      "DATA BRANCH CREATE DATABASE `d2` FROM `d1`{SNAPSHOT = 'sp1'}",
    );
    expect(deleteBranchTableStatement({ database: 'br_meta_db', table: 'branch_tbl' }).sql).toBe(
      'DATA BRANCH DELETE TABLE `br_meta_db`.`branch_tbl`',
    );
    expect(deleteBranchDatabaseStatement('dst_db').sql).toBe('DATA BRANCH DELETE DATABASE `dst_db`');
  });

  it('DIFF rows, at snapshots, with COLUMNS and the OUTPUT forms', () => {
    const diff = branchDiffStatement({
      target: { table: 't2', at: { snapshot: 'sp2' } },
      base: { table: 't1', at: { snapshot: 'sp1' } },
    }).sql;
    expect(diff).toBe("DATA BRANCH DIFF `t2`{SNAPSHOT = 'sp2'} AGAINST `t1`{SNAPSHOT = 'sp1'}");
    expectRecorded(diff);
    const columns = branchDiffStatement({
      target: { table: 'br' },
      base: { table: 'base' },
      columns: ['missing'],
    }).sql;
    expect(columns).toBe('DATA BRANCH DIFF `br` AGAINST `base` COLUMNS (`missing`)');
    expectRecorded(columns);
    const pair = { target: { table: 't2' }, base: { table: 't1' } };
    expect(branchDiffStatement({ ...pair, limit: 5 }).sql).toBe(
      'DATA BRANCH DIFF `t2` AGAINST `t1` OUTPUT LIMIT 5',
    );
    expect(branchDiffCountStatement(pair).sql).toBe('DATA BRANCH DIFF `t2` AGAINST `t1` OUTPUT COUNT');
    expect(branchDiffSummaryStatement({ ...pair, columns: ['a', 'b'] }).sql).toBe(
      'DATA BRANCH DIFF `t2` AGAINST `t1` COLUMNS (`a`, `b`) OUTPUT SUMMARY',
    );
  });

  it('MERGE with and without a conflict option', () => {
    const accept = mergeBranchStatement({
      source: { table: 't2' },
      into: { table: 't1' },
      onConflict: 'accept',
    }).sql;
    expect(accept).toBe('DATA BRANCH MERGE `t2` INTO `t1` WHEN CONFLICT ACCEPT');
    expectRecorded(accept);
    expectRecorded(mergeBranchStatement({ source: { table: 'br' }, into: { table: 'base' } }).sql);
    expect(
      mergeBranchStatement({
        source: { table: 't2', at: { snapshot: 's' } },
        into: { table: 't1' },
        onConflict: ConflictOption.Fail,
      }).sql,
    ).toBe("DATA BRANCH MERGE `t2`{SNAPSHOT = 's'} INTO `t1` WHEN CONFLICT FAIL");
  });

  it('PICK with scalar keys, tuples, a source snapshot and conflict options', () => {
    const keys = pickBranchStatement({ source: { table: 't1' }, into: { table: 't2' }, keys: [1, 3, 5] }).sql;
    expect(keys).toBe('DATA BRANCH PICK `t1` INTO `t2` KEYS (1, 3, 5)');
    expectRecorded(keys);
    expectRecorded(
      pickBranchStatement({ source: { table: 't2' }, into: { table: 't1' }, keys: [3], onConflict: 'skip' })
        .sql,
    );
    expectRecorded(
      pickBranchStatement({
        source: { table: 't1', at: { snapshot: 'sp_v1' } },
        into: { table: 't2' },
        keys: [1, 2, 3],
      }).sql,
    );
    expectRecorded(
      pickBranchStatement({
        source: { table: 'single_right' },
        into: { table: 'single_left' },
        keys: [[3, 3]],
      }).sql,
    );
    expect(
      pickBranchStatement({
        source: { table: 'a' },
        into: { table: 'b' },
        keys: [
          ["x'1", 2n],
          ['y', -1.5],
        ],
        onConflict: 'accept',
      }).sql,
    ).toBe("DATA BRANCH PICK `a` INTO `b` KEYS (('x''1', 2), ('y', -1.5)) WHEN CONFLICT ACCEPT");
  });
});

describe('DATA BRANCH statements refuse unsafe input before any SQL', () => {
  it.each([
    [
      'a table name that is not a string',
      () => deleteBranchTableStatement({ table: 1 as unknown as string }),
    ],
    ['a database name with a backtick', () => deleteBranchDatabaseStatement('a`b')],
    [
      'a snapshot name with a quote',
      () => createBranchTableStatement({ table: 't', from: { table: 's', at: { snapshot: "x'" } } }),
    ],
    [
      'an empty COLUMNS list',
      () => branchDiffStatement({ target: { table: 'a' }, base: { table: 'b' }, columns: [] }),
    ],
    [
      'a negative limit',
      () => branchDiffStatement({ target: { table: 'a' }, base: { table: 'b' }, limit: -1 }),
    ],
    [
      'a fractional limit',
      () => branchDiffStatement({ target: { table: 'a' }, base: { table: 'b' }, limit: 1.5 }),
    ],
    [
      'an unknown conflict option',
      () =>
        mergeBranchStatement({
          source: { table: 'a' },
          into: { table: 'b' },
          onConflict: 'overwrite' as ConflictOption,
        }),
    ],
    ['no keys', () => pickBranchStatement({ source: { table: 'a' }, into: { table: 'b' }, keys: [] })],
    [
      'mixed keys and tuples',
      () => pickBranchStatement({ source: { table: 'a' }, into: { table: 'b' }, keys: [1, [2, 3]] as never }),
    ],
    [
      'an empty tuple',
      () => pickBranchStatement({ source: { table: 'a' }, into: { table: 'b' }, keys: [[]] }),
    ],
    [
      'a key that is not a value',
      () => pickBranchStatement({ source: { table: 'a' }, into: { table: 'b' }, keys: [{}] as never }),
    ],
    [
      'an infinite key',
      () =>
        pickBranchStatement({
          source: { table: 'a' },
          into: { table: 'b' },
          keys: [Number.POSITIVE_INFINITY],
        }),
    ],
    [
      'a target account with a space',
      () => createBranchDatabaseStatement({ database: 'a', from: 'b', toAccount: 'x y' }),
    ],
  ])('%s', (_label, build) => {
    expect(build).toThrow(InvalidInputError);
  });
});
