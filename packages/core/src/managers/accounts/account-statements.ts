/**
 * Pure builders for account, user, role and grant statements
 * (docs/matrixone-facts.md#publications-accounts-data-branches). No I/O. Names go through the
 * identifier module; admin names, passwords and comments are string literals from the literal module,
 * because `IDENTIFIED BY` and `COMMENT` take a literal in MatrixOne's grammar. Statements that carry a
 * password must only ever be reported through `redactSql` / `redactSecrets`.
 */
import type { Statement } from '../../connection/executor.js';
import { InvalidInputError } from '../../errors/errors.js';
import {
  IdentifierKind,
  normalizeCatalogName,
  quoteIdentifier,
  validateIdentifier,
} from '../../sql/identifier.js';
import { likeClause, quoteString } from '../../sql/literal.js';
import { oneOf } from '../one-of.js';

/** An account's state, as an `as const` object and a matching union (SHOW ACCOUNTS `status`). */
export const AccountStatus = {
  Open: 'open',
  Suspend: 'suspend',
  Restricted: 'restricted',
} as const;
/** One of {@link AccountStatus}'s values. */
export type AccountStatus = (typeof AccountStatus)[keyof typeof AccountStatus];

/**
 * Privileges a role can be granted, as an `as const` object and a matching union. The names are MatrixOne's
 * (its access-control documentation); the reference records `ALL`, `CREATE TABLE`, `DROP TABLE` and `SELECT`.
 */
export const Privilege = {
  All: 'ALL',
  Ownership: 'OWNERSHIP',
  CreateUser: 'CREATE USER',
  DropUser: 'DROP USER',
  AlterUser: 'ALTER USER',
  CreateRole: 'CREATE ROLE',
  DropRole: 'DROP ROLE',
  CreateDatabase: 'CREATE DATABASE',
  DropDatabase: 'DROP DATABASE',
  ShowDatabases: 'SHOW DATABASES',
  Connect: 'CONNECT',
  ManageGrants: 'MANAGE GRANTS',
  ShowTables: 'SHOW TABLES',
  CreateTable: 'CREATE TABLE',
  DropTable: 'DROP TABLE',
  AlterTable: 'ALTER TABLE',
  CreateView: 'CREATE VIEW',
  DropView: 'DROP VIEW',
  AlterView: 'ALTER VIEW',
  Select: 'SELECT',
  Insert: 'INSERT',
  Update: 'UPDATE',
  Delete: 'DELETE',
  Truncate: 'TRUNCATE',
  Reference: 'REFERENCE',
  Index: 'INDEX',
} as const;
/** One of {@link Privilege}'s values. */
export type Privilege = (typeof Privilege)[keyof typeof Privilege];

const KNOWN_PRIVILEGES: ReadonlySet<string> = new Set(Object.values(Privilege));

/**
 * What a privilege applies to: the whole account (`ON ACCOUNT *`), every database (`ON DATABASE *.*`) or one,
 * every table of a database (`ON TABLE db.*`) or one table.
 */
export type PrivilegeObject =
  | { readonly type: 'account' }
  | { readonly type: 'database'; readonly database?: string }
  | { readonly type: 'table'; readonly database: string; readonly table?: string };

/** Options of {@link AccountManager.createAccount}. */
export interface CreateAccountOptions {
  /** Account (tenant) name: letters, digits, `_` and `-`; sent lower-cased. */
  readonly name: string;
  /** The account's first administrator user. */
  readonly adminName: string;
  /** The administrator's password. Never logged: reported SQL shows `IDENTIFIED BY '***'`. */
  readonly password: string;
  /** Initial state; the server's default (open) when omitted. */
  readonly status?: AccountStatus;
  /** A comment stored with the account. */
  readonly comment?: string;
  /** Do nothing when the account exists. */
  readonly ifNotExists?: boolean;
}

/** What every {@link AlterAccountOptions} names: the account, and whether a missing one is an error. */
export interface AlterAccountBase {
  /** Account name. */
  readonly name: string;
  /** Succeed without changes when the account does not exist. */
  readonly ifExists?: boolean;
}

/**
 * Options of {@link AccountManager.alterAccount}: exactly one change, as MatrixOne takes one option at a time —
 * the administrator's password, the state, or the comment.
 */
export type AlterAccountOptions = AlterAccountBase &
  (
    | {
        readonly adminName: string;
        readonly password: string;
        readonly status?: never;
        readonly comment?: never;
      }
    | {
        readonly status: AccountStatus;
        readonly adminName?: never;
        readonly password?: never;
        readonly comment?: never;
      }
    | {
        readonly comment: string;
        readonly adminName?: never;
        readonly password?: never;
        readonly status?: never;
      }
  );

/** Options of {@link AccountManager.dropAccount}. */
export interface DropAccountOptions {
  /** Account name. */
  readonly name: string;
  /** Succeed when the account does not exist. */
  readonly ifExists?: boolean;
}

/** Options of {@link AccountManager.listAccounts}. */
export interface ListAccountsOptions {
  /** A LIKE pattern on the account name. */
  readonly like?: string;
}

/** Options of {@link AccountManager.createUser}. */
export interface CreateUserOptions {
  /** User name (no `:` or `#`). */
  readonly name: string;
  /** The user's password. Never logged. */
  readonly password: string;
  /** The role the user gets on login. */
  readonly defaultRole?: string;
  /** A comment stored with the user. */
  readonly comment?: string;
  /** Do nothing when the user exists. */
  readonly ifNotExists?: boolean;
}

/** Options of {@link AccountManager.alterUser}: a new password, or lock/unlock. */
export type AlterUserOptions = {
  /** User name. */
  readonly name: string;
  /** Succeed without changes when the user does not exist. */
  readonly ifExists?: boolean;
} & (
  | { readonly password: string; readonly locked?: never }
  | { readonly locked: boolean; readonly password?: never }
);

/** Options of {@link AccountManager.dropUser}. */
export interface DropUserOptions {
  /** User name. */
  readonly name: string;
  /** Succeed when the user does not exist. */
  readonly ifExists?: boolean;
}

/** Options of {@link AccountManager.createRole}. */
export interface CreateRoleOptions {
  /** Role name (no `:` or `#`). */
  readonly name: string;
  /** Do nothing when the role exists. */
  readonly ifNotExists?: boolean;
}

/** Options of {@link AccountManager.dropRole}. */
export interface DropRoleOptions {
  /** Role name. */
  readonly name: string;
  /** Succeed when the role does not exist. */
  readonly ifExists?: boolean;
}

/** Grant privileges on an object to roles (MatrixOne grants privileges to roles only). */
export interface GrantPrivilegesOptions {
  /** The privileges; at least one. */
  readonly privileges: readonly Privilege[];
  /** What they apply to. */
  readonly on: PrivilegeObject;
  /** The roles that receive them. */
  readonly to: readonly string[];
  /** Let the roles grant them on. */
  readonly withGrantOption?: boolean;
  /** Not used in this form (it grants privileges, not roles). */
  readonly roles?: never;
}

/** Grant roles to users or to other roles. */
export interface GrantRolesOptions {
  /** The roles to grant. */
  readonly roles: readonly string[];
  /** The users or roles that receive them. */
  readonly to: readonly string[];
  /** Let them grant the roles on. */
  readonly withGrantOption?: boolean;
  /** Not used in this form (it grants roles, not privileges). */
  readonly privileges?: never;
  /** Not used in this form. */
  readonly on?: never;
}

/** Options of {@link AccountManager.grant}: privileges to roles, or roles to users/roles. */
export type GrantOptions = GrantPrivilegesOptions | GrantRolesOptions;

/** Revoke privileges on an object from roles. */
export interface RevokePrivilegesOptions {
  /** The privileges to take away; at least one. */
  readonly privileges: readonly Privilege[];
  /** What they applied to. */
  readonly on: PrivilegeObject;
  /** The roles that lose them. */
  readonly from: readonly string[];
  /** Succeed when a grant does not exist. */
  readonly ifExists?: boolean;
  /** Not used in this form (it revokes privileges, not roles). */
  readonly roles?: never;
}

/** Revoke roles from users or roles. */
export interface RevokeRolesOptions {
  /** The roles to take away. */
  readonly roles: readonly string[];
  /** The users or roles that lose them. */
  readonly from: readonly string[];
  /** Succeed when a grant does not exist. */
  readonly ifExists?: boolean;
  /** Not used in this form (it revokes roles, not privileges). */
  readonly privileges?: never;
  /** Not used in this form. */
  readonly on?: never;
}

/** Options of {@link AccountManager.revoke}. */
export type RevokeOptions = RevokePrivilegesOptions | RevokeRolesOptions;

const accountName = (name: unknown): string =>
  quoteIdentifier(normalizeCatalogName(name, IdentifierKind.Account), IdentifierKind.Account);
const userName = (name: unknown): string => quoteIdentifier(name, IdentifierKind.User);
const roleName = (name: unknown): string => quoteIdentifier(name, IdentifierKind.Role);
const ifExists = (flag: boolean | undefined): string => (flag ? ' IF EXISTS' : '');
const ifNotExists = (flag: boolean | undefined): string => (flag ? ' IF NOT EXISTS' : '');

/** `IDENTIFIED BY '…'`: the password as an escaped literal (MatrixOne takes no placeholder in CREATE USER). */
function identifiedBy(password: unknown): string {
  if (typeof password === 'string' && password.length === 0) {
    throw new InvalidInputError('password', 'The password must not be empty.');
  }
  return `IDENTIFIED BY ${quoteString(password, 'password')}`;
}

function statusKeyword(status: unknown): string {
  return oneOf(status, AccountStatus, 'status', 'The account status').toUpperCase();
}

function nameList(names: unknown, argument: string, quote: (name: unknown) => string): string {
  if (!Array.isArray(names) || names.length === 0) {
    throw new InvalidInputError(argument, `The ${argument} must be a non-empty array of names.`);
  }
  return names.map(quote).join(', ');
}

function privilegeList(privileges: unknown): string {
  if (!Array.isArray(privileges) || privileges.length === 0) {
    throw new InvalidInputError('privileges', 'The privileges must be a non-empty array.');
  }
  for (const privilege of privileges) {
    if (!KNOWN_PRIVILEGES.has(privilege)) {
      throw new InvalidInputError(
        'privileges',
        `Unknown privilege ${JSON.stringify(privilege)}; use one of the Privilege values, such as Privilege.Select.`,
      );
    }
  }
  return privileges.join(', ');
}

function privilegeObject(on: PrivilegeObject): string {
  switch (on?.type) {
    case 'account':
      return 'ON ACCOUNT *';
    case 'database':
      return `ON DATABASE ${on.database === undefined ? '*.*' : quoteIdentifier(on.database, IdentifierKind.Database)}`;
    case 'table':
      return (
        `ON TABLE ${quoteIdentifier(on.database, IdentifierKind.Database)}.` +
        (on.table === undefined ? '*' : quoteIdentifier(on.table, IdentifierKind.Table))
      );
    default:
      throw new InvalidInputError(
        'on',
        "The privilege object type must be 'account', 'database' or 'table'.",
      );
  }
}

const isPrivilegeForm = (options: GrantOptions | RevokeOptions): boolean =>
  options.privileges !== undefined || options.on !== undefined;

/**
 * `CREATE ACCOUNT [IF NOT EXISTS] acc ADMIN_NAME 'admin' IDENTIFIED BY 'pw' [OPEN|SUSPEND|RESTRICTED] [COMMENT '…']`.
 *
 * @example
 * createAccountStatement({ name: 'acc1', adminName: 'admin', password: 'pw' });
 * // { sql: "CREATE ACCOUNT `acc1` ADMIN_NAME 'admin' IDENTIFIED BY 'pw'" }
 */
export function createAccountStatement(options: CreateAccountOptions): Statement {
  const parts = [
    `CREATE ACCOUNT${ifNotExists(options.ifNotExists)} ${accountName(options.name)}`,
    `ADMIN_NAME ${quoteString(validateIdentifier(options.adminName, IdentifierKind.User), 'admin name')}`,
    identifiedBy(options.password),
  ];
  if (options.status !== undefined) parts.push(statusKeyword(options.status));
  if (options.comment !== undefined) parts.push(`COMMENT ${quoteString(options.comment, 'comment')}`);
  return { sql: parts.join(' '), secrets: [options.password] };
}

/**
 * `ALTER ACCOUNT [IF EXISTS] acc {ADMIN_NAME 'admin' IDENTIFIED BY 'pw' | OPEN | SUSPEND | RESTRICTED | COMMENT '…'}`.
 *
 * @example
 * alterAccountStatement({ name: 'acc1', status: 'suspend' }); // { sql: 'ALTER ACCOUNT `acc1` SUSPEND' }
 */
export function alterAccountStatement(options: AlterAccountOptions): Statement {
  const given = [
    options.adminName !== undefined || options.password !== undefined,
    options.status !== undefined,
    options.comment !== undefined,
  ].filter(Boolean).length;
  if (given !== 1) {
    throw new InvalidInputError(
      'account change',
      'Pass exactly one change to alterAccount: adminName with password, status, or comment (MatrixOne takes one option at a time).',
    );
  }
  const head = `ALTER ACCOUNT${ifExists(options.ifExists)} ${accountName(options.name)}`;
  if (options.status !== undefined) return { sql: `${head} ${statusKeyword(options.status)}` };
  if (options.comment !== undefined)
    return { sql: `${head} COMMENT ${quoteString(options.comment, 'comment')}` };
  return {
    sql:
      `${head} ADMIN_NAME ${quoteString(validateIdentifier(options.adminName, IdentifierKind.User), 'admin name')} ` +
      identifiedBy(options.password),
    secrets: [String(options.password)],
  };
}

/**
 * `DROP ACCOUNT [IF EXISTS] acc`.
 *
 * @example
 * dropAccountStatement({ name: 'acc1', ifExists: true }); // { sql: 'DROP ACCOUNT IF EXISTS `acc1`' }
 */
export function dropAccountStatement(options: DropAccountOptions): Statement {
  return { sql: `DROP ACCOUNT${ifExists(options.ifExists)} ${accountName(options.name)}` };
}

/**
 * `SHOW ACCOUNTS [LIKE '…']`.
 *
 * @example
 * listAccountsStatement(); // { sql: 'SHOW ACCOUNTS' }
 */
export function listAccountsStatement(options: ListAccountsOptions = {}): Statement {
  return {
    sql: `SHOW ACCOUNTS${likeClause(options.like)}`,
  };
}

/**
 * `CREATE USER [IF NOT EXISTS] u IDENTIFIED BY 'pw' [DEFAULT ROLE r] [COMMENT '…']`.
 *
 * @example
 * createUserStatement({ name: 'alice', password: 'pw', defaultRole: 'reader' });
 * // { sql: "CREATE USER `alice` IDENTIFIED BY 'pw' DEFAULT ROLE `reader`" }
 */
export function createUserStatement(options: CreateUserOptions): Statement {
  const parts = [
    `CREATE USER${ifNotExists(options.ifNotExists)} ${userName(options.name)}`,
    identifiedBy(options.password),
  ];
  if (options.defaultRole !== undefined) parts.push(`DEFAULT ROLE ${roleName(options.defaultRole)}`);
  if (options.comment !== undefined) parts.push(`COMMENT ${quoteString(options.comment, 'comment')}`);
  return { sql: parts.join(' '), secrets: [options.password] };
}

/**
 * `ALTER USER [IF EXISTS] u IDENTIFIED BY 'pw'` or `ALTER USER [IF EXISTS] u {LOCK | UNLOCK}`.
 *
 * @example
 * alterUserStatement({ name: 'alice', locked: true }); // { sql: 'ALTER USER `alice` LOCK' }
 */
export function alterUserStatement(options: AlterUserOptions): Statement {
  const head = `ALTER USER${ifExists(options.ifExists)} ${userName(options.name)}`;
  if (options.password !== undefined && options.locked === undefined) {
    return { sql: `${head} ${identifiedBy(options.password)}`, secrets: [options.password] };
  }
  if (typeof options.locked === 'boolean' && options.password === undefined) {
    return { sql: `${head} ${options.locked ? 'LOCK' : 'UNLOCK'}` };
  }
  throw new InvalidInputError('user change', 'Pass exactly one change to alterUser: password, or locked.');
}

/**
 * `DROP USER [IF EXISTS] u`.
 *
 * @example
 * dropUserStatement({ name: 'alice' }); // { sql: 'DROP USER `alice`' }
 */
export function dropUserStatement(options: DropUserOptions): Statement {
  return { sql: `DROP USER${ifExists(options.ifExists)} ${userName(options.name)}` };
}

/**
 * `CREATE ROLE [IF NOT EXISTS] r`.
 *
 * @example
 * createRoleStatement({ name: 'reader' }); // { sql: 'CREATE ROLE `reader`' }
 */
export function createRoleStatement(options: CreateRoleOptions): Statement {
  return { sql: `CREATE ROLE${ifNotExists(options.ifNotExists)} ${roleName(options.name)}` };
}

/**
 * `DROP ROLE [IF EXISTS] r`.
 *
 * @example
 * dropRoleStatement({ name: 'reader', ifExists: true }); // { sql: 'DROP ROLE IF EXISTS `reader`' }
 */
export function dropRoleStatement(options: DropRoleOptions): Statement {
  return { sql: `DROP ROLE${ifExists(options.ifExists)} ${roleName(options.name)}` };
}

/**
 * `GRANT priv, … ON {ACCOUNT | DATABASE | TABLE} level TO role, … [WITH GRANT OPTION]`, or
 * `GRANT role, … TO user_or_role, … [WITH GRANT OPTION]`.
 *
 * @example
 * grantStatement({ privileges: [Privilege.Select], on: { type: 'table', database: 'shop', table: 'orders' }, to: ['reader'] });
 * // { sql: 'GRANT SELECT ON TABLE `shop`.`orders` TO `reader`' }
 * grantStatement({ roles: ['reader'], to: ['alice'] }); // { sql: 'GRANT `reader` TO `alice`' }
 */
export function grantStatement(options: GrantOptions): Statement {
  const withGrant = options.withGrantOption ? ' WITH GRANT OPTION' : '';
  if (isPrivilegeForm(options)) {
    const form = options as GrantPrivilegesOptions;
    return {
      sql:
        `GRANT ${privilegeList(form.privileges)} ${privilegeObject(form.on)} ` +
        `TO ${nameList(form.to, 'grantee roles', roleName)}${withGrant}`,
    };
  }
  return {
    sql: `GRANT ${nameList(options.roles, 'roles', roleName)} TO ${nameList(options.to, 'grantees', userName)}${withGrant}`,
  };
}

/**
 * `REVOKE [IF EXISTS] priv, … ON … FROM role, …`, or `REVOKE [IF EXISTS] role, … FROM user_or_role, …`.
 *
 * @example
 * revokeStatement({ roles: ['reader'], from: ['alice'] }); // { sql: 'REVOKE `reader` FROM `alice`' }
 */
export function revokeStatement(options: RevokeOptions): Statement {
  const head = `REVOKE${ifExists(options.ifExists)}`;
  if (isPrivilegeForm(options)) {
    const form = options as RevokePrivilegesOptions;
    return {
      sql: `${head} ${privilegeList(form.privileges)} ${privilegeObject(form.on)} FROM ${nameList(form.from, 'roles', roleName)}`,
    };
  }
  return {
    sql: `${head} ${nameList(options.roles, 'roles', roleName)} FROM ${nameList(options.from, 'users or roles', userName)}`,
  };
}
