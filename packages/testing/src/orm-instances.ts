/**
 * Ready ORM instances on a clone's URL, one per ORM the adapters bind. Every ORM is an optional peer dependency,
 * loaded with `import()` only when its helper is first called, so a project with one ORM installs only that one.
 * Each instance is made once per clone and closed with it.
 */
import type { MySql2Database } from 'drizzle-orm/mysql2';
import type { Knex } from 'knex';
import type { Sequelize, Options as SequelizeOptions } from 'sequelize';
import type { DataSource, DataSourceOptions } from 'typeorm';

/** TypeORM options for {@link OrmInstances.typeorm}: everything but the connection, which is the clone's. */
export type TypeOrmCloneOptions = Omit<
  Extract<DataSourceOptions, { type: 'mysql' }>,
  'type' | 'url' | 'host' | 'port' | 'username' | 'password' | 'database'
>;

/** Ready ORM instances on the clone, closed with it. */
export interface OrmInstances {
  /** A Knex instance (client `mysql2`) on the clone. */
  knex(config?: Omit<Knex.Config, 'client' | 'connection'>): Promise<Knex>;
  /** A Sequelize instance (dialect `mysql`) on the clone, authenticated. */
  sequelize(options?: Omit<SequelizeOptions, 'dialect'>): Promise<Sequelize>;
  /** An initialized TypeORM DataSource (type `mysql`) on the clone. */
  typeorm(options?: TypeOrmCloneOptions): Promise<DataSource>;
  /** A Drizzle database over a mysql2 pool on the clone. */
  drizzle(): Promise<MySql2Database>;
}

/** The instances of one clone, and how to close them all. */
export interface OrmInstanceSet extends OrmInstances {
  closeAll(): Promise<void>;
}

/** Builds the lazy ORM helpers for `url`. */
export function ormInstances(url: string): OrmInstanceSet {
  const made = new Map<string, { instance: Promise<unknown>; close: () => Promise<unknown> }>();
  const once = <T>(key: string, make: () => Promise<{ instance: T; close: () => Promise<unknown> }>) => {
    const existing = made.get(key);
    if (existing !== undefined) return existing.instance as Promise<T>;
    const building = make();
    const instance = building.then((built) => built.instance);
    made.set(key, { instance, close: () => building.then((built) => built.close()) });
    return instance;
  };
  return {
    knex: (config = {}) =>
      once('knex', async () => {
        const { default: knex } = await loadPeer<typeof import('knex')>('knex', () => import('knex'));
        const instance = knex({ ...config, client: 'mysql2', connection: url });
        return { instance, close: () => instance.destroy() };
      }),
    sequelize: (options = {}) =>
      once('sequelize', async () => {
        const { Sequelize } = await loadPeer<typeof import('sequelize')>(
          'sequelize',
          () => import('sequelize'),
        );
        const instance = new Sequelize(url, { logging: false, ...options, dialect: 'mysql' });
        await instance.authenticate();
        return { instance, close: () => instance.close() };
      }),
    typeorm: (options = {}) =>
      once('typeorm', async () => {
        const { DataSource } = await loadPeer<typeof import('typeorm')>('typeorm', () => import('typeorm'));
        const instance = new DataSource({ ...options, type: 'mysql', url });
        await instance.initialize();
        return { instance, close: () => instance.destroy() };
      }),
    drizzle: () =>
      once('drizzle', async () => {
        const { drizzle } = await loadPeer<typeof import('drizzle-orm/mysql2')>(
          'drizzle-orm',
          () => import('drizzle-orm/mysql2'),
        );
        type Mysql2Promise = typeof import('mysql2/promise');
        // mysql2 is CommonJS: under ESM its functions may sit on `default` only.
        const mysql = await loadPeer<Mysql2Promise & { default?: Mysql2Promise }>(
          'mysql2',
          () => import('mysql2/promise'),
        );
        const pool = (mysql.default ?? mysql).createPool({ uri: url });
        return { instance: drizzle(pool), close: () => pool.end() };
      }),
    closeAll: async () => {
      const closing = [...made.values()].map((entry) => entry.close());
      made.clear();
      await Promise.allSettled(closing);
    },
  };
}

/** Imports an optional peer, saying which package to install when it is missing; other load failures pass through. */
async function loadPeer<T>(name: string, load: () => Promise<unknown>): Promise<T> {
  try {
    return (await load()) as T;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw error;
    throw new Error(
      `@matrixone/testing needs the package "${name}" for this helper: install it (npm i -D ${name}).`,
      {
        cause: error,
      },
    );
  }
}
