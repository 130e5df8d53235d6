/**
 * Names of throwaway clones: `<prefix>_<UTC yyyymmddhhmmss>_<8 hex digits>`. The creation time lives in the name
 * because the reference records no catalog column that tells when a *clone* was made: `mo_catalog.mo_database`
 * has a `created_time` (seconds, recorded in `cases/snapshot/snapshotRead.result`), but nothing records whether a
 * clone gets its own time or its source's, nor in which time zone the column is printed, and MariaDB keeps no
 * creation time for a schema at all. A name is read the same on every server, survives the process that made it,
 * and lets `clones.sweep()` pick leftovers with nothing but SHOW DATABASES.
 */
import { randomBytes } from 'node:crypto';
import { InvalidInputError } from '../../errors/errors.js';

/** What follows the prefix: `_`, 14 digits of UTC time, `_`, 8 hex digits. */
const SUFFIX_LENGTH = 24;
/** MariaDB and MySQL allow 64 characters in a database name; MatrixOne accepts more (observed on 4.2.0). */
const MAX_NAME_LENGTH = 64;
/** The longest prefix that still fits. */
export const MAX_CLONE_PREFIX_LENGTH = MAX_NAME_LENGTH - SUFFIX_LENGTH;
/** Lower case only: MatrixOne lower-cases database names by default (`lower_case_table_names = 1`). */
const PREFIX_PATTERN = /^[a-z0-9_]+$/;

/**
 * Checks a clone prefix: 1–40 characters of `a-z`, `0-9` and `_`, so every name made from it is a plain
 * identifier that fits in 64 characters and reads back unchanged from SHOW DATABASES.
 */
export function validateClonePrefix(prefix: string): string {
  if (prefix.length === 0 || prefix.length > MAX_CLONE_PREFIX_LENGTH || !PREFIX_PATTERN.test(prefix)) {
    throw new InvalidInputError(
      'prefix',
      `A clone prefix has 1 to ${MAX_CLONE_PREFIX_LENGTH} characters of a-z, 0-9 and _ (got "${prefix}").`,
    );
  }
  return prefix;
}

/**
 * The default prefix for clones of `source`: its name lower-cased, characters outside `a-z0-9_` replaced by `_`,
 * cut to fit, then `_clone`.
 */
export function defaultClonePrefix(source: string): string {
  const base = source.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  return `${base.slice(0, MAX_CLONE_PREFIX_LENGTH - '_clone'.length)}_clone`;
}

/**
 * A fresh clone name for `prefix`, created at `now`.
 *
 * @example
 * cloneName('shop_clone', new Date('2026-12-02T10:15:30Z')); // 'shop_clone_20261202101530_1a2b3c4d'
 */
export function cloneName(prefix: string, now: Date = new Date()): string {
  const time = now.toISOString().slice(0, 19).replace(/\D/g, '');
  return `${validateClonePrefix(prefix)}_${time}_${randomBytes(4).toString('hex')}`;
}

/**
 * When the clone `name` was created, if `name` is a clone name made with `prefix`; `undefined` for any other name.
 *
 * @example
 * cloneCreatedAt('shop_clone_20261202101530_1a2b3c4d', 'shop_clone'); // 2026-12-02T10:15:30.000Z
 */
export function cloneCreatedAt(name: string, prefix: string): Date | undefined {
  if (!name.startsWith(`${prefix}_`) || name.length !== prefix.length + SUFFIX_LENGTH) return undefined;
  const match = /^_(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})_[0-9a-f]{8}$/.exec(name.slice(prefix.length));
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  const time = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second));
  return Number.isNaN(time.getTime()) ? undefined : time;
}
