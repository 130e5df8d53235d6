import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SqlSyntaxError } from '../src/errors/errors.js';
import {
  alterAccountStatement,
  alterUserStatement,
  createAccountStatement,
  createUserStatement,
} from '../src/managers/accounts/account-statements.js';
import { redactSecrets } from '../src/redaction/redact-secrets.js';
import { redactSql } from '../src/redaction/redact-sql.js';

const password = "S3cr3t'pa\\ss-word";

describe('every statement that carries a password is redacted by redactSql (query events, logs)', () => {
  it.each([
    ['CREATE ACCOUNT', createAccountStatement({ name: 'a', adminName: 'root', password, comment: 'c' }).sql],
    ['ALTER ACCOUNT', alterAccountStatement({ name: 'a', adminName: 'root', password }).sql],
    ['CREATE USER', createUserStatement({ name: 'u', password, defaultRole: 'r', comment: 'c' }).sql],
    ['ALTER USER', alterUserStatement({ name: 'u', password }).sql],
  ])('%s', (_label, sql) => {
    expect(sql).toContain('S3cr3t');
    const redacted = redactSql(sql);
    expect(redacted).not.toContain('S3cr3t');
    expect(redacted).toContain("IDENTIFIED BY '***'");
  });
});

describe('redactSecrets', () => {
  it('cleans the message, stack, server message and the whole cause chain', () => {
    const driverError = Object.assign(
      new Error(
        `You have an error in your SQL syntax; near 'ACCOUNT \`a\` ADMIN_NAME 'root' IDENTIFIED BY 'S3cr3t''pa`,
      ),
      {
        sqlMessage: `near "IDENTIFIED BY 'S3cr3t''pa\\\\ss-word'"`,
        sql: `x ${password} y`,
        nested: { note: password },
      },
    );
    const error = new SqlSyntaxError(`failed: ${password}`, {
      serverMessage: `near ${password}`,
      cause: driverError,
    });
    const cleaned = redactSecrets(error, [password]);
    expect(cleaned).toBe(error);
    const printed = inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true });
    expect(printed).not.toContain('S3cr3t');
    expect(printed).toContain("IDENTIFIED BY '***'");
    expect(error).toBeInstanceOf(SqlSyntaxError);
    expect(error.serverMessage).toBe("near '***'");
  });

  it('follows cycles and arrays without looping', () => {
    const first = new Error(`a ${password}`);
    const second = new Error(`b ${password}`, { cause: first });
    Object.assign(first, { cause: second, errors: [new Error(password)] });
    redactSecrets(second, [password]);
    expect(inspect(second, { depth: 6 })).not.toContain('S3cr3t');
  });

  it('leaves errors without secrets unchanged and passes non-objects through', () => {
    const error = new Error('Unknown database shop');
    expect(redactSecrets(error, [password]).message).toBe('Unknown database shop');
    expect(redactSecrets('plain', [password])).toBe('plain');
  });
});
