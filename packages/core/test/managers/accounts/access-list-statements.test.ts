/**
 * The role, user and grant listings. No recorded case in the reference covers them (see
 * docs/matrixone-facts.md, "Roles, users and grants"): SHOW ROLES follows MatrixOne's documented syntax, and the
 * SELECTs read the catalog columns of MatrixOne's published DDL. The SELECTs also run on the real test server
 * against a catalog built from that DDL (access-catalog.server.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/errors/errors.js';
import {
  type ListGrantedRolesOptions,
  listGrantedRolesStatement,
  listPrivilegesStatement,
  listRolesStatement,
  listUsersStatement,
} from '../../../src/managers/accounts/access-list-statements.js';

describe('SHOW ROLES', () => {
  it('lists every role, or those matching a LIKE pattern sent as an escaped literal', () => {
    expect(listRolesStatement()).toEqual({ sql: 'SHOW ROLES' });
    expect(listRolesStatement({ like: 'app_%' })).toEqual({ sql: "SHOW ROLES LIKE 'app_%'" });
    expect(listRolesStatement({ like: "x' OR '1'='1" }).sql).toBe("SHOW ROLES LIKE 'x'' OR ''1''=''1'");
  });

  it('refuses a pattern that is not a string', () => {
    expect(() => listRolesStatement({ like: 7 as unknown as string })).toThrow(InvalidInputError);
  });
});

describe('user listing', () => {
  it('reads mo_user with the default role joined, never the authentication string', () => {
    const statement = listUsersStatement();
    expect(statement.sql).toBe(
      'SELECT u.user_name AS user_name, u.user_host AS user_host, u.status AS status, ' +
        'u.created_time AS created_time, r.role_name AS default_role ' +
        'FROM mo_catalog.mo_user AS u LEFT JOIN mo_catalog.mo_role AS r ON r.role_id = u.default_role ' +
        'ORDER BY u.user_name',
    );
    expect(statement.values).toBeUndefined();
    expect(statement.sql).not.toMatch(/authentication_string/);
  });

  it('binds a LIKE pattern as a value', () => {
    const statement = listUsersStatement({ like: "al%'--" });
    expect(statement.sql).toContain(' WHERE u.user_name LIKE ? ORDER BY u.user_name');
    expect(statement.values).toEqual(["al%'--"]);
    expect(() => listUsersStatement({ like: null as unknown as string })).toThrow(InvalidInputError);
  });
});

describe('privilege listing', () => {
  it("reads one role's rows of mo_role_privs, the name lower-cased as MatrixOne stores it", () => {
    expect(listPrivilegesStatement({ role: 'App-Reader' })).toEqual({
      sql:
        'SELECT p.role_name AS role_name, p.obj_type AS obj_type, p.privilege_name AS privilege_name, ' +
        'p.privilege_level AS privilege_level, CAST(p.obj_id AS CHAR) AS obj_id, d.datname AS database_name, ' +
        'p.with_grant_option AS with_grant_option, p.granted_time AS granted_time ' +
        'FROM mo_catalog.mo_role_privs AS p LEFT JOIN mo_catalog.mo_database AS d ON d.dat_id = p.obj_id ' +
        "AND ((p.obj_type = 'database' AND p.privilege_level = 'd') " +
        "OR (p.obj_type = 'table' AND p.privilege_level IN ('d.*', '*'))) " +
        'WHERE p.role_name = ? ORDER BY p.obj_type, p.privilege_level, p.privilege_name',
      values: ['app-reader'],
    });
  });

  it('refuses a role name MatrixOne would refuse, before any SQL', () => {
    expect(() => listPrivilegesStatement({ role: 'a#b' })).toThrow(InvalidInputError);
    expect(() => listPrivilegesStatement({ role: '' })).toThrow(InvalidInputError);
    expect(() => listPrivilegesStatement(undefined as unknown as { role: string })).toThrow(
      InvalidInputError,
    );
  });
});

describe('granted-roles listing', () => {
  it('for a user joins mo_user_grant to mo_user and mo_role', () => {
    expect(listGrantedRolesStatement({ user: 'Alice' })).toEqual({
      sql:
        'SELECT r.role_name AS role_name, g.with_grant_option AS with_grant_option, g.granted_time AS granted_time ' +
        'FROM mo_catalog.mo_user_grant AS g JOIN mo_catalog.mo_user AS e ON e.user_id = g.user_id ' +
        'JOIN mo_catalog.mo_role AS r ON r.role_id = g.role_id WHERE e.user_name = ? ORDER BY r.role_name',
      values: ['alice'],
    });
  });

  it('for a role joins mo_role_grant twice to mo_role: grantee and granted', () => {
    expect(listGrantedRolesStatement({ role: 'Admins' })).toEqual({
      sql:
        'SELECT r.role_name AS role_name, g.with_grant_option AS with_grant_option, g.granted_time AS granted_time ' +
        'FROM mo_catalog.mo_role_grant AS g JOIN mo_catalog.mo_role AS e ON e.role_id = g.grantee_id ' +
        'JOIN mo_catalog.mo_role AS r ON r.role_id = g.granted_id WHERE e.role_name = ? ORDER BY r.role_name',
      values: ['admins'],
    });
  });

  it.each([
    ['neither', {}],
    ['both', { user: 'u', role: 'r' }],
    ['a bad user name', { user: 'acc:u' }],
  ])('refuses %s', (_label, options) => {
    expect(() => listGrantedRolesStatement(options as ListGrantedRolesOptions)).toThrow(InvalidInputError);
  });
});
