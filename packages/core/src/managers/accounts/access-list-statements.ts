/**
 * Pure builders for listing roles, users and grants. No I/O.
 *
 * The reference names `SHOW ROLES` only in its transaction table and gives no user or grant listing, so these
 * follow MatrixOne's public documentation and source (recorded in `docs/matrixone-facts.md`, "Roles, users and
 * grants"):
 * - `SHOW ROLES [LIKE 'pat']` reads `mo_catalog.mo_role` and prints `ROLE_NAME, CREATOR, CREATED_TIME, COMMENTS`;
 * - MatrixOne has no SHOW USERS; its own tests read users, privileges and role grants from the account's catalog
 *   tables `mo_user`, `mo_role`, `mo_role_privs`, `mo_user_grant`, `mo_role_grant` (and `mo_database` for names),
 *   and so do these SELECTs.
 *   They never read `mo_user.authentication_string`, which older servers keep as the plain password.
 * Role and user names are compared lower-cased, the form MatrixOne stores them in; values are `?` placeholders.
 */
import type { Statement } from '../../connection/executor.js';
import { InvalidInputError } from '../../errors/errors.js';
import { IdentifierKind, normalizeCatalogName } from '../../sql/identifier.js';
import { likeClause } from '../../sql/literal.js';

/** Options of {@link AccountManager.listRoles}. */
export interface ListRolesOptions {
  /** A LIKE pattern on the role name. */
  readonly like?: string;
}

/** Options of {@link AccountManager.listUsers}. */
export interface ListUsersOptions {
  /** A LIKE pattern on the user name. */
  readonly like?: string;
}

/** Options of {@link AccountManager.listPrivileges}. */
export interface ListPrivilegesOptions {
  /** The role whose privileges to list. */
  readonly role: string;
}

/** Options of {@link AccountManager.listGrantedRoles}: the roles granted to one user, or to one role. */
export type ListGrantedRolesOptions =
  | { readonly user: string; readonly role?: never }
  | { readonly role: string; readonly user?: never };

/**
 * `SHOW ROLES [LIKE '…']`: the current account's roles.
 *
 * @example
 * listRolesStatement({ like: 'app_%' }); // { sql: "SHOW ROLES LIKE 'app_%'" }
 */
export function listRolesStatement(options: ListRolesOptions = {}): Statement {
  return {
    sql: `SHOW ROLES${likeClause(options.like)}`,
  };
}

/**
 * The current account's users with their host, state, creation time and default role, from `mo_catalog.mo_user`.
 *
 * @example
 * listUsersStatement({ like: 'app%' }).values; // ['app%']
 */
export function listUsersStatement(options: ListUsersOptions = {}): Statement {
  const filter = options.like === undefined ? '' : ' WHERE u.user_name LIKE ?';
  return {
    sql:
      'SELECT u.user_name AS user_name, u.user_host AS user_host, u.status AS status, ' +
      'u.created_time AS created_time, r.role_name AS default_role ' +
      'FROM mo_catalog.mo_user AS u LEFT JOIN mo_catalog.mo_role AS r ON r.role_id = u.default_role' +
      `${filter} ORDER BY u.user_name`,
    ...(options.like === undefined ? {} : { values: [likePattern(options.like)] }),
  };
}

/**
 * The privileges granted to one role, from `mo_catalog.mo_role_privs`. MatrixOne stores the level's form
 * (`*`, `*.*`, `d`, `d.*`, `d.t`, `t`) and the object's id, not its name; the database's name is joined from
 * `mo_catalog.mo_database` where the id is a database's (`d` on a database, `d.*` and `*` on tables). A table's
 * id is not resolved: its catalog column differs between MatrixOne versions.
 *
 * @example
 * listPrivilegesStatement({ role: 'Reader' }).values; // ['reader']
 */
export function listPrivilegesStatement(options: ListPrivilegesOptions): Statement {
  return {
    sql:
      'SELECT p.role_name AS role_name, p.obj_type AS obj_type, p.privilege_name AS privilege_name, ' +
      'p.privilege_level AS privilege_level, CAST(p.obj_id AS CHAR) AS obj_id, d.datname AS database_name, ' +
      'p.with_grant_option AS with_grant_option, p.granted_time AS granted_time ' +
      'FROM mo_catalog.mo_role_privs AS p LEFT JOIN mo_catalog.mo_database AS d ON d.dat_id = p.obj_id ' +
      "AND ((p.obj_type = 'database' AND p.privilege_level = 'd') " +
      "OR (p.obj_type = 'table' AND p.privilege_level IN ('d.*', '*'))) " +
      'WHERE p.role_name = ? ORDER BY p.obj_type, p.privilege_level, p.privilege_name',
    values: [normalizeCatalogName(options?.role, IdentifierKind.Role)],
  };
}

/**
 * The roles granted to one user (`mo_catalog.mo_user_grant`) or to one role (`mo_catalog.mo_role_grant`).
 *
 * @example
 * listGrantedRolesStatement({ user: 'alice' }).values; // ['alice']
 */
export function listGrantedRolesStatement(options: ListGrantedRolesOptions): Statement {
  if (options?.user !== undefined && options.role === undefined) {
    return grantedRolesStatement(
      'mo_catalog.mo_user_grant AS g JOIN mo_catalog.mo_user AS e ON e.user_id = g.user_id',
      'g.role_id',
      'e.user_name',
      normalizeCatalogName(options.user, IdentifierKind.User),
    );
  }
  if (options?.role !== undefined && options.user === undefined) {
    return grantedRolesStatement(
      'mo_catalog.mo_role_grant AS g JOIN mo_catalog.mo_role AS e ON e.role_id = g.grantee_id',
      'g.granted_id',
      'e.role_name',
      normalizeCatalogName(options.role, IdentifierKind.Role),
    );
  }
  throw new InvalidInputError('grantee', 'Pass exactly one of user or role to listGrantedRoles.');
}

/** The roles a grant table gives to the grantee `e` named `grantee`: `grantedRole` is the granted role's id. */
function grantedRolesStatement(
  grantsWithGrantee: string,
  grantedRole: string,
  granteeName: string,
  grantee: string,
): Statement {
  return {
    sql:
      'SELECT r.role_name AS role_name, g.with_grant_option AS with_grant_option, g.granted_time AS granted_time ' +
      `FROM ${grantsWithGrantee} JOIN mo_catalog.mo_role AS r ON r.role_id = ${grantedRole} ` +
      `WHERE ${granteeName} = ? ORDER BY r.role_name`,
    values: [grantee],
  };
}

/** A LIKE pattern is a bound value; it only has to be a string. */
function likePattern(pattern: unknown): string {
  if (typeof pattern !== 'string') {
    throw new InvalidInputError('LIKE pattern', `The LIKE pattern must be a string, got ${typeof pattern}.`);
  }
  return pattern;
}
