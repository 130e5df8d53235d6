/**
 * Pure builders for the snapshot statements (docs/matrixone-facts.md#snapshots-clones-restores-time-travel).
 * No I/O: each returns the exact SQL text.
 * Names are validated and quoted by `sql/identifier.ts`; the few values in SHOW SNAPSHOTS filters are escaped
 * by `sql/literal.ts` (no recorded case shows a placeholder in SHOW SNAPSHOTS WHERE).
 */
import type { Statement } from '../../connection/executor.js';
import { InvalidInputError } from '../../errors/errors.js';
import { IdentifierKind, normalizeCatalogName, quoteIdentifier } from '../../sql/identifier.js';
import { quoteString } from '../../sql/literal.js';
import { oneOf } from '../one-of.js';
import { SnapshotLevel } from './snapshot.js';

interface CreateSnapshotCommon {
  /** The snapshot's name; sent lower-cased (MatrixOne stores it so). No space, tab, quote or backtick. */
  readonly name: string;
  /** Succeed without changes when a snapshot of that name exists (default `false`: that is an error). */
  readonly ifNotExists?: boolean;
}

/** A snapshot of the whole cluster (`sys` only). */
export interface CreateClusterSnapshotOptions extends CreateSnapshotCommon {
  readonly level: typeof SnapshotLevel.Cluster;
}

/** A snapshot of an account: the current one, or `account` (any account when run by `sys`). */
export interface CreateAccountSnapshotOptions extends CreateSnapshotCommon {
  readonly level: typeof SnapshotLevel.Account;
  /** The account to snapshot; the current account when omitted. */
  readonly account?: string;
}

/** A snapshot of one database of the current account. */
export interface CreateDatabaseSnapshotOptions extends CreateSnapshotCommon {
  readonly level: typeof SnapshotLevel.Database;
  readonly database: string;
}

/** A snapshot of one table of the current account. */
export interface CreateTableSnapshotOptions extends CreateSnapshotCommon {
  readonly level: typeof SnapshotLevel.Table;
  readonly database: string;
  readonly table: string;
}

/** What `snapshots.create()` takes: a name, a level and that level's target. */
export type CreateSnapshotOptions =
  | CreateClusterSnapshotOptions
  | CreateAccountSnapshotOptions
  | CreateDatabaseSnapshotOptions
  | CreateTableSnapshotOptions;

/**
 * The one filter SHOW SNAPSHOTS applies on the server: a single comparison on one of the columns MatrixOne's
 * own cases filter on (`show snapshots where SNAPSHOT_NAME = 'snapshot_01';`).
 */
export type ShowSnapshotsFilter =
  | { readonly name: string; readonly level?: never; readonly account?: never }
  | { readonly level: SnapshotLevel; readonly name?: never; readonly account?: never }
  | { readonly account: string; readonly name?: never; readonly level?: never };

/**
 * `CREATE SNAPSHOT [IF NOT EXISTS] name FOR CLUSTER | ACCOUNT [acc] | DATABASE db | TABLE db tbl`.
 * The table form takes two names separated by a space, not `db.tbl`.
 *
 * @example
 * createSnapshotStatement({ name: 'sp01', level: 'table', database: 'shop', table: 'orders' });
 * // { sql: 'CREATE SNAPSHOT `sp01` FOR TABLE `shop` `orders`' }
 */
export function createSnapshotStatement(options: CreateSnapshotOptions): Statement {
  const name = quoteIdentifier(
    normalizeCatalogName(options.name, IdentifierKind.Snapshot),
    IdentifierKind.Snapshot,
  );
  const prefix = `CREATE SNAPSHOT ${options.ifNotExists === true ? 'IF NOT EXISTS ' : ''}${name} FOR `;
  return { sql: prefix + snapshotTarget(options) };
}

/**
 * `DROP SNAPSHOT [IF EXISTS] name`.
 *
 * @example
 * dropSnapshotStatement('sp01', { ifExists: true }); // { sql: 'DROP SNAPSHOT IF EXISTS `sp01`' }
 */
export function dropSnapshotStatement(
  name: string,
  options: { readonly ifExists?: boolean } = {},
): Statement {
  const quoted = quoteIdentifier(
    normalizeCatalogName(name, IdentifierKind.Snapshot),
    IdentifierKind.Snapshot,
  );
  return { sql: `DROP SNAPSHOT ${options.ifExists === true ? 'IF EXISTS ' : ''}${quoted}` };
}

/**
 * `SHOW SNAPSHOTS [WHERE column = 'value']`, with at most one comparison, as recorded (combined conditions are
 * not recorded; callers filter the rest client-side).
 *
 * @example
 * showSnapshotsStatement({ level: 'account' }); // { sql: "SHOW SNAPSHOTS WHERE SNAPSHOT_LEVEL = 'account'" }
 */
export function showSnapshotsStatement(filter?: ShowSnapshotsFilter): Statement {
  if (filter === undefined) return { sql: 'SHOW SNAPSHOTS' };
  const given = filter as Partial<Record<'name' | 'level' | 'account', unknown>>;
  const keys = (['name', 'level', 'account'] as const).filter((key) => given[key] !== undefined);
  if (keys.length !== 1) {
    throw new InvalidInputError(
      'filter',
      'SHOW SNAPSHOTS takes exactly one of "name", "level" or "account".',
    );
  }
  switch (keys[0]) {
    case 'name': {
      const name = normalizeCatalogName(given.name, IdentifierKind.Snapshot);
      return { sql: `SHOW SNAPSHOTS WHERE SNAPSHOT_NAME = ${quoteString(name, 'snapshot name')}` };
    }
    case 'level':
      return {
        sql: `SHOW SNAPSHOTS WHERE SNAPSHOT_LEVEL = ${quoteString(checkedLevel(given.level), 'level')}`,
      };
    default: {
      const account = normalizeCatalogName(given.account, IdentifierKind.Account);
      return { sql: `SHOW SNAPSHOTS WHERE ACCOUNT_NAME = ${quoteString(account, 'account name')}` };
    }
  }
}

function snapshotTarget(options: CreateSnapshotOptions): string {
  const given = options as Partial<Record<'account' | 'database' | 'table', unknown>>;
  const level = checkedLevel(options.level);
  const allowed: Record<SnapshotLevel, readonly string[]> = {
    cluster: [],
    account: ['account'],
    database: ['database'],
    table: ['database', 'table'],
  };
  for (const field of ['account', 'database', 'table'] as const) {
    if (given[field] !== undefined && !allowed[level].includes(field)) {
      throw new InvalidInputError(
        field,
        `A ${level} snapshot takes no "${field}" (MatrixOne has no FOR ${level.toUpperCase()} … ${field.toUpperCase()} form).`,
      );
    }
  }
  switch (level) {
    case SnapshotLevel.Cluster:
      return 'CLUSTER';
    case SnapshotLevel.Account:
      return given.account === undefined
        ? 'ACCOUNT'
        : `ACCOUNT ${quoteIdentifier(normalizeCatalogName(given.account, IdentifierKind.Account), IdentifierKind.Account)}`;
    case SnapshotLevel.Database:
      return `DATABASE ${quoteIdentifier(given.database, IdentifierKind.Database)}`;
    default:
      return `TABLE ${quoteIdentifier(given.database, IdentifierKind.Database)} ${quoteIdentifier(given.table, IdentifierKind.Table)}`;
  }
}

function checkedLevel(level: unknown): SnapshotLevel {
  return oneOf(level, SnapshotLevel, 'level', 'The snapshot level');
}
