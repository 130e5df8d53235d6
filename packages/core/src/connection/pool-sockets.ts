/**
 * The sockets of every connection a mysql2 pool opened, so that closing the pool can leave none open. mysql2's
 * `pool.end()` only sends `COM_QUIT`, which MatrixOne answers by keeping the socket open; connections the pool
 * dropped earlier (broken, idle, timed out) were only half-closed by mysql2's `destroy()` and are no longer in
 * the pool at all. Both kinds are destroyed by {@link PoolSockets.destroyAll}.
 */
import { destroyAfterQuit } from './destroy-after-quit.js';
import { type MysqlPool, eachPoolConnection, pooledConnections } from './each-pool-connection.js';

export type { MysqlPool } from './each-pool-connection.js';

/** What {@link trackPoolSockets} returns. */
export interface PoolSockets {
  /**
   * Destroys the socket of every connection the pool opened that is still open, each once what was written to
   * it (its QUIT) is flushed. Call it after `pool.end()` resolved. Never rejects.
   */
  destroyAll(): Promise<void>;
}

/**
 * Starts tracking the connections of `pool`: those it opens from now on (its public `connection` event) and those
 * it already holds (read from mysql2's pool internals, `_allConnections`; none are found if a mysql2 release
 * renames it, so track a pool before its first statement where you can).
 *
 * @example
 * const sockets = trackPoolSockets(pool);
 * await pool.end();
 * await sockets.destroyAll();
 */
export function trackPoolSockets(pool: MysqlPool): PoolSockets {
  const open = new Set<object>();
  const track = (connection: unknown) => {
    if (typeof connection !== 'object' || connection === null || open.has(connection)) return;
    const stream = (connection as { stream?: { once?(event: 'close', listener: () => void): unknown } })
      .stream;
    if (typeof stream?.once !== 'function') return;
    open.add(connection);
    stream.once('close', () => open.delete(connection));
  };
  eachPoolConnection(pool, track);
  return {
    async destroyAll() {
      for (const connection of pooledConnections(pool)) track(connection);
      await Promise.all([...open].map((connection) => destroyAfterQuit(connection)));
    },
  };
}
