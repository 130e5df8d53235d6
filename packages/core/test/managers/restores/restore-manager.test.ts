import { testServer, useTestDatabase } from '@matrixone/test-server';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRuleError, UnsupportedServerError } from '../../../src/errors/errors.js';
import { RestoreManager } from '../../../src/managers/restores/restore-manager.js';
import { mysqlContext } from '../../support/mysql-context.js';
import { recordingContext } from '../../support/recording-context.js';

const db = useTestDatabase();

const calls: [string, (restores: RestoreManager) => Promise<unknown>][] = [
  ['cluster', (r) => r.cluster({ snapshot: 'sp01' })],
  ['account', (r) => r.account('acc01', { snapshot: 'sp01' })],
  ['database', (r) => r.database('shop', { snapshot: 'sp01' })],
  ['table', (r) => r.table({ database: 'shop', table: 'orders' }, { snapshot: 'sp01' })],
];

describe('RestoreManager inside a transaction', () => {
  it.each(calls)('refuses %s with TransactionRuleError and sends no SQL', async (method, call) => {
    const context = recordingContext({ inTransaction: true });
    const error = await call(new RestoreManager(context)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransactionRuleError);
    expect((error as TransactionRuleError).operation).toBe(`restores.${method}`);
    expect(context.sent).toEqual([]);
  });
});

describe.skipIf(testServer().flavor === 'matrixone')(
  'RestoreManager on a server that is not MatrixOne',
  () => {
    let connection: mysql.Connection;
    beforeAll(async () => {
      connection = await mysql.createConnection(db.url);
    });
    afterAll(async () => {
      await connection.end();
    });

    it.each(calls)('%s throws UnsupportedServerError without sending RESTORE', async (_method, call) => {
      const sent: string[] = [];
      const restores = new RestoreManager(mysqlContext(connection, { onStatement: (s) => sent.push(s.sql) }));
      await expect(call(restores)).rejects.toBeInstanceOf(UnsupportedServerError);
      expect(sent.some((sql) => /RESTORE/i.test(sql))).toBe(false);
    });
  },
);
