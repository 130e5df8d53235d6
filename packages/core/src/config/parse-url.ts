/**
 * `mysql://user:password@host:port/database?option=value` → {@link ClientConfig}. User, password and database
 * are percent-decoded. A raw `#` in the user part (`mysql://acc#user:pw@host`) is accepted although URLs
 * would read it as a fragment, because that is how MatrixOne users write their login.
 */
import { ConfigurationError } from '../errors/errors.js';
import type { ServerFlavor } from '../server/server-info.js';
import type { ClientConfig, PoolConfig } from './client-config.js';

type Setter = (value: string, config: MutableConfig) => void;
type MutablePool = { -readonly [K in keyof PoolConfig]?: PoolConfig[K] };
type MutableConfig = { -readonly [K in Exclude<keyof ClientConfig, 'pool'>]?: ClientConfig[K] } & {
  pool?: MutablePool;
};

const QUERY_OPTIONS: Record<string, Setter> = {
  account: (value, config) => {
    config.account = value;
  },
  role: (value, config) => {
    config.role = value;
  },
  tls: (value, config) => {
    config.tls = booleanParam('tls', value);
  },
  connectTimeoutMs: (value, config) => {
    config.connectTimeoutMs = numberParam('connectTimeoutMs', value);
  },
  queryTimeoutMs: (value, config) => {
    config.queryTimeoutMs = numberParam('queryTimeoutMs', value);
  },
  charset: (value, config) => {
    config.charset = value;
  },
  serverFlavor: (value, config) => {
    config.serverFlavor = value as ServerFlavor;
  },
  poolSize: (value, config) => {
    pool(config).size = numberParam('pool.size', value);
  },
  maxOverflow: (value, config) => {
    pool(config).maxOverflow = numberParam('pool.maxOverflow', value);
  },
  queueLimit: (value, config) => {
    pool(config).queueLimit = numberParam('pool.queueLimit', value);
  },
  prePing: (value, config) => {
    // `true`/`false`, or the idle milliseconds after which a connection is pinged.
    pool(config).prePing = /^\d+$/.test(value)
      ? numberParam('pool.prePing', value)
      : booleanParam('pool.prePing', value);
  },
  recycleMs: (value, config) => {
    pool(config).recycleMs = numberParam('pool.recycleMs', value);
  },
  idleTimeoutMs: (value, config) => {
    pool(config).idleTimeoutMs = numberParam('pool.idleTimeoutMs', value);
  },
};

/** The query parameters a connection URL may carry. */
const URL_OPTIONS: readonly string[] = Object.keys(QUERY_OPTIONS);

/**
 * Parses a connection URL; throws {@link ConfigurationError} naming the field at fault.
 *
 * @example
 * parseConnectionUrl('mysql://acc1%23admin:s3cret@db.example.com:6001/shop?poolSize=5');
 */
export function parseConnectionUrl(url: string): ClientConfig {
  let parsed: URL;
  try {
    parsed = new URL(encodeHashInUserInfo(url));
  } catch {
    // Not kept as `cause`: Node's URL error carries the whole input, password included.
    throw new ConfigurationError(
      'url',
      'not a valid URL (expected mysql://user:password@host:port/database)',
    );
  }
  if (parsed.protocol !== 'mysql:') {
    throw new ConfigurationError('url', `the scheme must be "mysql:", got "${parsed.protocol}"`);
  }
  const config: MutableConfig = { user: decode('user', parsed.username) };
  if (parsed.hostname) config.host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (parsed.port) config.port = Number(parsed.port);
  if (parsed.password) config.password = decode('password', parsed.password);
  const database = decode('database', parsed.pathname.replace(/^\//, ''));
  if (database) config.database = database;
  for (const [name, value] of parsed.searchParams) {
    const set = QUERY_OPTIONS[name];
    if (!set) {
      throw new ConfigurationError(name, `unknown URL option; known options are ${URL_OPTIONS.join(', ')}`);
    }
    set(value, config);
  }
  return config as ClientConfig;
}

function encodeHashInUserInfo(url: string): string {
  const at = url.lastIndexOf('@');
  const schemeEnd = url.indexOf('://');
  if (at < 0 || schemeEnd < 0 || at < schemeEnd) return url;
  const userInfo = url.slice(schemeEnd + 3, at);
  if (userInfo.includes('/')) return url;
  return `${url.slice(0, schemeEnd + 3)}${userInfo.replaceAll('#', '%23')}${url.slice(at)}`;
}

function decode(field: string, value: string): string {
  try {
    return decodeURIComponent(value);
  } catch (error) {
    throw new ConfigurationError(field, 'has an invalid percent-encoding in the URL', { cause: error });
  }
}

function pool(config: MutableConfig): MutablePool {
  config.pool ??= {};
  return config.pool;
}

function numberParam(field: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new ConfigurationError(field, `expected a whole number, got "${value}"`);
  return Number(value);
}

function booleanParam(field: string, value: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new ConfigurationError(field, `expected true or false, got "${value}"`);
}
