/**
 * Connections a DataSource's mysql2 pool has handed out and not taken back. TypeORM keeps the pool on its
 * driver (`dataSource.driver.pool`, internal) and mysql2 has no public counter, so this reads mysql2's own
 * connection lists; tests only.
 */
import type { DataSource } from 'typeorm';

interface Mysql2PoolLists {
  readonly _allConnections: { readonly length: number };
  readonly _freeConnections: { readonly length: number };
}

export function checkedOutConnections(dataSource: DataSource): number {
  const pool = (dataSource.driver as unknown as { pool: Mysql2PoolLists }).pool;
  return pool._allConnections.length - pool._freeConnections.length;
}
