/**
 * Parsers for the role, user and grant listings. No recorded case prints these (their values change every run),
 * so the rows follow the documented layouts: SHOW ROLES' `ROLE_NAME, CREATOR, CREATED_TIME, COMMENTS` (MatrixOne's
 * SHOW ROLES page shows `moadmin` and `public` with creator 0) and the catalog columns the SELECTs alias.
 */
import { describe, expect, it } from 'vitest';
import { ServerError } from '../../../src/errors/errors.js';
import {
  parsePrivilegeGrantRow,
  parseRoleGrantRow,
  parseRoleRow,
  parseUserRow,
} from '../../../src/managers/accounts/access-rows.js';
import { Privilege } from '../../../src/managers/accounts/account-statements.js';

describe('SHOW ROLES rows', () => {
  it('reads every column, a built-in role with creator 0 included', () => {
    expect(
      parseRoleRow({ ROLE_NAME: 'moadmin', CREATOR: 0, CREATED_TIME: '2026-11-25 06:37:58', COMMENTS: '' }),
    ).toEqual({ name: 'moadmin', creatorId: 0, createdAt: '2026-11-25 06:37:58', comment: '' });
    expect(parseRoleRow({ ROLE_NAME: 'reader', CREATOR: '1', CREATED_TIME: null, COMMENTS: null })).toEqual({
      name: 'reader',
      creatorId: 1,
      createdAt: undefined,
      comment: '',
    });
  });

  it('a TIMESTAMP the driver turned into a Date comes back as the server text', () => {
    const row = { ROLE_NAME: 'r', CREATOR: 1, CREATED_TIME: new Date(2026, 10, 25, 6, 43, 29), COMMENTS: '' };
    expect(parseRoleRow(row).createdAt).toBe('2026-11-25 06:43:29');
  });

  it('reports a missing column as a ServerError', () => {
    expect(() => parseRoleRow({ ROLE_NAME: 'r', CREATOR: 1, CREATED_TIME: null })).toThrow(ServerError);
  });
});

describe('user rows', () => {
  it('reads name, host, state, creation time and default role', () => {
    expect(
      parseUserRow({
        user_name: 'alice',
        user_host: 'localhost',
        status: 'unlock',
        created_time: '2026-11-25 10:00:00',
        default_role: 'reader',
      }),
    ).toEqual({
      name: 'alice',
      host: 'localhost',
      status: 'unlock',
      createdAt: '2026-11-25 10:00:00',
      defaultRole: 'reader',
    });
  });

  it('a user without a default role has defaultRole undefined', () => {
    const user = parseUserRow({
      user_name: 'bob',
      user_host: 'localhost',
      status: 'lock',
      created_time: null,
      default_role: null,
    });
    expect(user.defaultRole).toBeUndefined();
    expect(user.status).toBe('lock');
  });

  it('reports a missing column as a ServerError', () => {
    expect(() => parseUserRow({ user_name: 'bob' })).toThrow(ServerError);
  });
});

describe('privilege rows', () => {
  // privilege_level holds the level's form (`d.*`), not names: MatrixOne's clone_copy_grants_scope case records
  // `*`, `*.*`, `d`, `d.*`, `d.t` and `t` in mo_role_privs.
  const row = {
    role_name: 'role2',
    obj_type: 'table',
    privilege_name: 'insert',
    privilege_level: 'd.*',
    obj_id: '272515',
    database_name: 'shop',
    with_grant_option: 0,
    granted_time: '2026-11-25 10:00:00',
  };

  it('reads every column', () => {
    expect(parsePrivilegeGrantRow(row)).toEqual({
      role: 'role2',
      objectType: 'table',
      privilege: Privilege.Insert,
      privilegeText: 'insert',
      level: 'd.*',
      objectId: '272515',
      database: 'shop',
      withGrantOption: false,
      grantedAt: '2026-11-25 10:00:00',
    });
  });

  it('a table grant has its object id and no database name', () => {
    expect(
      parsePrivilegeGrantRow({ ...row, privilege_level: 'd.t', obj_id: '272516', database_name: null }),
    ).toMatchObject({ level: 'd.t', objectId: '272516', database: undefined });
  });

  it.each([
    ['create database', 'account', Privilege.CreateDatabase],
    ['account all', 'account', Privilege.All],
    ['database ownership', 'database', Privilege.Ownership],
    ['table all', 'table', Privilege.All],
    ['table ownership', 'table', Privilege.Ownership],
    ['create/alter/drop index', 'table', Privilege.Index],
    ['index', 'table', Privilege.Index],
    ['table all', 'database', undefined],
    ['values', 'table', undefined],
  ])('maps %j on %s to %s', (privilegeName, objectType, expected) => {
    const grant = parsePrivilegeGrantRow({ ...row, obj_type: objectType, privilege_name: privilegeName });
    expect(grant.privilege).toBe(expected);
    expect(grant.privilegeText).toBe(privilegeName);
  });

  it.each([
    [1, true],
    ['1', true],
    ['true', true],
    [true, true],
    [0, false],
    ['false', false],
    [Buffer.from([1]), true],
    [Buffer.from([0]), false],
    [null, false],
  ])('with_grant_option %j reads as %s', (value, expected) => {
    expect(parsePrivilegeGrantRow({ ...row, with_grant_option: value }).withGrantOption).toBe(expected);
  });

  it('reports a missing column as a ServerError', () => {
    const { privilege_level: _dropped, ...rest } = row;
    expect(() => parsePrivilegeGrantRow(rest)).toThrow(ServerError);
  });
});

describe('granted-role rows', () => {
  it('reads the role, the grant option and the time', () => {
    expect(
      parseRoleGrantRow({
        role_name: 'reader',
        with_grant_option: 'true',
        granted_time: '2026-11-25 10:00:00',
      }),
    ).toEqual({ role: 'reader', withGrantOption: true, grantedAt: '2026-11-25 10:00:00' });
    expect(() => parseRoleGrantRow({ role_name: 'reader' })).toThrow(ServerError);
  });
});
