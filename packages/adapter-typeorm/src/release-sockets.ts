/**
 * Makes TypeORM's own teardown free the sockets it ends. `dataSource.destroy()` calls the mysql driver's
 * `disconnect()`, which ends the mysql2 pool: that only sends `COM_QUIT`, and MatrixOne keeps the TCP connection
 * open after it (observed on MatrixOne 4.2.0), so the process would never exit. Connections the pool dropped
 * earlier (a destroyed runner connection, an idle one) were only half-closed by mysql2. The data source's driver
 * instance gets its `disconnect` wrapped (TypeORM offers no hook for it): the pool's sockets are tracked from set-up
 * on, and after the pool ended each is destroyed once its QUIT is flushed. Only the instance is patched, never a
 * prototype; patching twice does nothing.
 */
import { type MysqlPool, type PoolSockets, trackPoolSockets } from '@matrixone/core';
import type { DataSource } from 'typeorm';

/** The parts of TypeORM's mysql driver read here: its mysql2 pool, or its pool cluster's pools. */
interface MysqlDriverPools {
  pool?: MysqlPool;
  poolCluster?: { readonly _nodes?: Record<string, { readonly pool?: MysqlPool }> };
  disconnect(): Promise<void>;
}

const patched = new WeakSet<object>();
const trackers = new WeakMap<MysqlPool, PoolSockets>();

/** Frees, at `dataSource.destroy()`, the socket of every connection the data source's pool opened. */
export function releaseSockets(dataSource: DataSource): void {
  const driver = dataSource.driver as unknown as MysqlDriverPools;
  for (const pool of poolsOf(driver)) trackerFor(pool);
  if (patched.has(driver)) return;
  patched.add(driver);
  const disconnect = driver.disconnect;
  driver.disconnect = async function (this: MysqlDriverPools) {
    // Read before disconnecting: TypeORM forgets its pools once they ended.
    const sockets = poolsOf(driver).map(trackerFor);
    try {
      await disconnect.call(this);
    } finally {
      await Promise.all(sockets.map((tracked) => tracked.destroyAll()));
    }
  };
}

function trackerFor(pool: MysqlPool): PoolSockets {
  let tracked = trackers.get(pool);
  if (tracked === undefined) {
    tracked = trackPoolSockets(pool);
    trackers.set(pool, tracked);
  }
  return tracked;
}

/**
 * The mysql2 pools of the driver: `pool`, or the pools of a replication `poolCluster` (read from mysql2's
 * cluster internals, `_nodes`, which have no public accessor).
 */
function poolsOf(driver: MysqlDriverPools): MysqlPool[] {
  if (driver.pool !== undefined) return [driver.pool];
  return Object.values(driver.poolCluster?._nodes ?? {}).flatMap((node) =>
    node.pool === undefined ? [] : [node.pool],
  );
}
