import { testServer, useTestDatabase } from '@matrixone/test-server';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRuleError, UnsupportedServerError } from '../../../src/errors/errors.js';
import { SnapshotManager } from '../../../src/managers/snapshots/snapshot-manager.js';
import { mysqlContext } from '../../support/mysql-context.js';
import { recordingContext } from '../../support/recording-context.js';

const db = useTestDatabase();

const calls: [string, (snapshots: SnapshotManager) => Promise<unknown>][] = [
  ['create', (s) => s.create({ name: 'sp01', level: 'database', database: 'shop' })],
  ['list', (s) => s.list({ level: 'table' })],
  ['get', (s) => s.get('sp01')],
  ['exists', (s) => s.exists('sp01')],
  ['drop', (s) => s.drop('sp01', { ifExists: true })],
];

describe('SnapshotManager inside a transaction', () => {
  it.each(calls)('refuses %s with TransactionRuleError and sends no SQL', async (method, call) => {
    const context = recordingContext({ inTransaction: true });
    const error = await call(new SnapshotManager(context)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransactionRuleError);
    expect((error as TransactionRuleError).operation).toBe(`snapshots.${method}`);
    expect((error as Error).message).toContain('afterCommit');
    expect(context.sent).toEqual([]);
  });
});

describe.skipIf(testServer().flavor === 'matrixone')(
  'SnapshotManager on a server that is not MatrixOne',
  () => {
    let connection: mysql.Connection;
    const sent: string[] = [];
    beforeAll(async () => {
      connection = await mysql.createConnection(db.url);
    });
    afterAll(async () => {
      await connection.end();
    });

    it.each(calls)(
      '%s throws UnsupportedServerError after reading only the version',
      async (_method, call) => {
        sent.length = 0;
        const snapshots = new SnapshotManager(
          mysqlContext(connection, { onStatement: (s) => sent.push(s.sql) }),
        );
        const error = await call(snapshots).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(UnsupportedServerError);
        expect((error as UnsupportedServerError).server).toMatch(/MariaDB|MySQL/);
        expect(sent.every((sql) => /version\(\)/i.test(sql))).toBe(true);
      },
    );
  },
);
