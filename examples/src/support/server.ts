/**
 * Where the examples connect. `pnpm examples` sets `TEST_DATABASE_URL` to a private MariaDB it starts, unless
 * `MATRIXONE_URL` (a real MatrixOne) or `TEST_DATABASE_URL` is set already.
 */
import { randomBytes } from 'node:crypto';

/** Connection settings in the shape every ORM accepts. */
export interface ConnectionSettings {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string | undefined;
}

/** The server URL the examples run against. */
export function serverUrl(): string {
  const url = process.env.MATRIXONE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'Set MATRIXONE_URL (mysql://account%23user:password@host:6001, "#" written %23) or run the examples with `pnpm examples`, ' +
        'which starts a private MariaDB for them.',
    );
  }
  return url;
}

/** The URL with `database` selected. */
export function urlWithDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** Splits a `mysql://` URL into the settings ORMs take (user and password percent-decoded). */
export function connectionSettings(url: string, database?: string): ConnectionSettings {
  const parsed = new URL(url);
  const path = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: database ?? (path || undefined),
  };
}

/** A short random suffix, so runs never collide on database or snapshot names. */
export function uniqueSuffix(): string {
  return randomBytes(3).toString('hex');
}
