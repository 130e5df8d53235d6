import { testServer, useTestDatabase } from '@matrixone/test-server';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnsupportedServerError } from '../../../src/errors/errors.js';
import { CloneManager } from '../../../src/managers/clones/clone-manager.js';
import { mysqlContext } from '../../support/mysql-context.js';

const db = useTestDatabase();

const calls: [string, (clones: CloneManager) => Promise<unknown>][] = [
  ['database', (c) => c.database('shop_copy', 'shop', { snapshot: 'sp01' })],
  [
    'table',
    (c) => c.table({ database: 'shop', table: 'orders_copy' }, { database: 'shop', table: 'orders' }),
  ],
];

describe.skipIf(testServer().flavor === 'matrixone')('CloneManager on a server that is not MatrixOne', () => {
  let connection: mysql.Connection;
  beforeAll(async () => {
    connection = await mysql.createConnection(db.url);
  });
  afterAll(async () => {
    await connection.end();
  });

  it.each(calls)('%s throws UnsupportedServerError and creates nothing', async (_method, call) => {
    const sent: string[] = [];
    const clones = new CloneManager(mysqlContext(connection, { onStatement: (s) => sent.push(s.sql) }));
    await expect(call(clones)).rejects.toBeInstanceOf(UnsupportedServerError);
    expect(sent.some((sql) => /CLONE/i.test(sql))).toBe(false);
    const [databases] = await db.inspect.query("SHOW DATABASES LIKE 'shop%'");
    expect(databases).toEqual([]);
  });

  it('passes the transaction rule inside a transaction (MatrixOne runs CLONE there) and then refuses the server', async () => {
    await connection.query('BEGIN');
    try {
      const clones = new CloneManager(mysqlContext(connection, { inTransaction: true }));
      await expect(clones.database('copy', db.name, { snapshot: 'sp' })).rejects.toBeInstanceOf(
        UnsupportedServerError,
      );
    } finally {
      await connection.query('ROLLBACK');
    }
  });
});
