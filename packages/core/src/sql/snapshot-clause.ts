/**
 * MatrixOne's snapshot clause: the literal braces that follow a table (or database) name and pick the point in
 * time to read, clone, branch or restore from (grammar `table_snapshot_opt`,
 * docs/matrixone-facts.md#snapshots-clones-restores-time-travel):
 * `{SNAPSHOT = 'name'}`, `{TIMESTAMP = 'YYYY-MM-DD HH:MM:SS.fffffffff'}` (UTC) and `{MO_TS = nanoseconds}`.
 *
 * `{AS OF TIMESTAMP '…'}` is deliberately not offered: the server reads that string in the CN process's local
 * time zone, which a client cannot know. Timestamps go out as UTC text through `{TIMESTAMP = …}` instead.
 */
import { InvalidInputError } from '../errors/errors.js';
import { MatrixOneTimestamp } from '../values/timestamp.js';
import { IdentifierKind, type TableRef, normalizeCatalogName, quoteTable } from './identifier.js';
import { quoteString } from './literal.js';

/** The largest `{MO_TS = n}` value: MatrixOne reads it as a signed 64-bit integer. */
const MAX_MO_TS = 9_223_372_036_854_775_807n;

/** Read at a named snapshot (looked up in the current account's `mo_catalog.mo_snapshots`). */
export interface SnapshotPointBySnapshot {
  /** The snapshot's name; sent lower-cased, as MatrixOne stores it. */
  readonly snapshot: string;
  readonly timestamp?: never;
  readonly moTs?: never;
}

/** Read at a wall-clock time. */
export interface SnapshotPointByTimestamp {
  /**
   * The instant, sent as UTC text with its full precision. MatrixOne accepts only times inside the
   * garbage-collection window (about the last hour) or exactly the time of an existing snapshot.
   */
  readonly timestamp: MatrixOneTimestamp | Date | string;
  readonly snapshot?: never;
  readonly moTs?: never;
}

/** Read at a physical time in nanoseconds since the Unix epoch (the unit of `mo_snapshots.ts`). */
export interface SnapshotPointByMoTs {
  /** Nanoseconds since 1970-01-01 UTC; from 1 to 2^63 - 1. */
  readonly moTs: bigint;
  readonly snapshot?: never;
  readonly timestamp?: never;
}

/** A point in time to read at: exactly one of `snapshot`, `timestamp` or `moTs`. */
export type SnapshotPoint = SnapshotPointBySnapshot | SnapshotPointByTimestamp | SnapshotPointByMoTs;

/**
 * Builds the braces for a point in time. Names are validated and lower-cased, values escaped by
 * `sql/literal.ts`; nothing the caller passes reaches the SQL text unchecked.
 *
 * @example
 * snapshotClause({ snapshot: 'sp01' });                        // "{SNAPSHOT = 'sp01'}"
 * snapshotClause({ timestamp: '2026-07-27 03:59:42.93179401' }); // "{TIMESTAMP = '2026-07-27 03:59:42.93179401'}"
 * snapshotClause({ moTs: 1785124782931794010n });              // '{MO_TS = 1785124782931794010}'
 */
export function snapshotClause(point: SnapshotPoint, argument = 'at'): string {
  const given = typeof point === 'object' && point !== null ? point : {};
  const keys = (['snapshot', 'timestamp', 'moTs'] as const).filter(
    (key) => (given as Record<string, unknown>)[key] !== undefined,
  );
  if (keys.length !== 1) {
    throw new InvalidInputError(
      argument,
      `The ${argument} point must give exactly one of "snapshot", "timestamp" or "moTs".`,
    );
  }
  const chosen = given as Partial<Record<'snapshot' | 'timestamp' | 'moTs', unknown>>;
  switch (keys[0]) {
    case 'snapshot':
      return `{SNAPSHOT = ${snapshotNameLiteral(chosen.snapshot)}}`;
    case 'timestamp': {
      const timestamp = MatrixOneTimestamp.from(
        chosen.timestamp as MatrixOneTimestamp | Date | string,
        `${argument}.timestamp`,
      );
      return `{TIMESTAMP = ${quoteString(timestamp.text, `${argument}.timestamp`)}}`;
    }
    default:
      return `{MO_TS = ${moTsLiteral(chosen.moTs, `${argument}.moTs`)}}`;
  }
}

/**
 * Builds the braces a RESTORE takes: only `{SNAPSHOT = '…'}` is accepted there
 * (docs/matrixone-facts.md#snapshots-clones-restores-time-travel).
 *
 * @example
 * restoreSnapshotClause('SP01'); // "{SNAPSHOT = 'sp01'}"
 */
export function restoreSnapshotClause(snapshot: string): string {
  return `{SNAPSHOT = ${snapshotNameLiteral(snapshot)}}`;
}

/**
 * A table reference pinned to a point in time, for a FROM clause or a CLONE source.
 *
 * @example
 * tableAt({ database: 'shop', table: 'orders' }, { snapshot: 'sp01' }); // "`shop`.`orders`{SNAPSHOT = 'sp01'}"
 */
export function tableAt(table: TableRef, point: SnapshotPoint): string {
  return `${quoteTable(table)}${snapshotClause(point)}`;
}

/** A snapshot name as a string literal: validated for the snapshot kind and lower-cased (the string form is
 * looked up as written in time-travel reads, and names are stored lower-cased). */
function snapshotNameLiteral(name: unknown): string {
  return quoteString(normalizeCatalogName(name, IdentifierKind.Snapshot), 'snapshot name');
}

function moTsLiteral(value: unknown, argument: string): string {
  if (typeof value !== 'bigint' || value < 1n || value > MAX_MO_TS) {
    throw new InvalidInputError(
      argument,
      `The ${argument} must be a bigint from 1 to ${MAX_MO_TS} (nanoseconds since the Unix epoch), got ${String(value)}.`,
    );
  }
  return value.toString();
}
