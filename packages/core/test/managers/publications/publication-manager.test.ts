import { testServer, useTestDatabase } from '@matrixone/test-server';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, TransactionRuleError, UnsupportedServerError } from '../../../src/errors/errors.js';
import { PublicationManager } from '../../../src/managers/publications/publication-manager.js';
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

const publicationRow = {
  publication: 'pub1',
  database: 'db1',
  tables: '*',
  sub_account: 'acc1',
  subscribed_accounts: '',
  create_time: '2026-08-13 22:17:04',
  update_time: null,
  comments: '',
};

describe('PublicationManager inside a transaction', () => {
  it.each([
    ['create', (m: PublicationManager) => m.create({ name: 'p', database: 'd', accounts: 'all' })],
    ['alter', (m: PublicationManager) => m.alter({ name: 'p', comment: 'c' })],
    ['drop', (m: PublicationManager) => m.drop({ name: 'p' })],
  ])('%s is refused before any SQL', async (method, call) => {
    const context = recordingContext({ inTransaction: true });
    const error = await call(new PublicationManager(context)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransactionRuleError);
    expect((error as TransactionRuleError).operation).toBe(`publications.${method}`);
    expect(context.sent).toEqual([]);
  });

  it('listing and subscribing run there', async () => {
    const context = recordingContext({ inTransaction: true });
    const publications = new PublicationManager(context);
    await publications.list();
    await publications.listSubscriptions({ all: true });
    await publications.subscribe({ database: 'feed', fromAccount: 'sys', publication: 'p' });
    expect(context.sent.map((statement) => statement.sql)).toEqual([
      'SHOW PUBLICATIONS',
      'SHOW SUBSCRIPTIONS ALL',
      'CREATE DATABASE `feed` FROM `sys` PUBLICATION `p`',
    ]);
  });
});

describe('PublicationManager.create with ifNotExists', () => {
  it('checks SHOW PUBLICATIONS first and sends nothing more when the name exists', async () => {
    const context = recordingContext({ inTransaction: false, rows: [publicationRow] });
    await new PublicationManager(context).create({
      name: 'PUB1',
      database: 'db1',
      accounts: ['acc1'],
      ifNotExists: true,
    });
    expect(context.sent).toEqual([{ sql: 'SHOW PUBLICATIONS' }]);
  });

  it('creates the publication when the name is free', async () => {
    const context = recordingContext({ inTransaction: false, rows: [publicationRow] });
    await new PublicationManager(context).create({
      name: 'pub2',
      database: 'db1',
      accounts: 'all',
      ifNotExists: true,
    });
    expect(context.sent.map((statement) => statement.sql)).toEqual([
      'SHOW PUBLICATIONS',
      'CREATE PUBLICATION IF NOT EXISTS `pub2` DATABASE `db1` ACCOUNT ALL',
    ]);
  });
});

describe('PublicationManager.showCreate', () => {
  it('throws NotFoundError when the server returns no row', async () => {
    const context = recordingContext({ inTransaction: false, rows: [] });
    await expect(new PublicationManager(context).showCreate('missing')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('PublicationManager on the test server (not MatrixOne)', () => {
  // On MatrixOne these statements would really create, alter and drop publication `p`.
  it.skipIf(testServer().flavor === 'matrixone')(
    'every method fails with UnsupportedServerError',
    async () => {
      const publications = new PublicationManager(mysqlContext(connection));
      const calls = [
        publications.create({ name: 'p', database: db.name, accounts: 'all' }),
        publications.alter({ name: 'p', comment: 'c' }),
        publications.drop({ name: 'p' }),
        publications.list(),
        publications.showCreate('p'),
        publications.subscribe({ database: 'feed', fromAccount: 'sys', publication: 'p' }),
        publications.listSubscriptions(),
      ];
      const errors = await Promise.all(calls.map((call) => call.catch((caught: unknown) => caught)));
      expect(errors).toHaveLength(7);
      for (const error of errors) {
        expect(error).toBeInstanceOf(UnsupportedServerError);
      }
    },
  );
});
