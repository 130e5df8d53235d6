/**
 * Parsers for the role, user and grant listings built in `access-list-statements.ts`. Column names are those of
 * SHOW ROLES (`ROLE_NAME, CREATOR, CREATED_TIME, COMMENTS`) and of the catalog columns the SELECTs alias.
 */
import type { Row } from '../../connection/executor.js';
import { booleanCell, numberCell, requiredCell, textCell } from '../show-cell.js';
import { Privilege } from './account-statements.js';

/** A role of the current account, as SHOW ROLES lists it. */
export interface Role {
  /** Role name (lower-case, as stored). */
  readonly name: string;
  /** Id of the user who created it (`0` for the built-in roles `moadmin`/`accountadmin` and `public`). */
  readonly creatorId: number | undefined;
  /** When it was created: the server's text, session time zone. */
  readonly createdAt: string | undefined;
  /** The comment; empty when none. */
  readonly comment: string;
}

/** A user of the current account. */
export interface User {
  /** User name (lower-case, as stored). */
  readonly name: string;
  /** The host part MatrixOne stores (`localhost` unless one was given). */
  readonly host: string;
  /** The user's state as the server stores it (for example after ALTER USER … LOCK). */
  readonly status: string;
  /** When it was created: the server's text, session time zone. */
  readonly createdAt: string | undefined;
  /** Name of the role the user gets on login; `undefined` when none is set or it no longer exists. */
  readonly defaultRole: string | undefined;
}

/** One privilege granted to a role. */
export interface PrivilegeGrant {
  /** The role holding it. */
  readonly role: string;
  /** What kind of object it applies to: `account`, `database` or `table` (the server's text). */
  readonly objectType: string;
  /**
   * The privilege as a {@link Privilege} value; `undefined` for one this SDK does not know (see `privilegeText`).
   * MatrixOne stores ALL and OWNERSHIP with their object type (`table all`), which maps to `ALL`/`OWNERSHIP`.
   */
  readonly privilege: Privilege | undefined;
  /** The privilege as the server stores it, for example `select` or `create database`. */
  readonly privilegeText: string;
  /**
   * The level's form as MatrixOne stores it, not names: `*` (the account, or the current database's tables),
   * `*.*` (everything), `d` (one database), `d.*` (every table of one database), `d.t` or `t` (one table).
   */
  readonly level: string;
  /** The object's id in MatrixOne's catalog (`0` for the account and for `*.*`), as text: it is a BIGINT UNSIGNED. */
  readonly objectId: string;
  /**
   * The database's name when the object is a database (`d`, `d.*`, `*` on tables); `undefined` otherwise. A
   * table is identified by `objectId` only, as in MatrixOne's own SHOW GRANTS (which prints `d.t`).
   */
  readonly database: string | undefined;
  /** Whether the role may grant it on. */
  readonly withGrantOption: boolean;
  /** When it was granted: the server's text, session time zone. */
  readonly grantedAt: string | undefined;
}

/** A role granted to a user or to another role. */
export interface RoleGrant {
  /** The granted role. */
  readonly role: string;
  /** Whether the grantee may grant it on. */
  readonly withGrantOption: boolean;
  /** When it was granted: the server's text, session time zone. */
  readonly grantedAt: string | undefined;
}

const KNOWN_PRIVILEGES: ReadonlySet<string> = new Set(Object.values(Privilege));
/** Privilege texts that differ from the keyword granted (MatrixOne's `PrivilegeType.String()` over versions). */
const PRIVILEGE_ALIASES: Readonly<Record<string, Privilege>> = {
  'CREATE/ALTER/DROP INDEX': Privilege.Index,
};

/**
 * Turns one SHOW ROLES row into a {@link Role}.
 *
 * @example
 * parseRoleRow({ ROLE_NAME: 'reader', CREATOR: 1, CREATED_TIME: '2026-11-25 10:00:00', COMMENTS: '' });
 */
export function parseRoleRow(row: Row): Role {
  const cell = (column: string): unknown => requiredCell(row, column, 'SHOW ROLES');
  return {
    name: textCell(cell('ROLE_NAME')) ?? '',
    creatorId: numberCell(cell('CREATOR')),
    createdAt: textCell(cell('CREATED_TIME')),
    comment: textCell(cell('COMMENTS')) ?? '',
  };
}

/**
 * Turns one row of the user listing into a {@link User}.
 *
 * @example
 * parseUserRow({ user_name: 'alice', user_host: 'localhost', status: 'unlock', created_time: null, default_role: 'reader' });
 */
export function parseUserRow(row: Row): User {
  const cell = (column: string): unknown => requiredCell(row, column, 'the user listing');
  return {
    name: textCell(cell('user_name')) ?? '',
    host: textCell(cell('user_host')) ?? '',
    status: textCell(cell('status')) ?? '',
    createdAt: textCell(cell('created_time')),
    defaultRole: textCell(cell('default_role')),
  };
}

/**
 * Turns one row of the privilege listing into a {@link PrivilegeGrant}.
 *
 * @example
 * parsePrivilegeGrantRow({ role_name: 'reader', obj_type: 'table', privilege_name: 'select', privilege_level: 'd.*',
 *   obj_id: '272515', database_name: 'shop', with_grant_option: 0, granted_time: '2026-11-25 10:00:00' });
 */
export function parsePrivilegeGrantRow(row: Row): PrivilegeGrant {
  const cell = (column: string): unknown => requiredCell(row, column, 'the privilege listing');
  const objectType = textCell(cell('obj_type')) ?? '';
  const privilegeText = textCell(cell('privilege_name')) ?? '';
  return {
    role: textCell(cell('role_name')) ?? '',
    objectType,
    privilege: privilegeOf(privilegeText, objectType),
    privilegeText,
    level: textCell(cell('privilege_level')) ?? '',
    objectId: textCell(cell('obj_id')) ?? '',
    database: textCell(cell('database_name')),
    withGrantOption: booleanCell(cell('with_grant_option')) ?? false,
    grantedAt: textCell(cell('granted_time')),
  };
}

/**
 * Turns one row of the granted-roles listing into a {@link RoleGrant}.
 *
 * @example
 * parseRoleGrantRow({ role_name: 'reader', with_grant_option: 0, granted_time: '2026-11-25 10:00:00' });
 */
export function parseRoleGrantRow(row: Row): RoleGrant {
  const cell = (column: string): unknown => requiredCell(row, column, 'the granted-roles listing');
  return {
    role: textCell(cell('role_name')) ?? '',
    withGrantOption: booleanCell(cell('with_grant_option')) ?? false,
    grantedAt: textCell(cell('granted_time')),
  };
}

/** `select` → SELECT; `table all` on a table → ALL; unknown text → `undefined`. */
function privilegeOf(text: string, objectType: string): Privilege | undefined {
  let keyword = text.trim().toUpperCase();
  const typePrefix = `${objectType.trim().toUpperCase()} `;
  if (keyword === `${typePrefix}ALL` || keyword === `${typePrefix}OWNERSHIP`) {
    keyword = keyword.slice(typePrefix.length);
  }
  if (KNOWN_PRIVILEGES.has(keyword)) return keyword as Privilege;
  return PRIVILEGE_ALIASES[keyword];
}
