/**
 * What `createClient` accepts. Every field is optional except `user`; defaults are documented per field and
 * in docs/configuration.md, together with how the pool settings map onto mysql2's pool.
 */
import type { SslOptions } from 'mysql2';
import type { QueryLogger } from '../events/query-events.js';
import type { ServerFlavor } from '../server/server-info.js';

/**
 * Pool settings, named after what SQLAlchemy users know (`pool_size`, `max_overflow`, `pool_pre_ping`,
 * `pool_recycle`).
 */
export interface PoolConfig {
  /** Connections kept open when idle (SQLAlchemy `pool_size`). Default 10. */
  readonly size?: number;
  /** Extra connections opened under load and closed once idle (SQLAlchemy `max_overflow`). Default 0. */
  readonly maxOverflow?: number;
  /** Callers that may wait for a connection when all are busy; further callers fail at once. 0 = no limit (default). */
  readonly queueLimit?: number;
  /**
   * Checks a connection with a ping before handing it out (SQLAlchemy `pool_pre_ping`): `true` on every
   * checkout, a number only when the connection was idle at least that many milliseconds. Default off.
   */
  readonly prePing?: boolean | number;
  /** Connections older than this many milliseconds are closed instead of reused (SQLAlchemy `pool_recycle`). Default off. */
  readonly recycleMs?: number;
  /** Idle connections above `size` are closed after this many milliseconds. Default 60000. */
  readonly idleTimeoutMs?: number;
}

/** Connection settings for {@link createClient}. */
export interface ClientConfig {
  /** Server host. Default `127.0.0.1`. */
  readonly host?: string;
  /** Server port. Default 6001 (MatrixOne's MySQL-protocol port). */
  readonly port?: number;
  /**
   * User name. MatrixOne login forms are accepted here: `account#user`, `account#user#role`, `account:user`,
   * `account:user:role` (or use the `account` and `role` fields).
   */
  readonly user: string;
  /** Password. Never shown by `util.inspect`, `JSON.stringify` or any error. */
  readonly password?: string;
  /** Database selected after connecting. */
  readonly database?: string;
  /** MatrixOne account (tenant) to log in to; MatrixOne uses `sys` when none is given. */
  readonly account?: string;
  /** MatrixOne role to activate at login; the user's default role when omitted. */
  readonly role?: string;
  /** TLS: `true` for TLS with certificate verification, or mysql2's TLS options. Default off. */
  readonly tls?: boolean | SslOptions;
  /** Timeout for establishing a connection, in milliseconds. Default 10000. */
  readonly connectTimeoutMs?: number;
  /** Timeout for one statement, in milliseconds; the connection is closed (not reused) when it fires. Default none. */
  readonly queryTimeoutMs?: number;
  /** Connection character set. Default `utf8mb4`. */
  readonly charset?: string;
  /** Pool settings. */
  readonly pool?: PoolConfig;
  /** Forces the server flavor instead of reading `SELECT version()` (for proxies that hide the version). */
  readonly serverFlavor?: ServerFlavor;
  /** Called with every query event, like a `client.on('query')` listener. */
  readonly logger?: QueryLogger;
}
