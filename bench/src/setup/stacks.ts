/**
 * Everything a suite compares, opened once per run on the benchmark database: a raw mysql2 pool, the core
 * client, and each ORM (Knex, Sequelize, TypeORM, Drizzle) with the SDK client over it. Each has its own pool of the same size.
 */
import 'reflect-metadata';
import { type MatrixOneDrizzleClient, matrixone as matrixoneDrizzle } from '@matrixone/adapter-drizzle';
import { type MatrixOneKnexClient, matrixone as matrixoneKnex } from '@matrixone/adapter-knex';
import { type MatrixOneSequelizeClient, matrixone as matrixoneSequelize } from '@matrixone/adapter-sequelize';
import { type MatrixOneTypeOrmClient, matrixone as matrixoneTypeorm } from '@matrixone/adapter-typeorm';
import { type PooledClient, createClient, trackPoolSockets } from '@matrixone/core';
import { type MySql2Database, drizzle } from 'drizzle-orm/mysql2';
import knexFactory, { type Knex } from 'knex';
import { type Pool as CallbackPool, createPool } from 'mysql2';
import mysql from 'mysql2/promise';
import { DataTypes, type Model, type ModelStatic, Sequelize } from 'sequelize';
import { DataSource, EntitySchema } from 'typeorm';
import { connectionSettings } from './server.js';

/** A row of the `loads` table, the target of the bulk loads. */
export interface LoadRow {
  id: number;
  name: string;
  amount: number;
  qty: number;
}

/** The opened stacks. */
export interface Stacks {
  readonly raw: mysql.Pool;
  readonly core: PooledClient;
  readonly knex: Knex;
  readonly knexClient: MatrixOneKnexClient;
  readonly sequelize: Sequelize;
  readonly sequelizeClient: MatrixOneSequelizeClient;
  readonly SequelizeLoad: ModelStatic<Model<LoadRow>>;
  readonly dataSource: DataSource;
  readonly typeormClient: MatrixOneTypeOrmClient;
  readonly TypeormLoad: EntitySchema<LoadRow>;
  readonly drizzle: MySql2Database;
  readonly drizzleClient: MatrixOneDrizzleClient;
  close(): Promise<void>;
}

/** Opens every stack with `poolSize` connections at most. */
export async function openStacks(url: string, database: string, poolSize: number): Promise<Stacks> {
  const settings = connectionSettings(url, database);
  const raw = mysql.createPool({ ...settings, connectionLimit: poolSize });
  // MatrixOne keeps a connection open after COM_QUIT: the raw pool's sockets are destroyed after it ended.
  const rawSockets = trackPoolSockets(raw);
  const core = createClient(urlWithPool(url, database, poolSize));
  const knex = knexFactory({ client: 'mysql2', connection: settings, pool: { min: 0, max: poolSize } });
  // Drizzle runs on a mysql2 pool it is given; the adapter frees its sockets when it ends.
  const drizzlePool: CallbackPool = createPool({ ...settings, connectionLimit: poolSize });
  const drizzleDb = drizzle(drizzlePool);
  const sequelize = new Sequelize({
    dialect: 'mysql',
    host: settings.host,
    port: settings.port,
    username: settings.user,
    password: settings.password,
    database,
    logging: false,
    pool: { max: poolSize, min: 0 },
  });
  const SequelizeLoad = sequelize.define<Model<LoadRow>>(
    'Load',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true },
      name: { type: DataTypes.STRING(60), allowNull: false },
      amount: { type: DataTypes.DECIMAL(12, 2), allowNull: false },
      qty: { type: DataTypes.INTEGER, allowNull: false },
    },
    { tableName: 'loads', timestamps: false },
  );
  const TypeormLoad = new EntitySchema<LoadRow>({
    name: 'Load',
    tableName: 'loads',
    columns: {
      id: { type: 'int', primary: true },
      name: { type: 'varchar', length: 60 },
      amount: { type: 'decimal', precision: 12, scale: 2 },
      qty: { type: 'int' },
    },
  });
  const dataSource = await new DataSource({
    type: 'mysql',
    host: settings.host,
    port: settings.port,
    username: settings.user,
    password: settings.password,
    database,
    entities: [TypeormLoad],
    poolSize,
  }).initialize();
  return {
    raw,
    core,
    knex,
    knexClient: matrixoneKnex(knex),
    sequelize,
    sequelizeClient: matrixoneSequelize(sequelize),
    SequelizeLoad,
    dataSource,
    typeormClient: matrixoneTypeorm(dataSource),
    TypeormLoad,
    drizzle: drizzleDb,
    drizzleClient: matrixoneDrizzle(drizzleDb),
    async close() {
      await core.close();
      await raw.end();
      await rawSockets.destroyAll();
      await knex.destroy();
      await sequelize.close();
      await dataSource.destroy();
      await drizzlePool.promise().end();
    },
  };
}

/** The server URL with `database` selected and the core client's pool size set. */
export function urlWithPool(url: string, database: string, poolSize: number): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  parsed.searchParams.set('poolSize', String(poolSize));
  return parsed.toString();
}
