/**
 * Validates a {@link ClientConfig} (or URL) and fills in the defaults. Every problem is a
 * {@link ConfigurationError} naming the field, thrown by `createClient` before any connection is made.
 */
import { inspect } from 'node:util';
import type { SslOptions } from 'mysql2';
import { ConfigurationError } from '../errors/errors.js';
import type { QueryLogger } from '../events/query-events.js';
import { ServerFlavor } from '../server/server-info.js';
import type { ClientConfig, PoolConfig } from './client-config.js';
import { type LoginParts, loginUserString, parseLogin } from './login-user.js';
import { parseConnectionUrl } from './parse-url.js';

/** Defaults of the optional settings. */
const CONFIG_DEFAULTS = {
  host: '127.0.0.1',
  port: 6001,
  connectTimeoutMs: 10_000,
  charset: 'utf8mb4',
  pool: { size: 10, maxOverflow: 0, queueLimit: 0, idleTimeoutMs: 60_000 },
} as const;

const CONFIG_FIELDS = new Set<string>([
  'host',
  'port',
  'user',
  'password',
  'database',
  'account',
  'role',
  'tls',
  'connectTimeoutMs',
  'queryTimeoutMs',
  'charset',
  'pool',
  'serverFlavor',
  'logger',
]);
const POOL_FIELDS = new Set<string>([
  'size',
  'maxOverflow',
  'queueLimit',
  'prePing',
  'recycleMs',
  'idleTimeoutMs',
]);
const MAX_TIMEOUT_MS = 2_147_483_647;

/** Validated pool settings with defaults applied. */
export interface ResolvedPoolConfig {
  readonly size: number;
  readonly maxOverflow: number;
  readonly queueLimit: number;
  /** Ping connections idle at least this long before handing them out; `undefined` = never. */
  readonly prePingIdleMs: number | undefined;
  readonly recycleMs: number | undefined;
  readonly idleTimeoutMs: number;
}

/**
 * A validated configuration. The password lives in a private field: `util.inspect`, `JSON.stringify` and
 * string conversion show `'***'` instead.
 */
export class ResolvedClientConfig {
  readonly host: string;
  readonly port: number;
  readonly login: LoginParts;
  /** The user string sent at login (MatrixOne's `account:user:role` form when an account or role is set). */
  readonly loginUser: string;
  readonly database: string | undefined;
  readonly tls: SslOptions | undefined;
  readonly connectTimeoutMs: number;
  readonly queryTimeoutMs: number | undefined;
  readonly charset: string;
  readonly pool: ResolvedPoolConfig;
  readonly serverFlavor: ServerFlavor | undefined;
  readonly logger: QueryLogger | undefined;
  readonly #password: string | undefined;

  constructor(config: ClientConfig) {
    checkKnownFields(config, CONFIG_FIELDS, '');
    this.host = optionalString(config.host, 'host') ?? CONFIG_DEFAULTS.host;
    this.port = optionalInteger(config.port, 'port', 1, 65_535) ?? CONFIG_DEFAULTS.port;
    const user = optionalString(config.user, 'user');
    if (user === undefined) throw new ConfigurationError('user', 'a user name is required');
    this.login = parseLogin(
      user,
      optionalString(config.account, 'account'),
      optionalString(config.role, 'role'),
    );
    this.loginUser = loginUserString(this.login);
    if (config.password !== undefined && typeof config.password !== 'string') {
      throw new ConfigurationError('password', `expected a string, got ${typeof config.password}`);
    }
    this.#password = config.password;
    this.database = optionalString(config.database, 'database');
    this.tls = resolveTls(config.tls);
    this.connectTimeoutMs =
      optionalInteger(config.connectTimeoutMs, 'connectTimeoutMs', 1, MAX_TIMEOUT_MS) ??
      CONFIG_DEFAULTS.connectTimeoutMs;
    this.queryTimeoutMs = validQueryTimeout(config.queryTimeoutMs);
    const charset = optionalString(config.charset, 'charset') ?? CONFIG_DEFAULTS.charset;
    if (!/^[A-Za-z0-9_]+$/.test(charset)) {
      throw new ConfigurationError('charset', 'expected a character set name such as utf8mb4');
    }
    this.charset = charset;
    this.pool = resolvePool(config.pool);
    if (config.serverFlavor !== undefined && !Object.values(ServerFlavor).includes(config.serverFlavor)) {
      throw new ConfigurationError(
        'serverFlavor',
        `expected one of ${Object.values(ServerFlavor).join(', ')}, got "${String(config.serverFlavor)}"`,
      );
    }
    this.serverFlavor = config.serverFlavor;
    if (config.logger !== undefined && typeof config.logger !== 'function') {
      throw new ConfigurationError('logger', `expected a function, got ${typeof config.logger}`);
    }
    this.logger = config.logger;
  }

  /** The password, for the driver only. */
  get password(): string | undefined {
    return this.#password;
  }

  /** A copy for logs: everything but the password. */
  toJSON(): Record<string, unknown> {
    return {
      host: this.host,
      port: this.port,
      user: this.loginUser,
      password: this.#password === undefined ? undefined : '***',
      database: this.database,
      tls: this.tls !== undefined,
      connectTimeoutMs: this.connectTimeoutMs,
      queryTimeoutMs: this.queryTimeoutMs,
      charset: this.charset,
      pool: this.pool,
      serverFlavor: this.serverFlavor,
    };
  }

  /** `util.inspect` shows the same as {@link ResolvedClientConfig.toJSON}. */
  [inspect.custom](): string {
    return `ResolvedClientConfig ${inspect(this.toJSON())}`;
  }

  /** String conversion never shows the password either. */
  toString(): string {
    return `ResolvedClientConfig ${JSON.stringify(this.toJSON())}`;
  }
}

/**
 * Validates a configuration object or a `mysql://` URL and applies the defaults.
 *
 * @example
 * const config = resolveClientConfig('mysql://acc1%23admin:secret@127.0.0.1:6001/shop?poolSize=5');
 * config.loginUser; // 'acc1:admin'
 */
export function resolveClientConfig(config: ClientConfig | string): ResolvedClientConfig {
  if (typeof config === 'string') return new ResolvedClientConfig(parseConnectionUrl(config));
  if (typeof config !== 'object' || config === null) {
    throw new ConfigurationError('config', 'expected a configuration object or a mysql:// URL');
  }
  return new ResolvedClientConfig(config);
}

function resolvePool(pool: PoolConfig | undefined): ResolvedPoolConfig {
  if (pool === undefined) {
    return { ...CONFIG_DEFAULTS.pool, prePingIdleMs: undefined, recycleMs: undefined };
  }
  if (typeof pool !== 'object' || pool === null) {
    throw new ConfigurationError('pool', 'expected an object of pool settings');
  }
  checkKnownFields(pool, POOL_FIELDS, 'pool.');
  const prePing = pool.prePing;
  let prePingIdleMs: number | undefined;
  if (prePing === true) prePingIdleMs = 0;
  else if (typeof prePing === 'number')
    prePingIdleMs = optionalInteger(prePing, 'pool.prePing', 0, MAX_TIMEOUT_MS);
  else if (prePing !== undefined && prePing !== false) {
    throw new ConfigurationError(
      'pool.prePing',
      `expected true, false or milliseconds, got ${typeof prePing}`,
    );
  }
  return {
    size: optionalInteger(pool.size, 'pool.size', 1, 10_000) ?? CONFIG_DEFAULTS.pool.size,
    maxOverflow:
      optionalInteger(pool.maxOverflow, 'pool.maxOverflow', 0, 10_000) ?? CONFIG_DEFAULTS.pool.maxOverflow,
    queueLimit:
      optionalInteger(pool.queueLimit, 'pool.queueLimit', 0, 1_000_000) ?? CONFIG_DEFAULTS.pool.queueLimit,
    prePingIdleMs,
    recycleMs: optionalInteger(pool.recycleMs, 'pool.recycleMs', 1, MAX_TIMEOUT_MS),
    idleTimeoutMs:
      optionalInteger(pool.idleTimeoutMs, 'pool.idleTimeoutMs', 1, MAX_TIMEOUT_MS) ??
      CONFIG_DEFAULTS.pool.idleTimeoutMs,
  };
}

function resolveTls(tls: ClientConfig['tls']): SslOptions | undefined {
  if (tls === undefined || tls === false) return undefined;
  if (tls === true) return {};
  if (typeof tls === 'object' && tls !== null) return tls;
  throw new ConfigurationError('tls', `expected true, false or TLS options, got ${typeof tls}`);
}

function checkKnownFields(object: object, known: ReadonlySet<string>, prefix: string): void {
  for (const key of Object.keys(object)) {
    if (!known.has(key)) {
      throw new ConfigurationError(
        `${prefix}${key}`,
        `unknown option; known options are ${[...known].map((name) => `${prefix}${name}`).join(', ')}`,
      );
    }
  }
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw new ConfigurationError(field, `expected a string, got ${typeof value}`);
  if (value.trim() === '') throw new ConfigurationError(field, 'must not be empty');
  if (value.includes('\0')) throw new ConfigurationError(field, 'must not contain a NUL character');
  return value;
}

/**
 * Validates a `queryTimeoutMs` setting: a whole number of milliseconds from 1 to 2147483647 (the largest delay
 * Node.js timers accept), or `undefined` for no timeout. Throws `ConfigurationError{field: 'queryTimeoutMs'}`
 * otherwise. The client uses it for its configuration; adapters use it for their own `queryTimeoutMs` option.
 */
export function validQueryTimeout(value: unknown): number | undefined {
  return optionalInteger(value, 'queryTimeoutMs', 1, MAX_TIMEOUT_MS);
}

function optionalInteger(value: unknown, field: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ConfigurationError(
      field,
      `expected a whole number from ${min} to ${max}, got ${String(value)}`,
    );
  }
  return value;
}
