/**
 * The user, role and grant statements whose syntax MariaDB shares with MatrixOne, run on the real test server
 * with the flavor forced to MatrixOne: the server accepts the SDK's quoting, and a password with quotes and
 * backslashes arrives unchanged (the new user logs in with it).
 */
import { randomBytes } from 'node:crypto';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../../src/client/create-client.js';
import type { PooledClient } from '../../../src/client/create-client.js';

const db = useTestDatabase();
const suffix = randomBytes(4).toString('hex');
const user = `h5_u_${suffix}`;
const role = `h5_r_${suffix}`;
const password = `it's a "pass\\word" ${suffix}`;
const newPassword = `n3w'${suffix}\\`;
let client: PooledClient;

const loginWith = async (secret: string): Promise<unknown> => {
  const url = new URL(db.url);
  const connection = await mysql.createConnection({
    host: url.hostname,
    port: Number(url.port),
    user,
    password: secret,
  });
  try {
    const [rows] = await connection.query('SELECT CURRENT_USER() AS who');
    return rows;
  } finally {
    await connection.end();
  }
};

beforeAll(async () => {
  const url = new URL(db.url);
  url.searchParams.set('serverFlavor', 'matrixone');
  client = createClient(url.toString());
  await db.inspect.query('CREATE TABLE items (id INT PRIMARY KEY)');
});

afterAll(async () => {
  await client.accounts.dropUser({ name: user, ifExists: true });
  await client.accounts.dropRole({ name: role, ifExists: true });
  await client.close();
});

// MariaDB/MySQL checks (SHOW GRANTS text, mysql.user, CURRENT_USER(), errno 1045): MatrixOne grants privileges to
// roles only, with the object type after ON (docs/matrixone-facts.md#publications-accounts-data-branches),
// and keeps users in its own catalog. The real
// MatrixOne run is packages/core/test/live/accounts.live.test.ts.
describe.skipIf(testServer().flavor === 'matrixone')(
  'user, role and grant statements on the real server',
  () => {
    it('creates a user whose password with quotes and backslashes logs in unchanged', async () => {
      await client.accounts.createUser({ name: user, password });
      const rows = (await loginWith(password)) as { who: string }[];
      expect(rows[0]?.who).toMatch(new RegExp(`^${user}@`));
      await expect(loginWith(`${password}x`)).rejects.toMatchObject({ errno: 1045 });
    });

    it('changes the password', async () => {
      await client.accounts.alterUser({ name: user, password: newPassword });
      await expect(loginWith(newPassword)).resolves.toBeDefined();
      await expect(loginWith(password)).rejects.toMatchObject({ errno: 1045 });
    });

    it('grants a table privilege to a role and the role to the user, then revokes both', async () => {
      await client.accounts.createRole({ name: role });
      await client.accounts.grant({
        privileges: ['SELECT'],
        on: { type: 'table', database: db.name, table: 'items' },
        to: [role],
      });
      await client.accounts.grant({ roles: [role], to: [user] });
      const grants = async (): Promise<string> => {
        const [rows] = await db.inspect.query(`SHOW GRANTS FOR \`${user}\``);
        const [roleRows] = await db.inspect.query(`SHOW GRANTS FOR \`${role}\``);
        return JSON.stringify([rows, roleRows]);
      };
      const granted = await grants();
      expect(granted).toContain(`GRANT \`${role}\` TO`);
      expect(granted).toContain(`GRANT SELECT ON \`${db.name}\`.\`items\` TO`);
      await client.accounts.revoke({ roles: [role], from: [user] });
      await client.accounts.revoke({
        privileges: ['SELECT'],
        on: { type: 'table', database: db.name, table: 'items' },
        from: [role],
      });
      const revoked = await grants();
      expect(revoked).not.toContain(`GRANT \`${role}\` TO`);
      expect(revoked).not.toContain('GRANT SELECT');
    });

    it('drops the user and the role', async () => {
      await client.accounts.dropUser({ name: user });
      await client.accounts.dropRole({ name: role });
      const [users] = await db.inspect.query('SELECT COUNT(*) AS n FROM mysql.user WHERE User IN (?, ?)', [
        user,
        role,
      ]);
      expect((users as { n: number }[])[0]?.n).toBe(0);
      await expect(loginWith(newPassword)).rejects.toMatchObject({ errno: 1045 });
    });
  },
);
