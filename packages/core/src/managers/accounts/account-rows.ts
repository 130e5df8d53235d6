/**
 * Parser for SHOW ACCOUNTS rows (docs/matrixone-facts.md#publications-accounts-data-branches):
 * `account_name, admin_name, created_time, status,
 * suspended_time, db_count, tbl_count, size, snapshot_size, comments`. A tenant sees only itself.
 */
import type { Row } from '../../connection/executor.js';
import { numberCell, requiredCell, textCell } from '../show-cell.js';
import { AccountStatus } from './account-statements.js';

/** An account (tenant), as SHOW ACCOUNTS lists it. */
export interface Account {
  /** Account name (lower-case, as stored). */
  readonly name: string;
  /** The account's administrator user. */
  readonly adminName: string;
  /** When it was created: the server's text, session time zone. */
  readonly createdAt: string | undefined;
  /** Its state; `undefined` for a state this SDK does not know (see `statusText`). */
  readonly status: AccountStatus | undefined;
  /** The state as the server printed it. */
  readonly statusText: string;
  /** When it was suspended (server text); `undefined` when it never was. */
  readonly suspendedAt: string | undefined;
  /** Number of databases. */
  readonly databaseCount: number | undefined;
  /** Number of tables. */
  readonly tableCount: number | undefined;
  /** Storage used, as the server reports it. */
  readonly size: number | undefined;
  /** Storage used by snapshots, as the server reports it. */
  readonly snapshotSize: number | undefined;
  /** The comment; empty when none. */
  readonly comment: string;
}

const KNOWN_STATUSES: readonly string[] = Object.values(AccountStatus);

/**
 * Turns one SHOW ACCOUNTS row into an {@link Account}.
 *
 * @example
 * parseAccountRow({ account_name: 'acc1', admin_name: 'admin', created_time: '2026-08-13 22:17:04', status: 'open',
 *   suspended_time: null, db_count: 5, tbl_count: 60, size: 0.5, snapshot_size: 0, comments: '' });
 */
export function parseAccountRow(row: Row): Account {
  const cell = (column: string): unknown => requiredCell(row, column, 'SHOW ACCOUNTS');
  const statusText = textCell(cell('status')) ?? '';
  const status = statusText.toLowerCase();
  return {
    name: textCell(cell('account_name')) ?? '',
    adminName: textCell(cell('admin_name')) ?? '',
    createdAt: textCell(cell('created_time')),
    status: KNOWN_STATUSES.includes(status) ? (status as AccountStatus) : undefined,
    statusText,
    suspendedAt: textCell(cell('suspended_time')),
    databaseCount: numberCell(cell('db_count')),
    tableCount: numberCell(cell('tbl_count')),
    size: numberCell(cell('size')),
    snapshotSize: numberCell(cell('snapshot_size')),
    comment: textCell(cell('comments')) ?? '',
  };
}
