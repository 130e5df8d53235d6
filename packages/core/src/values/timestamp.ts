/**
 * An exact MatrixOne point in time. MatrixOne keeps snapshot times as nanoseconds since the Unix epoch (UTC)
 * and prints them with Go's layout `2006-01-02 15:04:05.999999999`: 0 to 9 fraction digits, trailing zeros
 * dropped (SHOW SNAPSHOTS, docs/matrixone-facts.md#snapshots-clones-restores-time-travel). A JavaScript
 * `Date` keeps only milliseconds, so this value keeps
 * the nanoseconds as a `bigint` and the text as the server printed it; `toDate()` is the lossy view.
 */
import { InvalidInputError } from '../errors/errors.js';

const TAG = Symbol.for('@matrixone/core:timestamp');
const NANOS_PER_MILLI = 1_000_000n;
const NANOS_PER_SECOND = 1_000_000_000n;
/** `YYYY-MM-DD HH:MM:SS[.fraction]`, UTC, the fraction 1 to 9 digits. */
const TEXT_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;
/** 0001-01-01 00:00:00 UTC and 9999-12-31 23:59:59.999999999 UTC: the range the text layout can hold. */
const MIN_NANOS = -62_135_596_800_000n * NANOS_PER_MILLI;
const MAX_NANOS = BigInt(Date.UTC(9999, 11, 31, 23, 59, 59, 999)) * NANOS_PER_MILLI + 999_999n;

/**
 * A MatrixOne timestamp with nanosecond precision, in UTC.
 *
 * @example
 * const ts = MatrixOneTimestamp.parse('2026-07-27 03:59:42.93179401');
 * ts.nanoseconds; // 1785124782931794010n
 * ts.toDate();    // 2026-07-27T03:59:42.931Z (milliseconds only)
 */
export class MatrixOneTimestamp {
  /** Nanoseconds since 1970-01-01 00:00:00 UTC (the unit of `mo_snapshots.ts` and `{MO_TS = n}`). */
  readonly nanoseconds: bigint;
  /** The UTC text: as the server printed it when parsed, else Go's layout with trailing zeros dropped. */
  readonly text: string;

  private constructor(nanoseconds: bigint, text: string) {
    this.nanoseconds = nanoseconds;
    this.text = text;
    Object.defineProperty(this, TAG, { value: true });
  }

  /**
   * Reads MatrixOne's UTC text `YYYY-MM-DD HH:MM:SS[.fraction]` (up to 9 fraction digits), as SHOW SNAPSHOTS
   * prints it. Throws {@link InvalidInputError} for any other shape or an impossible date.
   *
   * @example
   * MatrixOneTimestamp.parse('2025-07-19 05:51:11.493962').nanoseconds; // 1752904271493962000n
   */
  static parse(text: string, argument = 'timestamp'): MatrixOneTimestamp {
    const match = typeof text === 'string' ? TEXT_PATTERN.exec(text) : null;
    if (match === null) {
      throw new InvalidInputError(
        argument,
        `The ${argument} must look like "YYYY-MM-DD HH:MM:SS[.fraction]" (UTC, up to 9 fraction digits), got ${JSON.stringify(text)}.`,
      );
    }
    const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day);
    date.setUTCHours(hour, minute, second, 0);
    const valid =
      year >= 1 &&
      date.getUTCFullYear() === year &&
      date.getUTCMonth() === month - 1 &&
      date.getUTCDate() === day &&
      date.getUTCHours() === hour &&
      date.getUTCMinutes() === minute &&
      date.getUTCSeconds() === second;
    if (!valid) {
      throw new InvalidInputError(
        argument,
        `The ${argument} ${JSON.stringify(text)} is not a valid date and time.`,
      );
    }
    const fraction = BigInt((match[7] ?? '').padEnd(9, '0'));
    return new MatrixOneTimestamp(BigInt(date.getTime()) * NANOS_PER_MILLI + fraction, text);
  }

  /**
   * Builds the timestamp for a count of nanoseconds since the Unix epoch (such as `mo_snapshots.ts`).
   *
   * @example
   * MatrixOneTimestamp.fromNanoseconds(1752904271493962000n).text; // '2025-07-19 05:51:11.493962'
   */
  static fromNanoseconds(nanoseconds: bigint, argument = 'timestamp'): MatrixOneTimestamp {
    if (typeof nanoseconds !== 'bigint' || nanoseconds < MIN_NANOS || nanoseconds > MAX_NANOS) {
      throw new InvalidInputError(
        argument,
        `The ${argument} must be a bigint count of nanoseconds between years 0001 and 9999, got ${String(nanoseconds)}.`,
      );
    }
    return new MatrixOneTimestamp(nanoseconds, formatNanoseconds(nanoseconds));
  }

  /**
   * Builds the timestamp for a JavaScript `Date` (millisecond precision).
   *
   * @example
   * MatrixOneTimestamp.fromDate(new Date('2026-01-02T03:04:05.600Z')).text; // '2026-01-02 03:04:05.6'
   */
  static fromDate(date: Date, argument = 'timestamp'): MatrixOneTimestamp {
    const millis = date instanceof Date ? date.getTime() : Number.NaN;
    if (Number.isNaN(millis)) {
      throw new InvalidInputError(argument, `The ${argument} must be a valid Date.`);
    }
    return MatrixOneTimestamp.fromNanoseconds(BigInt(millis) * NANOS_PER_MILLI, argument);
  }

  /**
   * Accepts the forms the SDK takes as a point in time: a {@link MatrixOneTimestamp}, a `Date`, or
   * MatrixOne's UTC text.
   *
   * @example
   * MatrixOneTimestamp.from('2026-01-02 03:04:05').equals(MatrixOneTimestamp.from(new Date('2026-01-02T03:04:05Z'))); // true
   */
  static from(value: MatrixOneTimestamp | Date | string, argument = 'timestamp'): MatrixOneTimestamp {
    if (isMatrixOneTimestamp(value)) return value;
    if (value instanceof Date) return MatrixOneTimestamp.fromDate(value, argument);
    return MatrixOneTimestamp.parse(value, argument);
  }

  /** The same instant as a `Date`; fraction digits past milliseconds are dropped (truncated, not rounded). */
  toDate(): Date {
    const millis = this.nanoseconds / NANOS_PER_MILLI - (this.nanoseconds % NANOS_PER_MILLI < 0n ? 1n : 0n);
    return new Date(Number(millis));
  }

  /** True when both name the same nanosecond, whatever their text. */
  equals(other: MatrixOneTimestamp): boolean {
    return this.nanoseconds === other.nanoseconds;
  }

  /** The UTC text (see {@link MatrixOneTimestamp.text}). */
  toString(): string {
    return this.text;
  }

  /** Serialises as the UTC text, so no precision is lost in JSON. */
  toJSON(): string {
    return this.text;
  }
}

/**
 * Whether `value` is a {@link MatrixOneTimestamp}, checked by a symbol tag so it also works across two copies
 * of the package.
 */
export function isMatrixOneTimestamp(value: unknown): value is MatrixOneTimestamp {
  return typeof value === 'object' && value !== null && TAG in value;
}

/** Go's `2006-01-02 15:04:05.999999999` layout in UTC: trailing fraction zeros and a bare dot dropped. */
function formatNanoseconds(nanoseconds: bigint): string {
  let seconds = nanoseconds / NANOS_PER_SECOND;
  let fraction = nanoseconds % NANOS_PER_SECOND;
  if (fraction < 0n) {
    fraction += NANOS_PER_SECOND;
    seconds -= 1n;
  }
  const whole = new Date(Number(seconds) * 1000);
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  const text =
    `${pad(whole.getUTCFullYear(), 4)}-${pad(whole.getUTCMonth() + 1)}-${pad(whole.getUTCDate())} ` +
    `${pad(whole.getUTCHours())}:${pad(whole.getUTCMinutes())}:${pad(whole.getUTCSeconds())}`;
  const digits = fraction.toString().padStart(9, '0').replace(/0+$/, '');
  return digits === '' ? text : `${text}.${digits}`;
}
