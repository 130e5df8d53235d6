/**
 * Live suite for `client.publications` on a real MatrixOne (MATRIXONE_URL, logged in as a `sys` administrator):
 * publish a database to a new account, see it listed, subscribe from that account and read the data there.
 * Every object is uniquely named and removed in afterAll.
 */
import { randomBytes } from 'node:crypto';
import {
  type PooledClient,
  SubscriptionStatus,
  type Transaction,
  TransactionRuleError,
  createClient,
} from '@matrixone/core';
import { testServer } from '@matrixone/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp } from './clean-up.js';
import { sqlSentDuring } from './sql-sent.js';

describe.skipIf(testServer().flavor !== 'matrixone')('publications on MatrixOne (live)', () => {
  const suffix = randomBytes(4).toString('hex');
  const account = `h5_pub_acc_${suffix}`;
  const adminName = 'h5_admin';
  const password = `H5-pw-${randomBytes(6).toString('hex')}`;
  const database = `h5_pub_db_${suffix}`;
  const publication = `h5_pub_${suffix}`;
  const subscribed = `h5_sub_db_${suffix}`;
  let client: PooledClient;
  let tenant: PooledClient;

  beforeAll(async () => {
    client = createClient(testServer().url);
    await client.accounts.createAccount({ name: account, adminName, password });
    await client.execute(`CREATE DATABASE \`${database}\``);
    await client.execute(`CREATE TABLE \`${database}\`.\`items\` (id INT PRIMARY KEY, label VARCHAR(20))`);
    await client.execute(`INSERT INTO \`${database}\`.\`items\` VALUES (?, ?), (?, ?), (?, ?)`, [
      1,
      'a',
      2,
      'b',
      3,
      'c',
    ]);
    const server = new URL(testServer().url);
    tenant = createClient({
      host: server.hostname,
      port: Number(server.port || 6001),
      account,
      user: adminName,
      password,
    });
  });

  afterAll(async () => {
    await cleanUp([
      // The tenant cannot log in when beforeAll failed before its account existed: that drop may fail.
      () => tenant?.execute(`DROP DATABASE IF EXISTS \`${subscribed}\``).catch(() => undefined),
      async () => tenant?.close(),
      () => client.publications.drop({ name: publication, ifExists: true }),
      () => client.execute(`DROP DATABASE IF EXISTS \`${database}\``),
      () => client.accounts.dropAccount({ name: account, ifExists: true }),
      () => client.close(),
    ]);
  });

  it('publishes a database to an account and lists it', async () => {
    await client.publications.create({
      name: publication,
      database,
      accounts: [account],
      comment: 'h5 live',
    });
    const [listed] = await client.publications.list({ like: publication });
    expect(listed).toMatchObject({
      name: publication,
      database,
      tables: 'all',
      accounts: [account],
      comment: 'h5 live',
      updatedAt: undefined,
    });
    expect(listed?.createdAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    const definition = await client.publications.showCreate(publication);
    expect(definition.name).toBe(publication);
    expect(definition.createStatement).toContain(database);
  });

  it('create with ifNotExists leaves the existing publication alone', async () => {
    await client.publications.create({ name: publication, database, accounts: 'all', ifNotExists: true });
    const [listed] = await client.publications.list({ like: publication });
    expect(listed?.accounts).toEqual([account]);
  });

  it('the account subscribes and reads the published rows', async () => {
    const offered = await tenant.publications.listSubscriptions({ all: true });
    expect(offered.find((s) => s.publication === publication)).toMatchObject({
      publisherAccount: 'sys',
      publishedDatabase: database,
      database: undefined,
    });
    await tenant.publications.subscribe({ database: subscribed, fromAccount: 'sys', publication });
    const rows = await tenant.query<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM \`${subscribed}\`.\`items\``,
    );
    expect(Number(rows[0]?.n)).toBe(3);
    const [subscription] = (await tenant.publications.listSubscriptions()).filter(
      (s) => s.publication === publication,
    );
    expect(subscription).toMatchObject({
      database: subscribed,
      status: SubscriptionStatus.Normal,
      statusCode: 0,
    });
    const [listed] = await client.publications.list({ like: publication });
    expect(listed?.subscribedAccounts).toContain(account);
  });

  it('alters the comment, and refuses CREATE/ALTER/DROP inside a transaction before any SQL', async () => {
    await client.publications.alter({ name: publication, comment: 'h5 altered' });
    const [listed] = await client.publications.list({ like: publication });
    expect(listed?.comment).toBe('h5 altered');
    expect(listed?.updatedAt).toBeDefined();
    const attempts = [
      (tx: Transaction) =>
        tx.publications.create({ name: `${publication}_tx`, database, accounts: [account] }),
      (tx: Transaction) => tx.publications.alter({ name: publication, comment: 'in a transaction' }),
      (tx: Transaction) => tx.publications.drop({ name: publication }),
    ];
    const sent = await sqlSentDuring(client, async () => {
      for (const attempt of attempts) {
        await expect(client.transaction(attempt)).rejects.toBeInstanceOf(TransactionRuleError);
      }
    });
    expect(sent.filter((sql) => /PUBLICATION/i.test(sql))).toEqual([]);
    const [unchanged] = await client.publications.list({ like: publication });
    expect(unchanged).toMatchObject({ name: publication, comment: 'h5 altered' });
  });
});
