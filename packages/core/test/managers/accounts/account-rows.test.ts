import { describe, expect, it } from 'vitest';
import { ServerError } from '../../../src/errors/errors.js';
import { parseAccountRow } from '../../../src/managers/accounts/account-rows.js';

/**
 * No recorded case prints SHOW ACCOUNTS (its values change every run), so this row follows the reference's
 * column list (docs/matrixone-facts.md#publications-accounts-data-branches) with values of the documented
 * kinds.
 */
const row = {
  account_name: 'acc01',
  admin_name: 'test_account',
  created_time: '2026-08-13 22:17:04',
  status: 'open',
  suspended_time: null,
  db_count: 5,
  tbl_count: '57',
  size: '0.031',
  snapshot_size: 0,
  comments: '',
};

describe('SHOW ACCOUNTS rows', () => {
  it('reads every column', () => {
    expect(parseAccountRow(row)).toEqual({
      name: 'acc01',
      adminName: 'test_account',
      createdAt: '2026-08-13 22:17:04',
      status: 'open',
      statusText: 'open',
      suspendedAt: undefined,
      databaseCount: 5,
      tableCount: 57,
      size: 0.031,
      snapshotSize: 0,
      comment: '',
    });
  });

  it('maps the states and keeps an unknown one as text', () => {
    expect(
      parseAccountRow({ ...row, status: 'SUSPEND', suspended_time: '2026-08-14 01:00:00' }),
    ).toMatchObject({
      status: 'suspend',
      suspendedAt: '2026-08-14 01:00:00',
    });
    expect(parseAccountRow({ ...row, status: 'restricted' }).status).toBe('restricted');
    expect(parseAccountRow({ ...row, status: 'frozen' })).toMatchObject({
      status: undefined,
      statusText: 'frozen',
    });
  });

  it('reports a missing column as a ServerError', () => {
    const { admin_name: _dropped, ...rest } = row;
    expect(() => parseAccountRow(rest)).toThrow(ServerError);
  });
});
