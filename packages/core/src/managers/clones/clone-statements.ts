/**
 * Pure builders for CLONE statements (docs/matrixone-facts.md#snapshots-clones-restores-time-travel). No I/O:
 * each returns the exact SQL text.
 * `CREATE DATABASE dst CLONE src [{SNAPSHOT = 's'}] [TO ACCOUNT acc]` and
 * `CREATE TABLE [db.]dst CLONE [db.]src [{SNAPSHOT = 's'}] [TO ACCOUNT acc]`.
 */
import type { Statement } from '../../connection/executor.js';
import { InvalidInputError } from '../../errors/errors.js';
import {
  IdentifierKind,
  type TableRef,
  normalizeCatalogName,
  quoteIdentifier,
  quoteTable,
} from '../../sql/identifier.js';
import { snapshotClause } from '../../sql/snapshot-clause.js';

/** Options of `clones.database()`. */
export interface CloneDatabaseOptions {
  /** Clone the source as it was at this snapshot; the current data when omitted. */
  readonly snapshot?: string;
  /** Succeed without changes when the target database exists, even if the source is missing (default `false`). */
  readonly ifNotExists?: boolean;
  /**
   * Create the clone in another account (`sys` only). Needs `snapshot`: MatrixOne refuses a cross-account
   * clone of current data.
   */
  readonly toAccount?: string;
}

/** Options of `clones.table()`. */
export interface CloneTableOptions {
  /** Clone the source as it was at this snapshot; the current data when omitted. */
  readonly snapshot?: string;
  /** Succeed without changes when the target table exists (default `false`). */
  readonly ifNotExists?: boolean;
  /**
   * Create the clone in another account (`sys` only). Needs `snapshot`, and both tables must name their
   * database (MatrixOne has no current database to fall back on in the other account).
   */
  readonly toAccount?: string;
}

/**
 * `CREATE DATABASE [IF NOT EXISTS] dst CLONE src [{SNAPSHOT = 's'}] [TO ACCOUNT acc]`.
 *
 * @example
 * cloneDatabaseStatement('shop_copy', 'shop', { snapshot: 'sp01' });
 * // { sql: "CREATE DATABASE `shop_copy` CLONE `shop`{SNAPSHOT = 'sp01'}" }
 */
export function cloneDatabaseStatement(
  target: string,
  source: string,
  options: CloneDatabaseOptions = {},
): Statement {
  const sql =
    `CREATE DATABASE ${options.ifNotExists === true ? 'IF NOT EXISTS ' : ''}` +
    `${quoteIdentifier(target, IdentifierKind.Database)} CLONE ${quoteIdentifier(source, IdentifierKind.Database)}` +
    sourcePoint(options) +
    toAccountSuffix(options);
  return { sql };
}

/**
 * `CREATE TABLE [IF NOT EXISTS] [db.]dst CLONE [db.]src [{SNAPSHOT = 's'}] [TO ACCOUNT acc]`.
 *
 * @example
 * cloneTableStatement({ database: 'shop', table: 'orders_copy' }, { database: 'shop', table: 'orders' });
 * // { sql: 'CREATE TABLE `shop`.`orders_copy` CLONE `shop`.`orders`' }
 */
export function cloneTableStatement(
  target: TableRef,
  source: TableRef,
  options: CloneTableOptions = {},
): Statement {
  if (options.toAccount !== undefined && (target.database === undefined || source.database === undefined)) {
    throw new InvalidInputError(
      'toAccount',
      'A table clone into another account needs the database of both tables (MatrixOne: "no db selected").',
    );
  }
  const sql =
    `CREATE TABLE ${options.ifNotExists === true ? 'IF NOT EXISTS ' : ''}` +
    `${quoteTable(target)} CLONE ${quoteTable(source)}` +
    sourcePoint(options) +
    toAccountSuffix(options);
  return { sql };
}

function sourcePoint(options: { readonly snapshot?: string }): string {
  return options.snapshot === undefined ? '' : snapshotClause({ snapshot: options.snapshot }, 'snapshot');
}

function toAccountSuffix(options: { readonly snapshot?: string; readonly toAccount?: string }): string {
  if (options.toAccount === undefined) return '';
  if (options.snapshot === undefined) {
    throw new InvalidInputError(
      'toAccount',
      'A clone into another account needs a snapshot (MatrixOne: "clone … between different accounts need a snapshot"); ' +
        'create one with snapshots.create() and pass its name as `snapshot`, or omit `toAccount` to clone within this account.',
    );
  }
  const account = normalizeCatalogName(options.toAccount, IdentifierKind.Account);
  return ` TO ACCOUNT ${quoteIdentifier(account, IdentifierKind.Account)}`;
}

/**
 * `DROP DATABASE IF EXISTS db`: how `clones.withClone()` and `clones.sweep()` remove clones (a clone already gone
 * is not an error).
 *
 * @example
 * dropDatabaseStatement('shop_clone_20261202101530_1a2b3c4d');
 * // { sql: 'DROP DATABASE IF EXISTS `shop_clone_20261202101530_1a2b3c4d`' }
 */
export function dropDatabaseStatement(database: string): Statement {
  return { sql: `DROP DATABASE IF EXISTS ${quoteIdentifier(database, IdentifierKind.Database)}` };
}
