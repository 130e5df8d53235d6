/**
 * What server the SDK talks to, read from `SELECT version()`.
 * MatrixOne answers `<prefix><release>` with the prefix `8.0.30-MatrixOne-v` by default (the release may be
 * empty for builds from a branch); MariaDB contains `MariaDB`; anything else is treated as MySQL.
 * Rule (reference §1): `/MatrixOne/i` first, then `/MariaDB/i`, else MySQL.
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
