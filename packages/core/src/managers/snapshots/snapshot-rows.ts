/**
 * Parser for SHOW SNAPSHOTS rows (docs/matrixone-facts.md#snapshots-clones-restores-time-travel). Plain SHOW
 * SNAPSHOTS names its columns in upper case,
 * `SHOW SNAPSHOTS WHERE …` in lower case, so columns are read case-insensitively. Every column is VARCHAR;
 * "not applicable" is an empty string.
 */
import type { Row } from '../../connection/executor.js';
import { ServerError } from '../../errors/errors.js';
import { MatrixOneTimestamp } from '../../values/timestamp.js';
import { type Snapshot, SnapshotLevel } from './snapshot.js';

const STATEMENT = 'SHOW SNAPSHOTS';
const LEVELS: readonly string[] = Object.values(SnapshotLevel);

/**
 * Turns one SHOW SNAPSHOTS row into a {@link Snapshot}; throws {@link ServerError} when a column is missing or
 * holds something this SDK cannot read.
 *
 * @example
 * parseSnapshotRow({ SNAPSHOT_NAME: 'sp01', TIMESTAMP: '2025-07-19 05:51:09.380366', SNAPSHOT_LEVEL: 'cluster',
 *   ACCOUNT_NAME: '', DATABASE_NAME: '', TABLE_NAME: '' }).level; // 'cluster'
 */
export function parseSnapshotRow(row: Row): Snapshot {
  const cells = new Map(Object.entries(row).map(([column, value]) => [column.toLowerCase(), value]));
  const text = (column: string): string => {
    const value = cells.get(column);
    if (typeof value === 'string') return value;
    if (Buffer.isBuffer(value)) return value.toString('utf8');
    if (
      value === null &&
      column !== 'snapshot_name' &&
      column !== 'timestamp' &&
      column !== 'snapshot_level'
    ) {
      return '';
    }
    throw new ServerError(
      `${STATEMENT} returned ${value === undefined ? 'no' : 'an unreadable'} "${column}" column; this MatrixOne version's output is not supported.`,
    );
  };
  const level = text('snapshot_level');
  if (!LEVELS.includes(level)) {
    throw new ServerError(`${STATEMENT} returned the unknown snapshot level "${level}".`);
  }
  return {
    name: text('snapshot_name'),
    timestamp: parseSnapshotTime(text('timestamp')),
    level: level as SnapshotLevel,
    account: optional(text('account_name')),
    database: optional(text('database_name')),
    table: optional(text('table_name')),
  };
}

/** Which snapshots to keep; every filter given must match. */
export interface SnapshotFilter {
  /** Only snapshots of this level. */
  readonly level?: SnapshotLevel;
  /** Only snapshots covering this account. */
  readonly account?: string;
  /** Only snapshots covering this database. */
  readonly database?: string;
  /** Only snapshots covering this table. */
  readonly table?: string;
}

/**
 * Whether a snapshot passes a filter. Names compare case-insensitively: MatrixOne stores account names
 * lower-case, lower-cases the names of `FOR TABLE db tbl` and, by default (`lower_case_table_names = 1`), all
 * database and table names.
 */
export function matchesSnapshotFilter(snapshot: Snapshot, filter: SnapshotFilter): boolean {
  const same = (actual: string | undefined, wanted: string | undefined): boolean =>
    wanted === undefined || (actual !== undefined && actual.toLowerCase() === wanted.toLowerCase());
  return (
    (filter.level === undefined || snapshot.level === filter.level) &&
    same(snapshot.account, filter.account) &&
    same(snapshot.database, filter.database) &&
    same(snapshot.table, filter.table)
  );
}

function parseSnapshotTime(text: string): MatrixOneTimestamp {
  try {
    return MatrixOneTimestamp.parse(text, 'TIMESTAMP');
  } catch (error) {
    throw new ServerError(`${STATEMENT} returned the unreadable TIMESTAMP "${text}".`, { cause: error });
  }
}

function optional(text: string): string | undefined {
  return text === '' ? undefined : text;
}
