/**
 * The snapshot value and its level (docs/matrixone-facts.md#snapshots-clones-restores-time-travel:
 * `mo_catalog.mo_snapshots` and SHOW SNAPSHOTS).
 */
import type { MatrixOneTimestamp } from '../../values/timestamp.js';

/** What a snapshot covers, as an `as const` object and a matching union. */
export const SnapshotLevel = {
  /** The whole cluster (only the `sys` account may create one). */
  Cluster: 'cluster',
  /** One account: the current one, or any account when `sys` creates it. */
  Account: 'account',
  /** One database of the current account. */
  Database: 'database',
  /** One table of the current account. */
  Table: 'table',
} as const;
/** One of {@link SnapshotLevel}'s values. */
export type SnapshotLevel = (typeof SnapshotLevel)[keyof typeof SnapshotLevel];

/** A snapshot as SHOW SNAPSHOTS lists it. */
export interface Snapshot {
  /** The name, lower-case as MatrixOne stores it. */
  readonly name: string;
  /**
   * When it was taken, exactly: a {@link MatrixOneTimestamp} keeps all nine fraction digits
   * (`timestamp.nanoseconds` is a `bigint`, `timestamp.text` the server's UTC text, `timestamp.toDate()` a
   * millisecond `Date`).
   */
  readonly timestamp: MatrixOneTimestamp;
  /** What it covers. */
  readonly level: SnapshotLevel;
  /** The account it covers; `undefined` for a cluster snapshot. */
  readonly account: string | undefined;
  /** The database it covers; `undefined` for cluster and account snapshots. */
  readonly database: string | undefined;
  /** The table it covers; `undefined` unless it is a table snapshot. */
  readonly table: string | undefined;
}
