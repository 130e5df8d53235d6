import { testServer, useTestDatabase } from '@matrixone/test-server';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRuleError, UnsupportedServerError } from '../../../src/errors/errors.js';
import { BranchManager } from '../../../src/managers/branches/branch-manager.js';
import { RefusalMessage } from '../../../src/managers/transaction-rules.js';
import { mysqlContext } from '../../support/mysql-context.js';
import { recordingContext } from '../../support/recording-context.js';

const db = useTestDatabase();
let connection: mysql.Connection;
beforeAll(async () => {
  connection = await mysql.createConnection(db.url);
});
afterAll(async () => {
  await connection.end();
});

const pair = { source: { table: 't2' }, into: { table: 't1' } };

describe('BranchManager inside a transaction', () => {
  it('PICK is refused before any SQL, naming the server rule', async () => {
    const context = recordingContext({ inTransaction: true });
    const error = await new BranchManager(context)
      .pick({ ...pair, keys: [2] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransactionRuleError);
    expect((error as TransactionRuleError).operation).toBe('branches.pick');
    expect((error as Error).message).toContain(RefusalMessage.BranchMergePick);
    expect(context.sent).toEqual([]);
  });

  it('CREATE, DELETE, DIFF and MERGE join the transaction', async () => {
    const context = recordingContext({ inTransaction: true });
    const branches = new BranchManager(context);
    await branches.createTable({ table: 't2', from: { table: 't1' } });
    await branches.createDatabase({ database: 'd2', from: 'd1' });
    await branches.diff({ target: { table: 't2' }, base: { table: 't1' } });
    await branches.merge({ ...pair, onConflict: 'skip' });
    await branches.deleteTable({ table: 't2' });
    await branches.deleteDatabase('d2');
    expect(context.sent.map((statement) => statement.sql)).toEqual([
      'DATA BRANCH CREATE TABLE `t2` FROM `t1`',
      'DATA BRANCH CREATE DATABASE `d2` FROM `d1`',
      'DATA BRANCH DIFF `t2` AGAINST `t1`',
      'DATA BRANCH MERGE `t2` INTO `t1` WHEN CONFLICT SKIP',
      'DATA BRANCH DELETE TABLE `t2`',
      'DATA BRANCH DELETE DATABASE `d2`',
    ]);
  });
});

describe('BranchManager on the test server (not MatrixOne)', () => {
  // On MatrixOne these DATA BRANCH statements would really run (DELETE DATABASE `d2` included).
  it.skipIf(testServer().flavor === 'matrixone')(
    'every method fails with UnsupportedServerError',
    async () => {
      const branches = new BranchManager(mysqlContext(connection));
      const diff = { target: { table: 't2' }, base: { table: 't1' } };
      const calls = [
        branches.createTable({ table: 't2', from: { table: 't1' } }),
        branches.createDatabase({ database: 'd2', from: 'd1' }),
        branches.deleteTable({ table: 't2' }),
        branches.deleteDatabase('d2'),
        branches.diff(diff),
        branches.diffCount(diff),
        branches.diffSummary(diff),
        branches.merge(pair),
        branches.pick({ ...pair, keys: [1] }),
      ];
      const errors = await Promise.all(calls.map((call) => call.catch((caught: unknown) => caught)));
      expect(errors).toHaveLength(9);
      for (const error of errors) {
        expect(error).toBeInstanceOf(UnsupportedServerError);
        expect((error as UnsupportedServerError).server).toMatch(/MariaDB|MySQL/);
      }
    },
  );
});
