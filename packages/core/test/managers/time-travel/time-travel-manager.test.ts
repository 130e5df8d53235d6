import { testServer, useTestDatabase } from '@matrixone/test-server';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError, UnsupportedServerError } from '../../../src/errors/errors.js';
import { TimeTravelManager } from '../../../src/managers/time-travel/time-travel-manager.js';
import { mysqlContext } from '../../support/mysql-context.js';
import { recordingContext } from '../../support/recording-context.js';

const db = useTestDatabase();

describe('timeTravel.at(...).from(...)', () => {
  it('builds table references pinned to the point, sending nothing', () => {
    const context = recordingContext({ inTransaction: false });
    const past = new TimeTravelManager(context).at({ snapshot: 'Before_Import' });
    expect(past.from({ database: 'shop', table: 'orders' })).toBe(
      "`shop`.`orders`{SNAPSHOT = 'before_import'}",
    );
    expect(past.from({ table: 'a`b' })).toBe("`a``b`{SNAPSHOT = 'before_import'}");
    expect(context.sent).toEqual([]);
  });

  it('validates the point when it is bound and the table when it is used', () => {
    const timeTravel = new TimeTravelManager(recordingContext({ inTransaction: false }));
    expect(() => timeTravel.at({ snapshot: "x'" })).toThrow(InvalidInputError);
    expect(() => timeTravel.at({ moTs: -1n })).toThrow(InvalidInputError);
    expect(() => timeTravel.at({ snapshot: 'sp' }).from({ database: 'd`', table: 't' })).toThrow(
      InvalidInputError,
    );
  });
});

describe.skipIf(testServer().flavor === 'matrixone')(
  'TimeTravelManager on a server that is not MatrixOne',
  () => {
    let connection: mysql.Connection;
    beforeAll(async () => {
      connection = await mysql.createConnection(db.url);
      await connection.query('CREATE TABLE orders (id INT PRIMARY KEY)');
    });
    afterAll(async () => {
      await connection.end();
    });

    it.each<[string, (t: TimeTravelManager) => Promise<unknown>]>([
      ['select', (t) => t.select({ table: { table: 'orders' } }, { snapshot: 'sp' })],
      ['table', (t) => t.table({ table: 'orders' }, { timestamp: new Date() })],
      ['count', (t) => t.count({ table: 'orders' }, { moTs: 1n })],
    ])('%s throws UnsupportedServerError without reading the table', async (_method, call) => {
      const sent: string[] = [];
      const timeTravel = new TimeTravelManager(
        mysqlContext(connection, { onStatement: (s) => sent.push(s.sql) }),
      );
      await expect(call(timeTravel)).rejects.toBeInstanceOf(UnsupportedServerError);
      expect(sent.some((sql) => /orders/.test(sql))).toBe(false);
    });

    it('is allowed inside a transaction by the rule table, so it reaches the server check there too', async () => {
      await connection.query('BEGIN');
      try {
        const timeTravel = new TimeTravelManager(mysqlContext(connection, { inTransaction: true }));
        await expect(timeTravel.count({ table: 'orders' }, { snapshot: 'sp' })).rejects.toBeInstanceOf(
          UnsupportedServerError,
        );
      } finally {
        await connection.query('ROLLBACK');
      }
    });
  },
);
