import { inspect } from 'node:util';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../../src/client/create-client.js';
import {
  InvalidInputError,
  MatrixOneError,
  TransactionRuleError,
  UnsupportedServerError,
} from '../../../src/errors/errors.js';
import { AccountManager } from '../../../src/managers/accounts/account-manager.js';
import type { ManagerContext } from '../../../src/managers/manager-context.js';
import { parseServerVersion } from '../../../src/server/server-info.js';
import { mysqlContext } from '../../support/mysql-context.js';
import { recordingContext } from '../../support/recording-context.js';

const db = useTestDatabase();
const isMatrixOne = testServer().flavor === 'matrixone';
let connection: mysql.Connection;
beforeAll(async () => {
  connection = await mysql.createConnection(db.url);
});
afterAll(async () => {
  await connection.end();
});

describe('AccountManager inside a transaction', () => {
  it.each([
    [
      'createAccount',
      (m: AccountManager) => m.createAccount({ name: 'a', adminName: 'root', password: 'pw' }),
    ],
    ['alterAccount', (m: AccountManager) => m.alterAccount({ name: 'a', status: 'suspend' })],
    ['dropAccount', (m: AccountManager) => m.dropAccount({ name: 'a' })],
    ['createUser', (m: AccountManager) => m.createUser({ name: 'u', password: 'pw' })],
    ['alterUser', (m: AccountManager) => m.alterUser({ name: 'u', locked: true })],
    ['dropUser', (m: AccountManager) => m.dropUser({ name: 'u' })],
    ['createRole', (m: AccountManager) => m.createRole({ name: 'r' })],
    ['dropRole', (m: AccountManager) => m.dropRole({ name: 'r' })],
    ['listRoles', (m: AccountManager) => m.listRoles()],
    ['grant', (m: AccountManager) => m.grant({ roles: ['r'], to: ['u'] })],
    ['revoke', (m: AccountManager) => m.revoke({ roles: ['r'], from: ['u'] })],
  ])('%s is refused before any SQL', async (method, call) => {
    const context = recordingContext({ inTransaction: true });
    const error = await call(new AccountManager(context)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransactionRuleError);
    expect((error as TransactionRuleError).operation).toBe(`accounts.${method}`);
    expect(context.sent).toEqual([]);
  });

  it('listAccounts runs there (SHOW ACCOUNTS is allowed in a transaction)', async () => {
    const context = recordingContext({ inTransaction: true });
    await expect(new AccountManager(context).listAccounts()).resolves.toEqual([]);
    expect(context.sent).toEqual([{ sql: 'SHOW ACCOUNTS' }]);
  });

  it('the catalog reads (listUsers, listPrivileges, listGrantedRoles) run there', async () => {
    const context = recordingContext({ inTransaction: true });
    const accounts = new AccountManager(context);
    await expect(accounts.listUsers()).resolves.toEqual([]);
    await expect(accounts.listPrivileges({ role: 'r' })).resolves.toEqual([]);
    await expect(accounts.listGrantedRoles({ user: 'u' })).resolves.toEqual([]);
    expect(context.sent.map((statement) => statement.sql)).toEqual([
      expect.stringContaining('FROM mo_catalog.mo_user AS u'),
      expect.stringContaining('FROM mo_catalog.mo_role_privs'),
      expect.stringContaining('FROM mo_catalog.mo_user_grant AS g'),
    ]);
  });
});

describe('AccountManager on the test server (not MatrixOne)', () => {
  // On MatrixOne these calls would really create, alter and drop account `a` and user `u`.
  it.skipIf(isMatrixOne)('every method fails with UnsupportedServerError naming the server', async () => {
    const accounts = new AccountManager(mysqlContext(connection));
    const calls = [
      accounts.createAccount({ name: 'a', adminName: 'root', password: 'pw' }),
      accounts.alterAccount({ name: 'a', comment: 'c' }),
      accounts.dropAccount({ name: 'a' }),
      accounts.listAccounts(),
      accounts.createUser({ name: 'u', password: 'pw' }),
      accounts.alterUser({ name: 'u', password: 'pw' }),
      accounts.dropUser({ name: 'u' }),
      accounts.createRole({ name: 'r' }),
      accounts.dropRole({ name: 'r' }),
      accounts.listRoles(),
      accounts.listUsers(),
      accounts.listPrivileges({ role: 'r' }),
      accounts.listGrantedRoles({ role: 'r' }),
      accounts.grant({ privileges: ['SELECT'], on: { type: 'account' }, to: ['r'] }),
      accounts.revoke({ roles: ['r'], from: ['u'] }),
    ];
    const errors = await Promise.all(calls.map((call) => call.catch((caught: unknown) => caught)));
    for (const error of errors) {
      expect(error).toBeInstanceOf(UnsupportedServerError);
      expect((error as UnsupportedServerError).server).toMatch(/MariaDB|MySQL/);
    }
  });

  it('rejects bad input with InvalidInputError before any SQL', async () => {
    const sent: string[] = [];
    const accounts = new AccountManager({
      ...mysqlContext(connection, { onStatement: (statement) => sent.push(statement.sql) }),
      serverInfo: async () => parseServerVersion('8.0.30-MatrixOne-v2.1.0'),
    });
    await expect(accounts.dropAccount({ name: 'a;DROP' })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(accounts.createRole({ name: 'r#1' })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(accounts.listPrivileges({ role: 'r#1' })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(accounts.listGrantedRoles({ user: 'acc:u' })).rejects.toBeInstanceOf(InvalidInputError);
    expect(sent).toEqual([]);
  });
});

// On MatrixOne CREATE ACCOUNT succeeds (the statement must fail for this check) and would leave account
// `acc_redact` behind; the live suite covers redaction there (packages/core/test/live/accounts.live.test.ts).
describe.skipIf(isMatrixOne)('a failing password statement never reveals the password', () => {
  /** The server is MariaDB pretending to be MatrixOne, so the statement reaches it and fails there. */
  const pretendMatrixOne = (): ManagerContext => ({
    ...mysqlContext(connection),
    serverInfo: async () => parseServerVersion('8.0.30-MatrixOne-v2.1.0'),
  });
  const password = "Sup3r'Secret\\Passw0rd-that-is-long-enough-to-be-cut-by-the-server-0123456789";

  it.each([
    [
      'createAccount',
      (m: AccountManager) => m.createAccount({ name: 'acc_redact', adminName: 'root', password }),
    ],
    [
      'alterAccount',
      (m: AccountManager) => m.alterAccount({ name: 'acc_redact', adminName: 'root', password }),
    ],
    ['alterUser (unknown user)', (m: AccountManager) => m.alterUser({ name: 'no_such_user_h5', password })],
  ])('%s', async (_label, call) => {
    const error = await call(new AccountManager(pretendMatrixOne())).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MatrixOneError);
    expect((error as MatrixOneError).errno).toBeTypeOf('number');
    const printed = `${String(error)}\n${inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true })}`;
    for (const fragment of ['Sup3r', 'Secret', 'Passw0rd', 'long-enough']) {
      expect(printed).not.toContain(fragment);
    }
  });
});

describe('through the client (MariaDB forced to pass for MatrixOne)', () => {
  // On MatrixOne CREATE ACCOUNT would succeed and leave account `acc_client_path` behind.
  it.skipIf(isMatrixOne)('the thrown error and the query event text hold no password', async () => {
    const url = new URL(db.url);
    url.searchParams.set('serverFlavor', 'matrixone');
    const client = createClient(url.toString());
    const sqlSeen: string[] = [];
    client.on('query', (event) => sqlSeen.push(event.sql));
    const password = 'Client-Path-Passw0rd-9f8e7d6c5b4a-with-enough-length-to-be-truncated';
    try {
      const error = await client.accounts
        .createAccount({ name: 'acc_client_path', adminName: 'root', password })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MatrixOneError);
      const printed = `${String(error)}\n${inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true })}`;
      for (const fragment of ['Client-Path', 'Passw0rd', '9f8e7d6c']) expect(printed).not.toContain(fragment);
      expect(sqlSeen).toEqual(["CREATE ACCOUNT `acc_client_path` ADMIN_NAME 'root' IDENTIFIED BY '***'"]);
    } finally {
      await client.close();
    }
  });

  it('inside client.transaction an account statement is refused with only BEGIN and ROLLBACK sent', async () => {
    const client = createClient(db.url);
    const sqlSeen: string[] = [];
    client.on('query', (event) => sqlSeen.push(event.sql));
    try {
      const error = await client
        .transaction((tx) => tx.accounts.createUser({ name: 'u_tx', password: 'pw-in-tx' }))
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TransactionRuleError);
      expect(sqlSeen.some((sql) => /CREATE USER|pw-in-tx/.test(sql))).toBe(false);
    } finally {
      await client.close();
    }
  });
});
