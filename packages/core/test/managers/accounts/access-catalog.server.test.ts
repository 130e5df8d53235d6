/**
 * The user, privilege and granted-role listings run on the real test server (flavor forced to MatrixOne) against
 * a `mo_catalog` built from MatrixOne's published catalog DDL (`mo_user`, `mo_role`, `mo_role_privs`,
 * `mo_user_grant`, `mo_role_grant`, `mo_database`; the columns the SELECTs read, with MatrixOne's types). Privilege
 * rows store the level's form and the object's id, as MatrixOne's clone_copy_grants_scope case records. This proves the SQL,
 * the joins, the bound values and the parsing on a real MySQL-dialect server; the live suite runs the same calls
 * on MatrixOne's own catalog. SHOW ROLES has no MariaDB equivalent and is covered by the parser and live tests.
 */
import { testServer, useTestDatabase } from '@matrixone/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PooledClient, createClient } from '../../../src/client/create-client.js';
import { InvalidInputError } from '../../../src/errors/errors.js';
import { Privilege } from '../../../src/managers/accounts/account-statements.js';

const db = useTestDatabase();
const CATALOG_DDL = [
  `CREATE TABLE mo_catalog.mo_user (user_id INT SIGNED AUTO_INCREMENT PRIMARY KEY, user_host VARCHAR(100),
     user_name VARCHAR(300) UNIQUE KEY, authentication_string VARCHAR(100), status VARCHAR(8),
     created_time TIMESTAMP NULL, default_role INT SIGNED)`,
  `CREATE TABLE mo_catalog.mo_role (role_id INT SIGNED AUTO_INCREMENT PRIMARY KEY,
     role_name VARCHAR(300) UNIQUE KEY, creator INT SIGNED, owner INT SIGNED, created_time TIMESTAMP NULL,
     comments TEXT)`,
  `CREATE TABLE mo_catalog.mo_user_grant (role_id INT SIGNED, user_id INT SIGNED, granted_time TIMESTAMP NULL,
     with_grant_option BOOL, PRIMARY KEY (role_id, user_id))`,
  `CREATE TABLE mo_catalog.mo_role_grant (granted_id INT SIGNED, grantee_id INT SIGNED,
     operation_role_id INT SIGNED, operation_user_id INT SIGNED, granted_time TIMESTAMP NULL,
     with_grant_option BOOL, PRIMARY KEY (granted_id, grantee_id))`,
  `CREATE TABLE mo_catalog.mo_role_privs (role_id INT SIGNED, role_name VARCHAR(100), obj_type VARCHAR(16),
     obj_id BIGINT UNSIGNED, privilege_id INT, privilege_name VARCHAR(100), privilege_level VARCHAR(100),
     operation_user_id INT UNSIGNED, granted_time TIMESTAMP NULL, with_grant_option BOOL,
     PRIMARY KEY (role_id, obj_type, obj_id, privilege_id, privilege_level))`,
  `CREATE TABLE mo_catalog.mo_database (dat_id BIGINT UNSIGNED PRIMARY KEY, datname VARCHAR(5000),
     account_id INT UNSIGNED)`,
];
const T = '2026-11-25 10:00:00';
const CATALOG_ROWS = [
  `INSERT INTO mo_catalog.mo_role VALUES (0, 'moadmin', 0, 0, '${T}', ''), (1, 'public', 0, 0, '${T}', ''),
     (2, 'reader', 1, 0, '${T}', 'reads'), (3, 'writer', 1, 0, '${T}', ''), (4, 'admins', 1, 0, '${T}', '')`,
  `INSERT INTO mo_catalog.mo_user VALUES (1, 'localhost', 'root', 'root-secret', 'unlock', '${T}', 0),
     (2, 'localhost', 'alice', 'alice-plain-password', 'unlock', '${T}', 2),
     (3, '192.168.1.10', 'bob', 'bob-plain-password', 'lock', '${T}', 99)`,
  `INSERT INTO mo_catalog.mo_user_grant VALUES (1, 2, '${T}', false), (2, 2, '${T}', false),
     (3, 2, '${T}', true), (0, 1, '${T}', true)`,
  `INSERT INTO mo_catalog.mo_role_grant VALUES (2, 4, 0, 1, '${T}', false), (3, 4, 0, 1, '${T}', true)`,
  `INSERT INTO mo_catalog.mo_database VALUES (272510, 'shop', 0), (272520, 'hr', 0)`,
  `INSERT INTO mo_catalog.mo_role_privs VALUES
     (2, 'reader', 'table', 272511, 10, 'select', 'd.t', 1, '${T}', false),
     (2, 'reader', 'table', 272520, 10, 'select', 'd.*', 1, '${T}', false),
     (2, 'reader', 'account', 0, 20, 'connect', '*', 1, '${T}', false),
     (2, 'reader', 'database', 272510, 30, 'create table', 'd', 1, '${T}', false),
     (3, 'writer', 'table', 0, 30, 'table all', '*.*', 1, '${T}', true)`,
];

describe.skipIf(testServer().flavor === 'matrixone')(
  'listing users and grants from a MatrixOne-shaped catalog',
  () => {
    let client: PooledClient;

    beforeAll(async () => {
      await db.inspect.query('DROP DATABASE IF EXISTS mo_catalog');
      await db.inspect.query('CREATE DATABASE mo_catalog');
      for (const sql of CATALOG_DDL) await db.inspect.query(sql);
      // MatrixOne's built-in role `moadmin` has role_id 0, which MariaDB would otherwise replace with the next id.
      await db.inspect.query(
        "SET @saved_sql_mode = @@sql_mode, sql_mode = CONCAT(@@sql_mode, ',NO_AUTO_VALUE_ON_ZERO')",
      );
      for (const sql of CATALOG_ROWS) await db.inspect.query(sql);
      await db.inspect.query('SET sql_mode = @saved_sql_mode');
      const url = new URL(db.url);
      url.searchParams.set('serverFlavor', 'matrixone');
      client = createClient(url.toString());
    });

    afterAll(async () => {
      await client?.close();
      await db.inspect.query('DROP DATABASE IF EXISTS mo_catalog');
    });

    it('listUsers gives every user in name order with its default role, and no password column', async () => {
      const users = await client.accounts.listUsers();
      expect(users).toEqual([
        { name: 'alice', host: 'localhost', status: 'unlock', createdAt: T, defaultRole: 'reader' },
        { name: 'bob', host: '192.168.1.10', status: 'lock', createdAt: T, defaultRole: undefined },
        { name: 'root', host: 'localhost', status: 'unlock', createdAt: T, defaultRole: 'moadmin' },
      ]);
      expect(JSON.stringify(users)).not.toMatch(/password|secret/);
    });

    it('listUsers binds the LIKE pattern', async () => {
      expect((await client.accounts.listUsers({ like: 'a%' })).map((user) => user.name)).toEqual(['alice']);
      expect(await client.accounts.listUsers({ like: "x' OR '1'='1" })).toEqual([]);
    });

    it("listPrivileges gives one role's privileges, matching the role name case-insensitively", async () => {
      const grant = { role: 'reader', withGrantOption: false, grantedAt: T };
      expect(await client.accounts.listPrivileges({ role: 'Reader' })).toEqual([
        {
          ...grant,
          objectType: 'account',
          privilege: Privilege.Connect,
          privilegeText: 'connect',
          level: '*',
          objectId: '0',
          database: undefined,
        },
        {
          ...grant,
          objectType: 'database',
          privilege: Privilege.CreateTable,
          privilegeText: 'create table',
          level: 'd',
          objectId: '272510',
          database: 'shop',
        },
        {
          ...grant,
          objectType: 'table',
          privilege: Privilege.Select,
          privilegeText: 'select',
          level: 'd.*',
          objectId: '272520',
          database: 'hr',
        },
        {
          ...grant,
          objectType: 'table',
          privilege: Privilege.Select,
          privilegeText: 'select',
          level: 'd.t',
          objectId: '272511',
          database: undefined,
        },
      ]);
      expect(await client.accounts.listPrivileges({ role: 'writer' })).toMatchObject([
        {
          privilege: Privilege.All,
          privilegeText: 'table all',
          level: '*.*',
          database: undefined,
          withGrantOption: true,
        },
      ]);
      // The role name is a bound value: SQL in it matches no role. Quotes are refused before that (MatrixOne
      // copies role names between quotes into its own catalog SQL).
      expect(await client.accounts.listPrivileges({ role: 'reader` OR 1=1 --' })).toEqual([]);
      await expect(client.accounts.listPrivileges({ role: "reader' OR '1'='1" })).rejects.toBeInstanceOf(
        InvalidInputError,
      );
    });

    it('listGrantedRoles gives the roles of a user and the roles granted to a role', async () => {
      expect(await client.accounts.listGrantedRoles({ user: 'ALICE' })).toEqual([
        { role: 'public', withGrantOption: false, grantedAt: T },
        { role: 'reader', withGrantOption: false, grantedAt: T },
        { role: 'writer', withGrantOption: true, grantedAt: T },
      ]);
      expect((await client.accounts.listGrantedRoles({ role: 'admins' })).map((grant) => grant.role)).toEqual(
        ['reader', 'writer'],
      );
      expect(await client.accounts.listGrantedRoles({ user: 'nobody' })).toEqual([]);
    });

    it('the catalog reads run inside a transaction, on its connection', async () => {
      const seen = await client.transaction(async (tx) => {
        const users = await tx.accounts.listUsers({ like: 'bob' });
        const grants = await tx.accounts.listGrantedRoles({ role: 'admins' });
        return { users: users.map((user) => user.name), grants: grants.length };
      });
      expect(seen).toEqual({ users: ['bob'], grants: 2 });
    });
  },
);
