import type { PoolOptions } from 'mysql2';
import type { ResolvedClientConfig } from './resolve-config.js';

/**
 * mysql2's pool options for a validated configuration (the mapping table is in docs/configuration.md).
 * Pre-ping and recycle have no mysql2 option: the core's driver does them when it checks a connection out.
 */
export function toMysqlPoolOptions(config: ResolvedClientConfig): PoolOptions {
  return {
    host: config.host,
    port: config.port,
    user: config.loginUser,
    ...(config.password !== undefined && { password: config.password }),
    ...(config.database !== undefined && { database: config.database }),
    ...(config.tls !== undefined && { ssl: config.tls }),
    connectTimeout: config.connectTimeoutMs,
    charset: config.charset,
    connectionLimit: config.pool.size + config.pool.maxOverflow,
    maxIdle: config.pool.size,
    idleTimeout: config.pool.idleTimeoutMs,
    queueLimit: config.pool.queueLimit,
    waitForConnections: true,
    enableKeepAlive: true,
    // One statement per call: a value can never smuggle in a second statement.
    multipleStatements: false,
    // BIGINT values beyond 2^53 arrive as strings instead of losing digits.
    supportBigNumbers: true,
    // mysql2 captures a stack trace for every statement (Error.captureStackTrace), only to put it on the
    // driver error, which the SDK keeps as `cause` of a MatrixOneError that has its own stack. Measured in
    // docs/performance.md: it was the largest client-side cost of a statement.
    trace: false,
  };
}
