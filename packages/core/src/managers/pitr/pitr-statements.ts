/**
 * Pure builders for the PITR statements (docs/matrixone-facts.md#pitr). No I/O: each returns the exact SQL
 * text.
 * Names are validated and quoted by `sql/identifier.ts`; the range value, unit and restore time go out as
 * literals from `sql/literal.ts`, because MatrixOne's grammar takes an integer token and string literals there
 * (a negative range is a syntax error, so it is refused before it is built).
 */
import type { Statement } from '../../connection/executor.js';
import { InvalidInputError } from '../../errors/errors.js';
import { IdentifierKind, normalizeCatalogName, quoteIdentifier } from '../../sql/identifier.js';
import { integerLiteral, quoteString } from '../../sql/literal.js';
import { MatrixOneTimestamp } from '../../values/timestamp.js';
import { PITR_RANGE_LIMITS, PitrLevel, type PitrRange, PitrUnit } from './pitr.js';

/** MatrixOne's own PITR; creating or dropping it fails with `pitr name is reserved`. */
const RESERVED_PITR_NAME = 'sys_mo_catalog_pitr';
const UNITS: readonly string[] = Object.values(PitrUnit);
const LEVELS: readonly string[] = Object.values(PitrLevel);
/** The target options each level takes; any other one is refused rather than silently dropped. */
const CREATE_TARGETS: Record<PitrLevel, readonly string[]> = {
  cluster: [],
  account: ['account'],
  database: ['database'],
  table: ['database', 'table'],
};
const RESTORE_TARGETS: Record<PitrLevel, readonly string[]> = {
  cluster: [],
  account: ['account', 'sourceAccount'],
  database: ['account', 'database'],
  table: ['account', 'database', 'table'],
};
const TARGET_OPTIONS = ['account', 'sourceAccount', 'database', 'table'];

interface CreatePitrCommon {
  /** The PITR's name; sent lower-cased (MatrixOne stores it so). No space, tab, quote or backtick. */
  readonly name: string;
  /** How far back to keep history. */
  readonly range: PitrRange;
  /** Succeed without changes when a PITR of that name exists (default `false`: that is an error). */
  readonly ifNotExists?: boolean;
}

/** A PITR of the whole cluster (`sys` only). */
export interface CreateClusterPitrOptions extends CreatePitrCommon {
  readonly level: typeof PitrLevel.Cluster;
}

/** A PITR of an account: the current one, or `account` (another account only when run by `sys`). */
export interface CreateAccountPitrOptions extends CreatePitrCommon {
  readonly level: typeof PitrLevel.Account;
  /** The account to cover; the current account when omitted. */
  readonly account?: string;
}

/** A PITR of one database of the current account. */
export interface CreateDatabasePitrOptions extends CreatePitrCommon {
  readonly level: typeof PitrLevel.Database;
  readonly database: string;
}

/** A PITR of one table of the current account. */
export interface CreateTablePitrOptions extends CreatePitrCommon {
  readonly level: typeof PitrLevel.Table;
  readonly database: string;
  readonly table: string;
}

/** What `pitr.create()` takes: a name, a range, a level and that level's target. */
export type CreatePitrOptions =
  | CreateClusterPitrOptions
  | CreateAccountPitrOptions
  | CreateDatabasePitrOptions
  | CreateTablePitrOptions;

/** What `pitr.alter()` takes: the PITR and its new range. */
export interface AlterPitrOptions {
  /** The PITR's name. */
  readonly name: string;
  /** The new range (1 to 100 units). */
  readonly range: PitrRange;
  /** Succeed without changes when no PITR of that name exists (default `false`: that is an error). */
  readonly ifExists?: boolean;
}

/** Options of `pitr.drop()`. */
export interface DropPitrOptions {
  /** Succeed when no PITR of that name exists (default `false`: that is an error). */
  readonly ifExists?: boolean;
}

interface RestorePitrCommon {
  /** The PITR to restore from. */
  readonly pitr: string;
  /**
   * The moment to go back to, as `YYYY-MM-DD HH:MM:SS[.fraction]` wall-clock time in the time zone of the
   * MatrixOne CN process (MatrixOne parses it with that zone, not the session's). It must lie inside the
   * PITR's range and not in the future.
   */
  readonly at: string;
}

/** Restores the whole cluster from a cluster PITR (`sys` only). */
export interface RestoreClusterFromPitrOptions extends RestorePitrCommon {
  readonly level: typeof PitrLevel.Cluster;
}

/**
 * Restores an account: the current one, or `account` (another account only when run by `sys`).
 * `sourceAccount` (sent as `AS source`) is only valid with a cluster PITR.
 */
export interface RestoreAccountFromPitrOptions extends RestorePitrCommon {
  readonly level: typeof PitrLevel.Account;
  /** The account to restore; the current account when omitted (`RESTORE FROM PITR …`). */
  readonly account?: string;
  /** With a cluster PITR: the account whose history is restored into `account`. Requires `account`. */
  readonly sourceAccount?: string;
}

/**
 * Restores one database. `account` adds MatrixOne's `RESTORE ACCOUNT a DATABASE d` form; it must name the
 * current account.
 */
export interface RestoreDatabaseFromPitrOptions extends RestorePitrCommon {
  readonly level: typeof PitrLevel.Database;
  readonly database: string;
  /** The current account's name, for the `RESTORE ACCOUNT a DATABASE d …` form. */
  readonly account?: string;
}

/**
 * Restores one table. `account` adds MatrixOne's `RESTORE ACCOUNT a DATABASE d TABLE t` form; it must name the
 * current account.
 */
export interface RestoreTableFromPitrOptions extends RestorePitrCommon {
  readonly level: typeof PitrLevel.Table;
  readonly database: string;
  readonly table: string;
  /** The current account's name, for the `RESTORE ACCOUNT a DATABASE d TABLE t …` form. */
  readonly account?: string;
}

/** What `pitr.restore()` takes: the PITR, the moment, and what to restore. */
export type RestoreFromPitrOptions =
  | RestoreClusterFromPitrOptions
  | RestoreAccountFromPitrOptions
  | RestoreDatabaseFromPitrOptions
  | RestoreTableFromPitrOptions;

/**
 * `CREATE PITR [IF NOT EXISTS] name FOR … RANGE n 'unit'`.
 *
 * @example
 * createPitrStatement({ name: 'p1', level: 'table', database: 'shop', table: 'orders', range: { value: 2, unit: 'h' } });
 * // { sql: "CREATE PITR `p1` FOR TABLE `shop` `orders` RANGE 2 'h'" }
 */
export function createPitrStatement(options: CreatePitrOptions): Statement {
  const name = pitrName(options.name);
  const ifNotExists = options.ifNotExists ? ' IF NOT EXISTS' : '';
  return {
    sql: `CREATE PITR${ifNotExists} ${name} FOR ${pitrTarget(options)} ${rangeClause(options.range)}`,
  };
}

/**
 * `ALTER PITR [IF EXISTS] name RANGE n 'unit'`.
 *
 * @example
 * alterPitrStatement({ name: 'p1', range: { value: 7, unit: 'd' } }); // { sql: "ALTER PITR `p1` RANGE 7 'd'" }
 */
export function alterPitrStatement(options: AlterPitrOptions): Statement {
  const ifExists = options.ifExists ? ' IF EXISTS' : '';
  return { sql: `ALTER PITR${ifExists} ${pitrName(options.name)} ${rangeClause(options.range)}` };
}

/**
 * `DROP PITR [IF EXISTS] name`.
 *
 * @example
 * dropPitrStatement('p1', { ifExists: true }); // { sql: 'DROP PITR IF EXISTS `p1`' }
 */
export function dropPitrStatement(name: string, options: DropPitrOptions = {}): Statement {
  return { sql: `DROP PITR${options.ifExists ? ' IF EXISTS' : ''} ${pitrName(name)}` };
}

/** `SHOW PITR`: every PITR the current account created, newest first. */
export function showPitrStatement(): Statement {
  return { sql: 'SHOW PITR' };
}

/**
 * `RESTORE … FROM PITR name 'time'` for every level.
 *
 * @example
 * restoreFromPitrStatement({ pitr: 'p1', at: '2026-05-24 12:00:00', level: 'database', database: 'shop' });
 * // { sql: "RESTORE DATABASE `shop` FROM PITR `p1` '2026-05-24 12:00:00'" }
 */
export function restoreFromPitrStatement(options: RestoreFromPitrOptions): Statement {
  // Lower-cased like every other PITR statement (MatrixOne stores PITR names lower-cased); the reserved name is
  // not refused here, since restoring from a PITR only reads it.
  const pitr = quoteIdentifier(normalizeCatalogName(options.pitr, IdentifierKind.Pitr), IdentifierKind.Pitr);
  const source = `FROM PITR ${pitr} ${restoreTime(options.at)}`;
  return { sql: `RESTORE ${restoreTarget(options, source)}` };
}

function pitrName(name: string): string {
  const normalized = normalizeCatalogName(name, IdentifierKind.Pitr);
  if (normalized === RESERVED_PITR_NAME) {
    throw new InvalidInputError(
      'pitr name',
      `The PITR name "${RESERVED_PITR_NAME}" is reserved by MatrixOne.`,
    );
  }
  return quoteIdentifier(normalized, IdentifierKind.Pitr);
}

function pitrTarget(options: CreatePitrOptions): string {
  assertTargetOptions(options, CREATE_TARGETS);
  switch (options.level) {
    case PitrLevel.Cluster:
      return 'CLUSTER';
    case PitrLevel.Account:
      return options.account === undefined ? 'ACCOUNT' : `ACCOUNT ${accountName(options.account)}`;
    case PitrLevel.Database:
      return `DATABASE ${quoteIdentifier(options.database, IdentifierKind.Database)}`;
    case PitrLevel.Table:
      // MatrixOne separates database and table with a space here, not a dot (docs/matrixone-facts.md#names).
      return `TABLE ${quoteIdentifier(options.database, IdentifierKind.Database)} ${quoteIdentifier(options.table, IdentifierKind.Table)}`;
  }
}

function restoreTarget(options: RestoreFromPitrOptions, source: string): string {
  assertTargetOptions(options, RESTORE_TARGETS);
  const account =
    'account' in options && options.account !== undefined ? accountName(options.account) : undefined;
  const accountPrefix = account === undefined ? '' : `ACCOUNT ${account} `;
  switch (options.level) {
    case PitrLevel.Cluster:
      return `CLUSTER ${source}`;
    case PitrLevel.Account: {
      if (options.sourceAccount !== undefined) {
        if (account === undefined) {
          throw new InvalidInputError(
            'account',
            'Restoring from another account needs the target `account` too.',
          );
        }
        return `ACCOUNT ${account} ${source} AS ${accountName(options.sourceAccount)}`;
      }
      return account === undefined ? source : `ACCOUNT ${account} ${source}`;
    }
    case PitrLevel.Database:
      return `${accountPrefix}DATABASE ${quoteIdentifier(options.database, IdentifierKind.Database)} ${source}`;
    case PitrLevel.Table:
      return (
        `${accountPrefix}DATABASE ${quoteIdentifier(options.database, IdentifierKind.Database)} ` +
        `TABLE ${quoteIdentifier(options.table, IdentifierKind.Table)} ${source}`
      );
  }
}

/**
 * Refuses a target option the level does not take (say `account` on a database PITR): MatrixOne has no such
 * form (`create pitr p for account acc01 database db` is a recorded syntax error), and dropping it silently
 * would act on another object than the caller named.
 */
function assertTargetOptions(
  options: { readonly level?: unknown },
  targets: Record<PitrLevel, readonly string[]>,
): void {
  const level = options.level;
  if (typeof level !== 'string' || !LEVELS.includes(level)) throw invalidLevel(options);
  const allowed = targets[level as PitrLevel];
  const given = options as Record<string, unknown>;
  const stray = TARGET_OPTIONS.filter((option) => given[option] !== undefined && !allowed.includes(option));
  if (stray.length > 0) {
    throw new InvalidInputError(
      stray[0] ?? 'level',
      `A ${level}-level PITR statement does not take ${stray.map((option) => `\`${option}\``).join(', ')}; ` +
        `it takes ${allowed.length === 0 ? 'no target' : allowed.map((option) => `\`${option}\``).join(', ')}.`,
    );
  }
}

function accountName(account: string): string {
  return quoteIdentifier(normalizeCatalogName(account, IdentifierKind.Account), IdentifierKind.Account);
}

function rangeClause(range: PitrRange): string {
  const given: Partial<PitrRange> = typeof range === 'object' && range !== null ? range : {};
  const value = integerLiteral(given.value, 'range value', PITR_RANGE_LIMITS);
  if (typeof given.unit !== 'string' || !UNITS.includes(given.unit)) {
    throw new InvalidInputError(
      'range unit',
      `The range unit must be one of ${UNITS.map((unit) => `'${unit}'`).join(', ')} (hours, days, months, years), got ${JSON.stringify(given.unit)}.`,
    );
  }
  return `RANGE ${value} ${quoteString(given.unit, 'range unit')}`;
}

/**
 * The restore time has the shape of MatrixOne's timestamp text, so `MatrixOneTimestamp.parse` checks it; only
 * the text is sent, because MatrixOne reads it in the server's local zone, not as the UTC that type stands for.
 */
function restoreTime(at: string): string {
  try {
    MatrixOneTimestamp.parse(at, 'at');
  } catch (error) {
    throw new InvalidInputError(
      'at',
      `The restore time must be a valid "YYYY-MM-DD HH:MM:SS[.fraction]" in the MatrixOne server's local time zone, got ${JSON.stringify(at)}.`,
      { cause: error },
    );
  }
  return quoteString(at, 'at');
}

function invalidLevel(options: { readonly level?: unknown }): InvalidInputError {
  return new InvalidInputError(
    'level',
    `The level must be one of ${LEVELS.join(', ')}, got ${JSON.stringify(options.level)}.`,
  );
}
