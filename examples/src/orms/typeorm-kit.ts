/** The scenarios' ORM kit for TypeORM: entity schemas, repositories, the adapter's `transaction({ manager, mo })`. */
import 'reflect-metadata';
import { matrixone } from '@matrixone/adapter-typeorm';
import { DataSource, EntitySchema } from 'typeorm';
import type { Customer, CustomerTable, OpenKit } from '../scenarios/orm-kit.js';
import { connectionSettings } from '../support/server.js';

interface MigrationLogEntry {
  migrationId: string;
  rowsMoved: number;
}

const BATCH = 500;

function customerSchema(name: string, tableName: CustomerTable): EntitySchema<Customer> {
  return new EntitySchema<Customer>({
    name,
    tableName,
    columns: {
      id: { type: 'int', primary: true },
      name: { type: 'varchar', length: 100 },
      email: { type: 'varchar', length: 200 },
    },
  });
}

const schemas: Record<CustomerTable, EntitySchema<Customer>> = {
  legacy_customers: customerSchema('LegacyCustomer', 'legacy_customers'),
  customers: customerSchema('Customer', 'customers'),
};

const MigrationLog = new EntitySchema<MigrationLogEntry>({
  name: 'MigrationLog',
  tableName: 'migration_log',
  columns: {
    migrationId: { name: 'migration_id', type: 'varchar', length: 64, primary: true },
    rowsMoved: { name: 'rows_moved', type: 'int' },
  },
});

/** Opens a TypeORM DataSource (pool of 5) on `database` and binds the SDK to it. */
export const openTypeormKit: OpenKit = async (url, database) => {
  const settings = connectionSettings(url, database);
  const dataSource = await new DataSource({
    type: 'mysql',
    host: settings.host,
    port: settings.port,
    username: settings.user,
    password: settings.password,
    database,
    entities: [schemas.legacy_customers, schemas.customers, MigrationLog],
    poolSize: 5,
    logging: false,
  }).initialize();
  const client = matrixone(dataSource);
  return {
    orm: 'TypeORM',
    database,
    mo: client,
    async createSchema() {
      await dataSource.synchronize();
    },
    async insertCustomers(table, rows) {
      const repository = dataSource.getRepository(schemas[table]);
      for (let start = 0; start < rows.length; start += BATCH) {
        await repository.insert(rows.slice(start, start + BATCH));
      }
    },
    count: (table) => dataSource.getRepository(schemas[table]).count(),
    migrate: ({ migrationId, failAfterCopy }) =>
      client.transaction(async ({ manager, mo }) => {
        const rows = await manager.getRepository(schemas.legacy_customers).find({ order: { id: 'ASC' } });
        const customers = manager.getRepository(schemas.customers);
        for (let start = 0; start < rows.length; start += BATCH) {
          await customers.insert(rows.slice(start, start + BATCH));
        }
        // A query-builder DELETE, not `clear()`: TRUNCATE is DDL and would commit implicitly on MySQL/MariaDB.
        await manager.createQueryBuilder().delete().from(schemas.legacy_customers).execute();
        await mo.execute('INSERT INTO migration_log (migration_id, rows_moved) VALUES (?, ?)', [
          migrationId,
          rows.length,
        ]);
        if (failAfterCopy)
          throw new Error(`migration ${migrationId} failed after copying ${rows.length} rows`);
        return rows.length;
      }),
    migrationLogCount: () => dataSource.getRepository(MigrationLog).count(),
    async close() {
      await client.close();
      await dataSource.destroy();
    },
  };
};
