/**
 * Pure builders for restores from a snapshot (docs/matrixone-facts.md#snapshots-clones-restores-time-travel).
 * No I/O: each returns the exact SQL text.
 * There is no `RESTORE … FROM SNAPSHOT` form: the snapshot goes in braces after the target, and only
 * `{SNAPSHOT = …}` is accepted there. Table targets are dotted (`db.tbl`), unlike CREATE SNAPSHOT.
 */
import type { Statement } from '../../connection/executor.js';
import { InvalidInputError } from '../../errors/errors.js';
import { IdentifierKind, normalizeCatalogName, quoteIdentifier, quoteTable } from '../../sql/identifier.js';
import { restoreSnapshotClause } from '../../sql/snapshot-clause.js';

/** Options of a restore from a snapshot. */
export interface RestoreOptions {
  /** The snapshot to restore from. */
  readonly snapshot: string;
  /**
   * Restore into this account instead of the snapshot's own (`sys` only). Recorded by MatrixOne for account
   * restores; its grammar also accepts it for database and table restores, which no recorded case exercises.
   */
  readonly toAccount?: string;
}

/** A table to restore: the database is required (RESTORE TABLE takes `db.tbl`). */
export interface RestoreTableTarget {
  readonly database: string;
  readonly table: string;
}

/**
 * `RESTORE CLUSTER{SNAPSHOT = 'sp'}` (a cluster-level snapshot, `sys` only).
 *
 * @example
 * restoreClusterStatement('cluster_sp'); // { sql: "RESTORE CLUSTER{SNAPSHOT = 'cluster_sp'}" }
 */
export function restoreClusterStatement(snapshot: string): Statement {
  return { sql: `RESTORE CLUSTER${restoreSnapshotClause(snapshot)}` };
}

/**
 * `RESTORE ACCOUNT acc{SNAPSHOT = 'sp'} [TO ACCOUNT acc2]`.
 *
 * @example
 * restoreAccountStatement('acc01', { snapshot: 'sp01' }); // { sql: "RESTORE ACCOUNT `acc01`{SNAPSHOT = 'sp01'}" }
 */
export function restoreAccountStatement(account: string, options: RestoreOptions): Statement {
  return { sql: `RESTORE ACCOUNT ${accountName(account)}${suffix(options)}` };
}

/**
 * `RESTORE DATABASE db{SNAPSHOT = 'sp'} [TO ACCOUNT acc2]`.
 *
 * @example
 * restoreDatabaseStatement('shop', { snapshot: 'sp01' }); // { sql: "RESTORE DATABASE `shop`{SNAPSHOT = 'sp01'}" }
 */
export function restoreDatabaseStatement(database: string, options: RestoreOptions): Statement {
  return { sql: `RESTORE DATABASE ${quoteIdentifier(database, IdentifierKind.Database)}${suffix(options)}` };
}

/**
 * `RESTORE TABLE db.tbl{SNAPSHOT = 'sp'} [TO ACCOUNT acc2]`.
 *
 * @example
 * restoreTableStatement({ database: 'shop', table: 'orders' }, { snapshot: 'sp01' });
 * // { sql: "RESTORE TABLE `shop`.`orders`{SNAPSHOT = 'sp01'}" }
 */
export function restoreTableStatement(target: RestoreTableTarget, options: RestoreOptions): Statement {
  if (target.database === undefined) {
    throw new InvalidInputError('database', 'RESTORE TABLE needs the table\'s database ("db.tbl").');
  }
  return { sql: `RESTORE TABLE ${quoteTable(target)}${suffix(options)}` };
}

function suffix(options: RestoreOptions): string {
  const clause = restoreSnapshotClause(options.snapshot);
  return options.toAccount === undefined ? clause : `${clause} TO ACCOUNT ${accountName(options.toAccount)}`;
}

function accountName(account: string): string {
  return quoteIdentifier(normalizeCatalogName(account, IdentifierKind.Account), IdentifierKind.Account);
}
