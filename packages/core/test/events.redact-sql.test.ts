import { redactSql } from '@matrixone/core';
import { describe, expect, it } from 'vitest';

describe('redactSql', () => {
  it.each([
    ["CREATE USER u1 IDENTIFIED BY 'secret'", "CREATE USER u1 IDENTIFIED BY '***'"],
    [
      "create account acc01 admin_name = 'root' identified by 'it''s \\' secret' comment 'c'",
      "create account acc01 admin_name = 'root' identified by '***' comment 'c'",
    ],
    [
      'ALTER USER u1 IDENTIFIED WITH mysql_native_password BY "pw"',
      "ALTER USER u1 IDENTIFIED WITH mysql_native_password BY '***'",
    ],
    [
      "CREATE USER a IDENTIFIED BY 'x', b IDENTIFIED BY 'y'",
      "CREATE USER a IDENTIFIED BY '***', b IDENTIFIED BY '***'",
    ],
    ["SET PASSWORD FOR 'u'@'%' = 'pw'", "SET PASSWORD FOR 'u'@'%' = '***'"],
    ["SET PASSWORD = PASSWORD('pw')", "SET PASSWORD = PASSWORD('***')"],
  ])('redacts %s', (sql, expected) => {
    expect(redactSql(sql)).toBe(expected);
  });

  it('leaves statements without secrets unchanged', () => {
    const sql = "SELECT * FROM t WHERE name = 'identified' AND password_hint = ?";
    expect(redactSql(sql)).toBe(sql);
  });
});
