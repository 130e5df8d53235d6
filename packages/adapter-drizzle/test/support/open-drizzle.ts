import { type MySql2Database, drizzle } from 'drizzle-orm/mysql2';
import { type Pool, createPool } from 'mysql2';

/** A Drizzle db (mysql2 driver) on a mysql2 pool of `poolSize` connections on `url`, and the pool. */
export function openDrizzle(
  url: string,
  poolSize = 3,
  connectTimeout?: number,
): { db: MySql2Database; pool: Pool } {
  const pool = createPool({
    uri: url,
    connectionLimit: poolSize,
    ...(connectTimeout !== undefined && { connectTimeout }),
  });
  return { db: drizzle(pool), pool };
}

/** Connections checked out of a mysql2 pool right now (mysql2 keeps the counts in its internals only). */
export function usedConnections(pool: Pool): number {
  const internals = pool as unknown as {
    _allConnections?: { length: number };
    _freeConnections?: { length: number };
  };
  if (internals._allConnections === undefined || internals._freeConnections === undefined) {
    throw new Error('the mysql2 pool does not expose its connection lists');
  }
  return internals._allConnections.length - internals._freeConnections.length;
}

/** Ends the pool; MatrixOne keeps sockets open after COM_QUIT, which the adapter's patch takes care of. */
export function endPool(pool: Pool): Promise<void> {
  return new Promise((resolve, reject) => pool.end((error) => (error ? reject(error) : resolve())));
}
