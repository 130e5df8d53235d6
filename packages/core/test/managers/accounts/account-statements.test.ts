import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/errors/errors.js';
import {
  AccountStatus,
  Privilege,
  alterAccountStatement,
  alterUserStatement,
  createAccountStatement,
  createRoleStatement,
  createUserStatement,
  dropAccountStatement,
  dropRoleStatement,
  dropUserStatement,
  grantStatement,
  listAccountsStatement,
  revokeStatement,
} from '../../../src/managers/accounts/account-statements.js';
import { findStep, loadRecordedCase } from '../../support/recorded-cases.js';
import { sameStatement } from '../../support/recording-context.js';

const pubSub = loadRecordedCase('publication_subscription/pub_sub');
const snapshotLevels = loadRecordedCase('snapshot/sys_create_snapshot_for_sys_db_table_level');
const pitr = loadRecordedCase('pitr/pitr');
const transactions = loadRecordedCase('transactions/transaction_enhance');
const recorded = (steps: typeof pubSub, statement: string): string =>
  findStep(steps, (sql) => sameStatement(sql) === sameStatement(statement)).sql;

describe('account statements match the recorded cases', () => {
  it('CREATE ACCOUNT … ADMIN_NAME … IDENTIFIED BY', () => {
    const { sql } = createAccountStatement({
      name: 'test_tenant_1',
      adminName: 'test_account',
      password: '111',
    });
    expect(sql).toBe("CREATE ACCOUNT `test_tenant_1` ADMIN_NAME 'test_account' IDENTIFIED BY '111'");
    expect(sameStatement(sql)).toBe(
      sameStatement(
        recorded(pubSub, "create account test_tenant_1 admin_name 'test_account' identified by '111';"),
      ),
    );
  });

  it('CREATE ACCOUNT with every option, names lower-cased, literals escaped', () => {
    expect(
      createAccountStatement({
        name: 'Acc-01',
        adminName: 'root',
        password: "p'w\\d",
        status: AccountStatus.Suspend,
        comment: 'team',
        ifNotExists: true,
      }).sql,
    ).toBe(
      "CREATE ACCOUNT IF NOT EXISTS `acc-01` ADMIN_NAME 'root' IDENTIFIED BY 'p''w\\\\d' SUSPEND COMMENT 'team'",
    );
  });

  it('ALTER ACCOUNT takes exactly one change', () => {
    expect(alterAccountStatement({ name: 'a', status: 'open' }).sql).toBe('ALTER ACCOUNT `a` OPEN');
    expect(alterAccountStatement({ name: 'a', ifExists: true, status: 'restricted' }).sql).toBe(
      'ALTER ACCOUNT IF EXISTS `a` RESTRICTED',
    );
    expect(alterAccountStatement({ name: 'a', comment: 'c' }).sql).toBe("ALTER ACCOUNT `a` COMMENT 'c'");
    expect(alterAccountStatement({ name: 'a', adminName: 'root', password: 'pw' }).sql).toBe(
      "ALTER ACCOUNT `a` ADMIN_NAME 'root' IDENTIFIED BY 'pw'",
    );
    const twoChanges = { name: 'a', status: 'open', comment: 'c' } as unknown as Parameters<
      typeof alterAccountStatement
    >[0];
    expect(() => alterAccountStatement(twoChanges)).toThrow(InvalidInputError);
    expect(() => alterAccountStatement({ name: 'a' } as Parameters<typeof alterAccountStatement>[0])).toThrow(
      InvalidInputError,
    );
  });

  it('DROP ACCOUNT and SHOW ACCOUNTS', () => {
    expect(sameStatement(dropAccountStatement({ name: 'trans_acc1' }).sql)).toBe(
      sameStatement(recorded(transactions, 'drop account trans_acc1;')),
    );
    expect(dropAccountStatement({ name: 'test_tenant_1', ifExists: true }).sql).toBe(
      'DROP ACCOUNT IF EXISTS `test_tenant_1`',
    );
    expect(listAccountsStatement().sql).toBe('SHOW ACCOUNTS');
    expect(listAccountsStatement({ like: 'acc%' }).sql).toBe("SHOW ACCOUNTS LIKE 'acc%'");
  });

  it('users and roles', () => {
    const user = createUserStatement({ name: 'user1', password: '111', defaultRole: 'role1' }).sql;
    expect(user).toBe("CREATE USER `user1` IDENTIFIED BY '111' DEFAULT ROLE `role1`");
    expect(sameStatement(user)).toBe(
      sameStatement(recorded(snapshotLevels, "create user user1 identified by '111' default role role1;")),
    );
    expect(sameStatement(createUserStatement({ name: 'user01', password: '111' }).sql)).toBe(
      sameStatement(recorded(pitr, "create user user01 identified by '111';")),
    );
    expect(createUserStatement({ name: 'u', password: 'pw', comment: 'x', ifNotExists: true }).sql).toBe(
      "CREATE USER IF NOT EXISTS `u` IDENTIFIED BY 'pw' COMMENT 'x'",
    );
    expect(alterUserStatement({ name: 'u', password: 'new' }).sql).toBe("ALTER USER `u` IDENTIFIED BY 'new'");
    expect(alterUserStatement({ name: 'u', ifExists: true, locked: true }).sql).toBe(
      'ALTER USER IF EXISTS `u` LOCK',
    );
    expect(alterUserStatement({ name: 'u', locked: false }).sql).toBe('ALTER USER `u` UNLOCK');
    expect(sameStatement(dropUserStatement({ name: 'user01' }).sql)).toBe(
      sameStatement(recorded(pitr, 'drop user user01;')),
    );
    expect(dropUserStatement({ name: 'user01', ifExists: true }).sql).toBe('DROP USER IF EXISTS `user01`');
    expect(sameStatement(createRoleStatement({ name: 'role1' }).sql)).toBe(
      sameStatement(recorded(snapshotLevels, 'create role role1;')),
    );
    expect(createRoleStatement({ name: 'r', ifNotExists: true }).sql).toBe('CREATE ROLE IF NOT EXISTS `r`');
    expect(sameStatement(dropRoleStatement({ name: 'role1' }).sql)).toBe(
      sameStatement(recorded(snapshotLevels, 'drop role role1;')),
    );
  });

  it('grants and revokes', () => {
    const account = grantStatement({
      privileges: [Privilege.CreateDatabase],
      on: { type: 'account' },
      to: ['role1'],
    });
    expect(account.sql).toBe('GRANT CREATE DATABASE ON ACCOUNT * TO `role1`');
    expect(sameStatement(account.sql)).toBe(
      sameStatement(recorded(snapshotLevels, 'grant create database on account * to role1;')),
    );
    expect(
      grantStatement({
        privileges: [Privilege.CreateTable, Privilege.DropTable],
        on: { type: 'database' },
        to: ['role1'],
      }).sql,
    ).toBe('GRANT CREATE TABLE, DROP TABLE ON DATABASE *.* TO `role1`');
    expect(
      grantStatement({
        privileges: ['SELECT'],
        on: { type: 'table', database: 'db', table: 'src' },
        to: ['r1', 'r2'],
        withGrantOption: true,
      }).sql,
    ).toBe('GRANT SELECT ON TABLE `db`.`src` TO `r1`, `r2` WITH GRANT OPTION');
    expect(
      grantStatement({ privileges: ['ALL'], on: { type: 'table', database: 'db' }, to: ['r'] }).sql,
    ).toBe('GRANT ALL ON TABLE `db`.* TO `r`');
    expect(
      grantStatement({ privileges: ['ALL'], on: { type: 'database', database: 'db' }, to: ['r'] }).sql,
    ).toBe('GRANT ALL ON DATABASE `db` TO `r`');
    expect(grantStatement({ roles: ['r1'], to: ['u1', 'u2'] }).sql).toBe('GRANT `r1` TO `u1`, `u2`');
    expect(
      revokeStatement({
        privileges: ['SELECT'],
        on: { type: 'table', database: 'db', table: 't' },
        from: ['r'],
      }).sql,
    ).toBe('REVOKE SELECT ON TABLE `db`.`t` FROM `r`');
    expect(revokeStatement({ roles: ['r'], from: ['u'], ifExists: true }).sql).toBe(
      'REVOKE IF EXISTS `r` FROM `u`',
    );
  });
});

describe('account statements refuse unsafe input before any SQL', () => {
  it.each([
    ['an account name with a space', () => dropAccountStatement({ name: 'a b' })],
    [
      'an account name with a quote',
      () => createAccountStatement({ name: "a'", adminName: 'x', password: 'p' }),
    ],
    [
      'an admin name with a login separator',
      () => createAccountStatement({ name: 'a', adminName: 'x:y', password: 'p' }),
    ],
    ['an empty password', () => createUserStatement({ name: 'u', password: '' })],
    [
      'a password that is not a string',
      () => createUserStatement({ name: 'u', password: 1 as unknown as string }),
    ],
    ['a password with NUL', () => alterUserStatement({ name: 'u', password: 'a\0b' })],
    ['an unknown status', () => alterAccountStatement({ name: 'a', status: 'closed' as AccountStatus })],
    ['a user name with "#"', () => dropUserStatement({ name: 'u#1' })],
    [
      'an unknown privilege',
      () =>
        grantStatement({
          privileges: ['SELECT ON *.* TO x --' as Privilege],
          on: { type: 'account' },
          to: ['r'],
        }),
    ],
    ['no privileges', () => grantStatement({ privileges: [], on: { type: 'account' }, to: ['r'] })],
    ['no grantees', () => grantStatement({ roles: ['r'], to: [] })],
    [
      'an unknown object type',
      () => grantStatement({ privileges: ['ALL'], on: { type: 'view' } as never, to: ['r'] }),
    ],
    ['both password and lock', () => alterUserStatement({ name: 'u', password: 'p', locked: true } as never)],
  ])('%s', (_label, build) => {
    expect(build).toThrow(InvalidInputError);
  });

  it('never puts a rejected password into the error message', () => {
    let message = '';
    try {
      createUserStatement({ name: 'u', password: 'hunter2\0' });
    } catch (error) {
      message = String(error);
    }
    expect(message).toContain('NUL');
    expect(message).not.toContain('hunter2');
  });
});
