/**
 * What server the SDK talks to, read from `SELECT version()`.
 * MatrixOne answers `<prefix><release>` with the prefix `8.0.30-MatrixOne-v` by default (the release may be
 * empty for builds from a branch); MariaDB contains `MariaDB`; anything else is treated as MySQL.
 * Rule (docs/matrixone-facts.md#server-identification): `/MatrixOne/i` first, then `/MariaDB/i`, else MySQL.
 */
import { UnsupportedServerError } from '../errors/errors.js';

/** Server products, as an `as const` object and a matching union. */
export const ServerFlavor = {
  MatrixOne: 'matrixone',
  MariaDB: 'mariadb',
  MySQL: 'mysql',
} as const;
/** One of {@link ServerFlavor}'s values. */
export type ServerFlavor = (typeof ServerFlavor)[keyof typeof ServerFlavor];

/** The detected server. */
export interface ServerInfo {
  readonly flavor: ServerFlavor;
  /** The product's own release as `major.minor.patch…`, or `undefined` when the server does not say. */
  readonly version: string | undefined;
  /** `version()` exactly as the server returned it (`forced` when the flavor came from configuration). */
  readonly versionString: string;
}

const PRODUCT_NAMES: Record<ServerFlavor, string> = {
  matrixone: 'MatrixOne',
  mariadb: 'MariaDB',
  mysql: 'MySQL',
};

/** A human-readable name for a server, such as `MariaDB 10.11.6` or `MatrixOne (version unknown)`. */
export function describeServer(info: ServerInfo): string {
  return `${PRODUCT_NAMES[info.flavor]} ${info.version ?? '(version unknown)'}`;
}

/** Parses the text of `SELECT version()`. */
export function parseServerVersion(versionString: string): ServerInfo {
  const matrixOne = /MatrixOne-v(\d+(?:\.\d+)*)?/i.exec(versionString);
  if (matrixOne || /MatrixOne/i.test(versionString)) {
    return { flavor: ServerFlavor.MatrixOne, version: matrixOne?.[1] || undefined, versionString };
  }
  if (/MariaDB/i.test(versionString)) {
    // MariaDB may prefix `5.5.5-` for old clients: take the version that precedes `-MariaDB`.
    const mariadb =
      /(?:^|-)(\d+\.\d+\.\d+)-MariaDB/i.exec(versionString) ?? /(\d+\.\d+\.\d+)/.exec(versionString);
    return { flavor: ServerFlavor.MariaDB, version: mariadb?.[1], versionString };
  }
  return { flavor: ServerFlavor.MySQL, version: /(\d+\.\d+\.\d+)/.exec(versionString)?.[1], versionString };
}

/** Throws {@link UnsupportedServerError} naming the server unless it is MatrixOne. */
export function assertMatrixOne(info: ServerInfo, operation: string): void {
  if (info.flavor === ServerFlavor.MatrixOne) return;
  const server = describeServer(info);
  throw new UnsupportedServerError(
    `${operation}() needs MatrixOne, but the server is ${server}. ` +
      'If a proxy hides the MatrixOne version, set the `serverFlavor: "matrixone"` option.',
    server,
  );
}

/**
 * Compares two dotted release numbers (`2.1.0` vs `2.0.12`) numerically, part by part; a missing part counts as 0.
 * Returns a negative number, 0 or a positive number, like a sort comparator.
 */
export function compareVersions(left: string, right: string): number {
  const parts = (version: string) => version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const a = parts(left);
  const b = parts(right);
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * The `requires(version)` guard for features that appeared in a given MatrixOne release: throws
 * {@link UnsupportedServerError} naming the server unless it is MatrixOne at `minimum` or later.
 * A MatrixOne built from a branch reports no release (docs/matrixone-facts.md#server-identification); it is
 * let through, since the SDK cannot
 * tell its age and refusing every such build would block development servers.
 *
 * @example
 * requireMatrixOneVersion(await client.serverInfo(), '2.1.0', 'DATA BRANCH');
 */
export function requireMatrixOneVersion(info: ServerInfo, minimum: string, feature: string): void {
  assertMatrixOne(info, feature);
  if (info.version === undefined || compareVersions(info.version, minimum) >= 0) return;
  throw new UnsupportedServerError(
    `${feature} needs MatrixOne ${minimum} or later, but the server is ${describeServer(info)}.`,
    describeServer(info),
  );
}
