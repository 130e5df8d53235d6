import { type FaultProxy, startFaultProxy, useTestDatabase } from '@matrixone/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PooledClient, createClient } from '../../../src/client/create-client.js';
import { PermissionError, ServerError, SqlSyntaxError } from '../../../src/errors/errors.js';

/**
 * MatrixOne answers `SHOW ACCOUNTS LIKE '<pattern>'` that matches no account with errno 20101 `internal error: no
 * account info` (observed on MatrixOne 4.2.0). The fault proxy answers SHOW ACCOUNTS that way here, in front of
 * the test server, so `listAccounts` is checked against MatrixOne's answer on any server.
 */
const db = useTestDatabase();
const NO_ACCOUNT_INFO = { errno: 20101, sqlState: 'HY000', message: 'internal error: no account info' };
let proxy: FaultProxy;
let client: PooledClient;

beforeAll(async () => {
  proxy = await startFaultProxy(db.url);
  client = createClient(`${proxy.url}?serverFlavor=matrixone`);
});
afterAll(async () => {
  await client.close();
  await proxy.close();
});

/** Answers SHOW ACCOUNTS with `error` while `action` runs. */
async function whileShowAccountsFails<T>(
  error: typeof NO_ACCOUNT_INFO,
  action: () => Promise<T>,
): Promise<T> {
  const remove = proxy.answerWithError(/^SHOW ACCOUNTS\b/i, error);
  try {
    return await action();
  } finally {
    remove();
  }
}

describe('listAccounts when MatrixOne finds no account', () => {
  it('a LIKE pattern that matches nothing gives []', async () => {
    const accounts = await whileShowAccountsFails(NO_ACCOUNT_INFO, () =>
      client.accounts.listAccounts({ like: 'never_existed' }),
    );
    expect(accounts).toEqual([]);
  });

  it('the same error without a LIKE pattern is thrown (an unfiltered listing always has the own account)', async () => {
    const error = await whileShowAccountsFails(NO_ACCOUNT_INFO, () => client.accounts.listAccounts()).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({
      errno: 20101,
      sqlState: 'HY000',
      serverMessage: 'internal error: no account info',
    });
  });

  it.each([
    [
      'another internal error',
      {
        errno: 20101,
        sqlState: 'HY000',
        message: 'internal error: do not have privilege to execute the statement',
      },
      PermissionError,
    ],
    [
      'a syntax error',
      { errno: 1064, sqlState: '42000', message: 'SQL parser error: syntax error at line 1' },
      SqlSyntaxError,
    ],
  ])('%s is still thrown with a LIKE pattern', async (_label, answer, type) => {
    const error = await whileShowAccountsFails(answer, () =>
      client.accounts.listAccounts({ like: 'never_existed' }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ errno: answer.errno, serverMessage: answer.message });
  });

  it('the proxy answers only SHOW ACCOUNTS: other statements reach the server', async () => {
    const rows = await whileShowAccountsFails(NO_ACCOUNT_INFO, () =>
      client.query<{ n: number }>('SELECT 2 AS n'),
    );
    expect(rows.map((row) => Number(row.n))).toEqual([2]);
  });
});
