/**
 * Live suite for `client.accounts` on a real MatrixOne (MATRIXONE_URL, logged in as a `sys` administrator):
 * account → user → role → grant → list (accounts, roles, users, privileges, granted roles) → drop, with unique names and cleanup; passwords never appear in
 * query events or errors.
 */
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import {
  AccountStatus,
  MatrixOneError,
  type PooledClient,
  Privilege,
  type QueryEvent,
  TransactionRuleError,
  createClient,
} from '@matrixone/core';
import { testServer } from '@matrixone/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp } from './clean-up.js';

describe.skipIf(testServer().flavor !== 'matrixone')(
  'accounts, users, roles and grants on MatrixOne (live)',
  () => {
    const suffix = randomBytes(4).toString('hex');
    const account = `h5_acc_${suffix}`;
    const user = `h5_user_${suffix}`;
    const role = `h5_role_${suffix}`;
    const parentRole = `h5_parent_${suffix}`;
    const database = `h5_acc_db_${suffix}`;
    const accountPassword = `H5acc-${randomBytes(6).toString('hex')}`;
    const userPassword = `H5usr-${randomBytes(6).toString('hex')}`;
    const newUserPassword = `H5new-${randomBytes(6).toString('hex')}`;
    const server = new URL(testServer().url);
    const events: QueryEvent[] = [];
    let client: PooledClient;

    const loginAs = (password: string): PooledClient =>
      createClient({ host: server.hostname, port: Number(server.port || 6001), user, role, password });

    beforeAll(async () => {
      client = createClient(testServer().url);
      client.on('query', (event) => events.push(event));
      await client.execute(`CREATE DATABASE \`${database}\``);
      await client.execute(`CREATE TABLE \`${database}\`.\`items\` (id INT PRIMARY KEY)`);
      await client.execute(`INSERT INTO \`${database}\`.\`items\` VALUES (1), (2)`);
    });

    afterAll(async () => {
      await cleanUp([
        () => client.accounts.dropUser({ name: user, ifExists: true }),
        () => client.accounts.dropRole({ name: role, ifExists: true }),
        () => client.accounts.dropRole({ name: parentRole, ifExists: true }),
        () => client.accounts.dropAccount({ name: account, ifExists: true }),
        () => client.execute(`DROP DATABASE IF EXISTS \`${database}\``),
        () => client.close(),
      ]);
    });

    it('creates an account, lists it, suspends and reopens it', async () => {
      await client.accounts.createAccount({
        name: account,
        adminName: 'h5_admin',
        password: accountPassword,
        comment: 'h5',
      });
      const [created] = await client.accounts.listAccounts({ like: account });
      expect(created).toMatchObject({
        name: account,
        adminName: 'h5_admin',
        status: AccountStatus.Open,
        comment: 'h5',
      });
      await client.accounts.alterAccount({ name: account, status: AccountStatus.Suspend });
      expect((await client.accounts.listAccounts({ like: account }))[0]?.status).toBe(AccountStatus.Suspend);
      await client.accounts.alterAccount({ name: account, status: AccountStatus.Open });
      expect((await client.accounts.listAccounts({ like: account }))[0]?.status).toBe(AccountStatus.Open);
    });

    it('a duplicate account fails without showing the password', async () => {
      const error = await client.accounts
        .createAccount({ name: account, adminName: 'h5_admin', password: accountPassword })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MatrixOneError);
      expect(inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true })).not.toContain(
        accountPassword,
      );
    });

    it('creates a role with a table grant and a user holding it; the user reads the table', async () => {
      await client.accounts.createRole({ name: role });
      await client.accounts.grant({ privileges: [Privilege.Connect], on: { type: 'account' }, to: [role] });
      await client.accounts.grant({
        privileges: [Privilege.Select],
        on: { type: 'table', database, table: 'items' },
        to: [role],
      });
      await client.accounts.createUser({ name: user, password: userPassword, defaultRole: role });
      const asUser = loginAs(userPassword);
      try {
        const rows = await asUser.query<{ n: number | string }>(
          `SELECT COUNT(*) AS n FROM \`${database}\`.\`items\``,
        );
        expect(Number(rows[0]?.n)).toBe(2);
      } finally {
        await asUser.close();
      }
    });

    it("lists the role, the user, the role's privileges and the roles granted to the user", async () => {
      const roles = await client.accounts.listRoles({ like: role });
      expect(roles).toEqual([expect.objectContaining({ name: role })]);
      expect(roles[0]?.creatorId).toBeTypeOf('number');
      expect((await client.accounts.listRoles()).map((listed) => listed.name)).toContain(role);

      expect(await client.accounts.listUsers({ like: user })).toEqual([
        expect.objectContaining({ name: user, defaultRole: role }),
      ]);

      const privileges = await client.accounts.listPrivileges({ role });
      expect(privileges).toContainEqual(
        expect.objectContaining({ role, objectType: 'account', privilege: Privilege.Connect }),
      );
      expect(privileges).toContainEqual(
        expect.objectContaining({
          role,
          objectType: 'table',
          privilege: Privilege.Select,
          level: 'd.t', // the level's form; the table is known by its id only
          database: undefined,
          withGrantOption: false,
        }),
      );
      expect(privileges.every((grant) => /^\d+$/.test(grant.objectId))).toBe(true);

      expect((await client.accounts.listGrantedRoles({ user })).map((grant) => grant.role)).toContain(role);
    });

    it('a role granted to another role is listed under that role', async () => {
      await client.accounts.createRole({ name: parentRole });
      await client.accounts.grant({ roles: [role], to: [parentRole] });
      expect(await client.accounts.listGrantedRoles({ role: parentRole })).toEqual([
        expect.objectContaining({ role, withGrantOption: false }),
      ]);
    });

    it('in a transaction the catalog reads run and SHOW ROLES is refused before any SQL', async () => {
      const users = await client.transaction((tx) => tx.accounts.listUsers({ like: user }));
      expect(users.map((listed) => listed.name)).toEqual([user]);
      const before = events.length;
      const error = await client
        .transaction((tx) => tx.accounts.listRoles())
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TransactionRuleError);
      expect(events.slice(before).some((event) => /SHOW ROLES/i.test(event.sql))).toBe(false);
    });

    it('revoking the grant takes the table away; a new password replaces the old one', async () => {
      await client.accounts.revoke({
        privileges: [Privilege.Select],
        on: { type: 'table', database, table: 'items' },
        from: [role],
      });
      expect(
        (await client.accounts.listPrivileges({ role })).filter(
          (grant) => grant.privilege === Privilege.Select,
        ),
      ).toEqual([]);
      await client.accounts.alterUser({ name: user, password: newUserPassword });
      const asUser = loginAs(newUserPassword);
      try {
        await expect(asUser.query('SELECT 1 AS one')).resolves.toHaveLength(1);
        await expect(
          asUser.query(`SELECT COUNT(*) AS n FROM \`${database}\`.\`items\``),
        ).rejects.toMatchObject({ serverMessage: expect.stringMatching(/do not have privilege/) });
      } finally {
        await asUser.close();
      }
      const oldLogin = loginAs(userPassword);
      try {
        await expect(oldLogin.query('SELECT 1')).rejects.toBeInstanceOf(MatrixOneError);
      } finally {
        await oldLogin.close();
      }
    });

    it('drops the user, the role and the account', async () => {
      await client.accounts.dropUser({ name: user });
      await client.accounts.dropRole({ name: parentRole });
      await client.accounts.dropRole({ name: role });
      expect(await client.accounts.listUsers({ like: user })).toEqual([]);
      expect(await client.accounts.listRoles({ like: role })).toEqual([]);
      await client.accounts.dropAccount({ name: account });
      expect(await client.accounts.listAccounts({ like: account })).toEqual([]);
    });

    it('no query event carried a password', () => {
      const texts = events.map((event) => JSON.stringify(event));
      expect(texts.some((text) => text.includes('IDENTIFIED BY'))).toBe(true);
      for (const secret of [accountPassword, userPassword, newUserPassword]) {
        expect(texts.filter((text) => text.includes(secret))).toEqual([]);
      }
    });
  },
);
