/**
 * Pure builders for DATA BRANCH statements (docs/matrixone-facts.md#publications-accounts-data-branches). No
 * I/O. Table and database names go through the
 * identifier module, points in time through the shared snapshot clause, PICK keys through the literal module
 * (the statement takes literal values: MatrixOne does not prepare DATA BRANCH statements).
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
import { quoteString } from '../../sql/literal.js';
import { type SnapshotPoint, snapshotClause } from '../../sql/snapshot-clause.js';
import { oneOf } from '../one-of.js';

/** A table, optionally read at a point in time (`{SNAPSHOT = '…'}`, `{TIMESTAMP = '…'}` or `{MO_TS = n}`). */
export interface BranchTableRef extends TableRef {
  /** Read the table as it was at this point; its current state when omitted. */
  readonly at?: SnapshotPoint;
}

/** What MERGE and PICK do when both sides changed a row: as an `as const` object and a matching union. */
export const ConflictOption = {
  /** Stop with `conflict: … with different values` (the server's default). */
  Fail: 'fail',
  /** Keep the destination's row. */
  Skip: 'skip',
  /** Take the source's row. */
  Accept: 'accept',
} as const;
/** One of {@link ConflictOption}'s values. */
export type ConflictOption = (typeof ConflictOption)[keyof typeof ConflictOption];

/** Options of {@link BranchManager.createTable}: the new table (`database`, `table`) and its source. */
export interface CreateBranchTableOptions extends TableRef {
  /** The table to branch from, optionally at a point in time. */
  readonly from: BranchTableRef;
  /** Create the branch in another account (sys account only). */
  readonly toAccount?: string;
}

/** Options of {@link BranchManager.createDatabase}. */
export interface CreateBranchDatabaseOptions {
  /** The new database. */
  readonly database: string;
  /** The database to branch from. */
  readonly from: string;
  /** Branch the source as it was at this point. */
  readonly at?: SnapshotPoint;
  /** Create the branch in another account (sys account only). */
  readonly toAccount?: string;
}

/** Options of the DIFF builders: compare `target` against `base`. */
export interface BranchDiffOptions {
  /** The table whose changes are listed. */
  readonly target: BranchTableRef;
  /** The table it is compared with. */
  readonly base: BranchTableRef;
  /** Compare only these columns. */
  readonly columns?: readonly string[];
}

/** Options of {@link BranchManager.diff}: DIFF rows, optionally at most `limit` of them. */
export interface BranchDiffRowsOptions extends BranchDiffOptions {
  /** Return at most this many rows (`OUTPUT LIMIT n`). */
  readonly limit?: number;
}

/** Options of {@link BranchManager.merge}. */
export interface MergeBranchOptions {
  /** The table whose changes are merged, optionally at a point in time. */
  readonly source: BranchTableRef;
  /** The table that receives them. */
  readonly into: TableRef;
  /** What to do with conflicting rows; the server's default (fail) when omitted. */
  readonly onConflict?: ConflictOption;
}

/** One primary-key value: a number, a bigint or a string. */
export type PickKey = number | bigint | string;

/** Options of {@link BranchManager.pick}. */
export interface PickBranchOptions {
  /** The table to pick rows from, optionally at a point in time. */
  readonly source: BranchTableRef;
  /** The table that receives them (no point in time: MatrixOne refuses a destination snapshot). */
  readonly into: TableRef;
  /** Primary keys of the rows to pick: values for a one-column key, tuples for a composite key. */
  readonly keys: readonly PickKey[] | readonly (readonly PickKey[])[];
  /** What to do with conflicting rows; the server's default (fail) when omitted. */
  readonly onConflict?: ConflictOption;
}

/** The largest OUTPUT LIMIT the SDK sends. */
const MAX_LIMIT = Number.MAX_SAFE_INTEGER;

const branchTable = (ref: BranchTableRef, argument: string): string =>
  ref?.at === undefined ? quoteTable(ref) : `${quoteTable(ref)}${snapshotClause(ref.at, argument)}`;

const toAccount = (account: string | undefined): string =>
  account === undefined
    ? ''
    : ` TO ACCOUNT ${quoteIdentifier(normalizeCatalogName(account, IdentifierKind.Account), IdentifierKind.Account)}`;

function conflictClause(option: ConflictOption | undefined): string {
  if (option === undefined) return '';
  return ` WHEN CONFLICT ${oneOf(option, ConflictOption, 'onConflict', 'The conflict option').toUpperCase()}`;
}

function diffHead(options: BranchDiffOptions): string {
  const head = `DATA BRANCH DIFF ${branchTable(options.target, 'target.at')} AGAINST ${branchTable(options.base, 'base.at')}`;
  if (options.columns === undefined) return head;
  if (!Array.isArray(options.columns) || options.columns.length === 0) {
    throw new InvalidInputError('columns', 'The columns must be a non-empty array of column names.');
  }
  return `${head} COLUMNS (${options.columns.map((column) => quoteIdentifier(column, IdentifierKind.Column)).join(', ')})`;
}

function keyLiteral(key: unknown): string {
  if (typeof key === 'string') return quoteString(key, 'key');
  if (typeof key === 'bigint') return key.toString();
  if (typeof key === 'number' && Number.isFinite(key)) return String(key);
  throw new InvalidInputError(
    'keys',
    `A key must be a string, a bigint or a finite number, got ${String(key)}.`,
  );
}

function keysList(keys: unknown): string {
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new InvalidInputError('keys', 'The keys must be a non-empty array.');
  }
  const tuples = keys.filter(Array.isArray).length;
  if (tuples === 0) return keys.map(keyLiteral).join(', ');
  if (tuples !== keys.length || keys.some((tuple: unknown[]) => tuple.length === 0)) {
    throw new InvalidInputError(
      'keys',
      'The keys must be all values (one-column primary key) or all non-empty tuples (composite primary key).',
    );
  }
  return keys.map((tuple: unknown[]) => `(${tuple.map(keyLiteral).join(', ')})`).join(', ');
}

/**
 * `DATA BRANCH CREATE TABLE [db.]dst FROM [db.]src[{…}] [TO ACCOUNT acc]`.
 *
 * @example
 * createBranchTableStatement({ table: 'orders_dev', from: { table: 'orders', at: { snapshot: 'sp1' } } });
 * // { sql: "DATA BRANCH CREATE TABLE `orders_dev` FROM `orders`{SNAPSHOT = 'sp1'}" }
 */
export function createBranchTableStatement(options: CreateBranchTableOptions): Statement {
  return {
    sql:
      `DATA BRANCH CREATE TABLE ${quoteTable(options)} FROM ${branchTable(options.from, 'from.at')}` +
      toAccount(options.toAccount),
  };
}

/**
 * `DATA BRANCH CREATE DATABASE dst FROM src[{…}] [TO ACCOUNT acc]`.
 *
 * @example
 * createBranchDatabaseStatement({ database: 'shop_dev', from: 'shop' });
 * // { sql: 'DATA BRANCH CREATE DATABASE `shop_dev` FROM `shop`' }
 */
export function createBranchDatabaseStatement(options: CreateBranchDatabaseOptions): Statement {
  const source = quoteIdentifier(options.from, IdentifierKind.Database);
  return {
    sql:
      `DATA BRANCH CREATE DATABASE ${quoteIdentifier(options.database, IdentifierKind.Database)} ` +
      `FROM ${options.at === undefined ? source : `${source}${snapshotClause(options.at)}`}` +
      toAccount(options.toAccount),
  };
}

/**
 * `DATA BRANCH DELETE TABLE [db.]t` (MatrixOne has no IF EXISTS here).
 *
 * @example
 * deleteBranchTableStatement({ database: 'shop', table: 'orders_dev' });
 * // { sql: 'DATA BRANCH DELETE TABLE `shop`.`orders_dev`' }
 */
export function deleteBranchTableStatement(table: TableRef): Statement {
  return { sql: `DATA BRANCH DELETE TABLE ${quoteTable(table)}` };
}

/**
 * `DATA BRANCH DELETE DATABASE db`.
 *
 * @example
 * deleteBranchDatabaseStatement('shop_dev'); // { sql: 'DATA BRANCH DELETE DATABASE `shop_dev`' }
 */
export function deleteBranchDatabaseStatement(database: string): Statement {
  return { sql: `DATA BRANCH DELETE DATABASE ${quoteIdentifier(database, IdentifierKind.Database)}` };
}

/**
 * `DATA BRANCH DIFF target[{…}] AGAINST base[{…}] [COLUMNS (…)] [OUTPUT LIMIT n]`: the differing rows.
 *
 * @example
 * branchDiffStatement({ target: { table: 't2' }, base: { table: 't1' }, limit: 10 });
 * // { sql: 'DATA BRANCH DIFF `t2` AGAINST `t1` OUTPUT LIMIT 10' }
 */
export function branchDiffStatement(options: BranchDiffRowsOptions): Statement {
  const head = diffHead(options);
  if (options.limit === undefined) return { sql: head };
  if (!Number.isSafeInteger(options.limit) || options.limit < 0 || options.limit > MAX_LIMIT) {
    throw new InvalidInputError(
      'limit',
      `The limit must be a non-negative integer, got ${String(options.limit)}.`,
    );
  }
  return { sql: `${head} OUTPUT LIMIT ${options.limit}` };
}

/**
 * `DATA BRANCH DIFF … OUTPUT COUNT`: how many rows differ.
 *
 * @example
 * branchDiffCountStatement({ target: { table: 't2' }, base: { table: 't1' } });
 * // { sql: 'DATA BRANCH DIFF `t2` AGAINST `t1` OUTPUT COUNT' }
 */
export function branchDiffCountStatement(options: BranchDiffOptions): Statement {
  return { sql: `${diffHead(options)} OUTPUT COUNT` };
}

/**
 * `DATA BRANCH DIFF … OUTPUT SUMMARY`: inserted, deleted and updated counts per side.
 *
 * @example
 * branchDiffSummaryStatement({ target: { table: 't2' }, base: { table: 't1' } });
 * // { sql: 'DATA BRANCH DIFF `t2` AGAINST `t1` OUTPUT SUMMARY' }
 */
export function branchDiffSummaryStatement(options: BranchDiffOptions): Statement {
  return { sql: `${diffHead(options)} OUTPUT SUMMARY` };
}

/**
 * `DATA BRANCH MERGE src[{…}] INTO dst [WHEN CONFLICT {FAIL | SKIP | ACCEPT}]`.
 *
 * @example
 * mergeBranchStatement({ source: { table: 't2' }, into: { table: 't1' }, onConflict: 'accept' });
 * // { sql: 'DATA BRANCH MERGE `t2` INTO `t1` WHEN CONFLICT ACCEPT' }
 */
export function mergeBranchStatement(options: MergeBranchOptions): Statement {
  return {
    sql:
      `DATA BRANCH MERGE ${branchTable(options.source, 'source.at')} INTO ${quoteTable(options.into)}` +
      conflictClause(options.onConflict),
  };
}

/**
 * `DATA BRANCH PICK src[{…}] INTO dst KEYS (…) [WHEN CONFLICT …]`.
 *
 * @example
 * pickBranchStatement({ source: { table: 't1' }, into: { table: 't2' }, keys: [1, 3, 5] });
 * // { sql: 'DATA BRANCH PICK `t1` INTO `t2` KEYS (1, 3, 5)' }
 */
export function pickBranchStatement(options: PickBranchOptions): Statement {
  return {
    sql:
      `DATA BRANCH PICK ${branchTable(options.source, 'source.at')} INTO ${quoteTable(options.into)} ` +
      `KEYS (${keysList(options.keys)})${conflictClause(options.onConflict)}`,
  };
}
