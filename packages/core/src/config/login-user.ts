/**
 * MatrixOne's login user string. MatrixOne reads the account and role from the user name:
 * `account:user`, `account:user:role`, or the same with `#`; without an account part it logs in to `sys`
 * (MatrixOne's `GetTenantInfo`; docs/matrixone-facts.md#names). Plain MySQL/MariaDB users have no separators.
 */
import { ConfigurationError } from '../errors/errors.js';

/** A user name split into MatrixOne's parts. */
export interface LoginParts {
  /** The account (tenant); absent for a plain MySQL/MariaDB login, or to log in to MatrixOne's `sys`. */
  readonly account?: string;
  /** The user name without account or role. */
  readonly user: string;
  /** The role to log in with; the user's default role when absent. */
  readonly role?: string;
}

const ACCOUNT_NAME = /^[A-Za-z0-9_-]+$/;

/**
 * Splits `user` into account, user and role and merges the separate `account` and `role` fields; throws
 * {@link ConfigurationError} naming the field for empty parts, mixed separators or an account given twice.
 */
export function parseLogin(user: string, account?: string, role?: string): LoginParts {
  const separators = [...new Set(user.match(/[#:]/g) ?? [])];
  if (separators.length > 1) {
    throw new ConfigurationError(
      'user',
      'use either "#" or ":" to separate account, user and role, not both',
    );
  }
  const parts = separators[0] === undefined ? [user] : user.split(separators[0]);
  if (parts.length > 3) {
    throw new ConfigurationError(
      'user',
      'expected "account#user" or "account#user#role" (at most two separators)',
    );
  }
  if (parts.some((part) => part.trim() === '')) {
    throw new ConfigurationError('user', 'account, user and role parts must not be empty');
  }
  const [first = '', second, third] = parts;
  const fromUser: LoginParts =
    second === undefined
      ? { user: first }
      : { account: first, user: second, ...(third !== undefined && { role: third }) };
  if (account !== undefined && fromUser.account !== undefined) {
    throw new ConfigurationError('account', 'the account is given both in "user" and in "account"; keep one');
  }
  if (role !== undefined && fromUser.role !== undefined) {
    throw new ConfigurationError('role', 'the role is given both in "user" and in "role"; keep one');
  }
  const merged: LoginParts = {
    user: fromUser.user,
    ...((account ?? fromUser.account) !== undefined && { account: account ?? fromUser.account }),
    ...((role ?? fromUser.role) !== undefined && { role: role ?? fromUser.role }),
  };
  if (merged.account !== undefined && !ACCOUNT_NAME.test(merged.account)) {
    throw new ConfigurationError(
      'account',
      'MatrixOne account names may contain only letters, digits, "_" and "-"',
    );
  }
  if (merged.role !== undefined && /[#:]/.test(merged.role)) {
    throw new ConfigurationError('role', 'a role name must not contain "#" or ":"');
  }
  return merged;
}

/**
 * The user string to send at login: `account:user[:role]` when an account or role is set (MatrixOne's
 * `sys` account when only a role is), else the plain user name.
 */
export function loginUserString(parts: LoginParts): string {
  if (parts.account === undefined && parts.role === undefined) return parts.user;
  const account = parts.account ?? 'sys';
  return parts.role === undefined ? `${account}:${parts.user}` : `${account}:${parts.user}:${parts.role}`;
}
