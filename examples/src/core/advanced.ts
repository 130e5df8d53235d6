/**
 * Core only, MatrixOne access control: a read-only login for a reporting tool. A role gets CONNECT on the account
 * and SELECT on every table of one database, a new user gets that role, the SDK lists what the role may do and
 * which roles the user holds, and the new login reads the table but cannot write to it. Everything is dropped at
 * the end. On a server that is not MatrixOne the access-control steps report "needs MatrixOne".
 */
import { randomBytes } from 'node:crypto';
import {
  ErrorKind,
  IdentifierKind,
  type MatrixOneClient,
  MatrixOneError,
  Privilege,
  createClient,
  isMatrixOneErrorOfKind,
  quoteIdentifier,
  resolveClientConfig,
} from '@matrixone/core';
import { createDatabase, dropAll } from '../support/cleanup.js';
import { type Example, runIfMain } from '../support/example.js';
import { uniqueSuffix } from '../support/server.js';

/** The core-only access-control example. */
export const coreAdvanced: Example = {
  title: 'core: advanced (a read-only reporting login)',
  async run(report, url) {
    const suffix = uniqueSuffix();
    const database = `example_access_${suffix}`;
    const role = `example_reporting_${suffix}`;
    const user = `example_reporter_${suffix}`;
    const password = `Rp-${randomBytes(12).toString('base64url')}`;
    const sales = `${quoteIdentifier(database, IdentifierKind.Database)}.${quoteIdentifier('sales', IdentifierKind.Table)}`;
    const admin = createClient(url);
    await createDatabase(admin, database);
    try {
      await report.step('create a sales table with two rows', async () => {
        await admin.execute(`CREATE TABLE ${sales} (id INT PRIMARY KEY, amount DECIMAL(10, 2) NOT NULL)`);
        await admin.execute(`INSERT INTO ${sales} (id, amount) VALUES (?, ?), (?, ?)`, [
          1,
          '10.50',
          2,
          '20.00',
        ]);
      });

      const created = await report.matrixOneStep('create the reporting role', async () => {
        await admin.accounts.createRole({ name: role });
        return role;
      });
      if (created === undefined) {
        for (const step of [
          'grant it CONNECT and SELECT on the database',
          'create the reporting user with that role',
          "list the role's privileges and the user's roles",
          'log in as the reporting user: reads work, writes are refused',
        ]) {
          report.notRun(step);
        }
        return;
      }

      await report.step('grant it CONNECT and SELECT on the database', async () => {
        await admin.accounts.grant({ privileges: [Privilege.Connect], on: { type: 'account' }, to: [role] });
        await admin.accounts.grant({
          privileges: [Privilege.Select],
          on: { type: 'table', database },
          to: [role],
        });
      });
      await report.step('create the reporting user with that role', () =>
        admin.accounts.createUser({ name: user, password, defaultRole: role }),
      );

      const privileges = await report.step(
        "list the role's privileges",
        () => admin.accounts.listPrivileges({ role }),
        (grants) =>
          grants.map((grant) => `${grant.privilegeText} on ${grant.objectType} ${grant.level}`).join(', '),
      );
      report.check(
        privileges.some(
          (grant) =>
            grant.privilege === Privilege.Select && grant.level === 'd.*' && grant.database === database,
        ),
        `the role may SELECT from every table of ${database}`,
      );
      const roles = await report.step(
        "list the user's roles",
        () => admin.accounts.listGrantedRoles({ user }),
        (grants) => grants.map((grant) => grant.role).join(', '),
      );
      report.check(
        roles.some((grant) => grant.role === role),
        'the user holds the reporting role',
      );

      const { host, port, login } = resolveClientConfig(url);
      const reporter = createClient({ host, port, account: login.account, user, role, password });
      try {
        const rows = await report.step(
          'log in as the reporting user and read the sales',
          () => reporter.query<{ total: string | number }>(`SELECT SUM(amount) AS total FROM ${sales}`),
          (result) => `total ${String(result[0]?.total)}`,
        );
        report.check(Number(rows[0]?.total) === 30.5, 'the reporting login reads every row');
        const refused = await report.failingStep('try to write as the reporting user', () =>
          reporter.execute(`INSERT INTO ${sales} (id, amount) VALUES (?, ?)`, [3, '1.00']),
        );
        report.check(refused instanceof MatrixOneError, 'the server refused the write (no INSERT privilege)');
      } finally {
        await reporter.close();
      }
    } finally {
      await dropAccessObjects(admin, { user, role });
      await dropAll(admin, { databases: [database] });
      await admin.close();
    }
  },
};

/** Drops the example's user and role; a server that is not MatrixOne has neither. */
async function dropAccessObjects(
  admin: MatrixOneClient,
  names: { readonly user: string; readonly role: string },
): Promise<void> {
  try {
    await admin.accounts.dropUser({ name: names.user, ifExists: true });
    await admin.accounts.dropRole({ name: names.role, ifExists: true });
  } catch (error) {
    if (!isMatrixOneErrorOfKind(error, ErrorKind.UnsupportedServer)) throw error;
  }
}

await runIfMain(import.meta.url, coreAdvanced);
