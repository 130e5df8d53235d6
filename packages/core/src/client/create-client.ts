import type { ClientConfig } from '../config/client-config.js';
import { resolveClientConfig } from '../config/resolve-config.js';
import { MysqlDriver, type PoolStats } from '../connection/mysql-driver.js';
import { type MatrixOneClient, createClientFromDriver } from './matrixone-client.js';

/** A client over the core's own mysql2 pool. */
export interface PooledClient extends MatrixOneClient {
  /** Connections open, idle, checked out and callers waiting; see {@link PoolStats}. */
  poolStats(): PoolStats;
}

/**
 * Creates a client with its own mysql2 pool, from a configuration object or a `mysql://` URL. The
 * configuration is validated here (a {@link ConfigurationError} names the field); no connection is opened
 * until the first statement.
 *
 * @example
 * const client = createClient('mysql://acc1%23admin:secret@127.0.0.1:6001/shop?poolSize=5');
 * const rows = await client.query('SELECT 1 AS one');
 * await client.close();
 */
export function createClient(config: ClientConfig | string): PooledClient {
  const resolved = resolveClientConfig(config);
  const driver = MysqlDriver.fromConfig(resolved);
  const client = createClientFromDriver(driver, {
    ...(resolved.serverFlavor !== undefined && { serverFlavor: resolved.serverFlavor }),
    ...(resolved.logger !== undefined && { logger: resolved.logger }),
  });
  return Object.assign(client, { poolStats: () => driver.poolStats() });
}
