/**
 * PITR (point-in-time recovery) values: what a PITR covers, its retention range and how SHOW PITR lists it
 * (docs/matrixone-facts.md#pitr).
 */

/** What a PITR covers, as an `as const` object and a matching union. */
export const PitrLevel = {
  /** The whole cluster (only the `sys` account may create one). */
  Cluster: 'cluster',
  /** One account: the current one, or any account when `sys` creates it. */
  Account: 'account',
  /** One database of the current account. */
  Database: 'database',
  /** One table of the current account. */
  Table: 'table',
} as const;
/** One of {@link PitrLevel}'s values. */
export type PitrLevel = (typeof PitrLevel)[keyof typeof PitrLevel];

/**
 * The units MatrixOne accepts for a PITR range, as it stores them (lower-case). Any other text, including
 * `'hour'`, `'day'`, `'month'` and `'year'`, fails with `invalid pitr unit …` (recorded).
 */
export const PitrUnit = {
  Hour: 'h',
  Day: 'd',
  Month: 'mo',
  Year: 'y',
} as const;
/** One of {@link PitrUnit}'s values. */
export type PitrUnit = (typeof PitrUnit)[keyof typeof PitrUnit];

/** The smallest and largest range value MatrixOne accepts when creating a PITR, for every unit (recorded). */
export const PITR_RANGE_LIMITS = { min: 1, max: 100 } as const;

/** How far back a PITR keeps history: `value` units (1 to 100). */
export interface PitrRange {
  readonly value: number;
  readonly unit: PitrUnit;
}

/** A PITR as SHOW PITR lists it. */
export interface Pitr {
  /** The name, lower-case as MatrixOne stores it. */
  readonly name: string;
  /** What it covers. */
  readonly level: PitrLevel;
  /**
   * The account it covers; `undefined` for a cluster PITR. For database and table PITRs this is the
   * account that created it.
   */
  readonly account: string | undefined;
  /** The database it covers; `undefined` for cluster and account PITRs. */
  readonly database: string | undefined;
  /** The table it covers; `undefined` unless it is a table PITR. */
  readonly table: string | undefined;
  /** How far back it keeps history. */
  readonly range: PitrRange;
  /**
   * When it was created, as SHOW PITR prints it: `YYYY-MM-DD HH:MM:SS`, whole seconds, wall-clock time in the
   * **session's** time zone (the server converts its UTC nanoseconds with `FROM_UNIXTIME`). It is kept as
   * text because the client cannot know that zone; see docs/guides/pitr.md.
   */
  readonly createdTime: string;
  /** When ALTER PITR last changed it (same format and zone as {@link Pitr.createdTime}). */
  readonly modifiedTime: string;
}
