/**
 * Reaching every connection of a mysql2 pool, including those it opened before the caller got hold of it: the
 * pool announces new connections (its public `connection` event) but has no public list of the ones it holds.
 */
import type { Pool as CallbackPool } from 'mysql2';
import type { Pool as PromisePool } from 'mysql2/promise';

/** A mysql2 pool, callback API (what ORMs hold) or promise API. */
export type MysqlPool = CallbackPool | PromisePool;

/** Where mysql2 lists a pool's open connections; no public accessor exists. */
interface PoolInternals {
  readonly _allConnections?: { toArray?(): unknown[] };
}

/**
 * Calls `use` with every connection `pool` holds now (read from mysql2's pool internals, `_allConnections`; none
 * are found if a mysql2 release renames it) and with each one it opens from now on, before the pool hands it out.
 * Either way `use` gets mysql2's callback connection, for the promise pool too.
 *
 * @example
 * eachPoolConnection(pool, (connection) => correctInsertIds(connection));
 */
export function eachPoolConnection(pool: MysqlPool, use: (connection: unknown) => void): void {
  for (const connection of pooledConnections(pool)) use(connection);
  // The callback and promise pools both announce a new connection with mysql2's callback connection.
  (pool as CallbackPool).on('connection', use);
}

/** The connections mysql2 lists in the pool right now (the promise pool wraps the callback one as `pool`). */
export function pooledConnections(pool: MysqlPool): unknown[] {
  const wrapped = (pool as { pool?: unknown }).pool;
  const internals = (typeof wrapped === 'object' && wrapped !== null ? wrapped : pool) as PoolInternals;
  return internals._allConnections?.toArray?.() ?? [];
}
