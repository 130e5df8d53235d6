import { Sequelize } from 'sequelize';

/** A Sequelize instance (mysql dialect) on a test database URL, quiet, with a pool of `poolSize`. */
export function openSequelize(url: string, poolSize = 5): Sequelize {
  return new Sequelize(url, {
    dialect: 'mysql',
    logging: false,
    pool: { max: poolSize, min: 0, acquire: 60_000 },
  });
}

/** Connections currently checked out of Sequelize's pool (sequelize-pool's `using`). */
export function connectionsInUse(sequelize: Sequelize): number {
  const pool = (sequelize.connectionManager as unknown as { readonly pool: { readonly using: number } }).pool;
  return pool.using;
}
