/**
 * The scenarios' ORM kit for Drizzle ORM: query builder writes, the adapter's `transaction({ tx, mo })`. Drizzle
 * has no schema builder of its own (drizzle-kit writes migrations): the tables are created with the SQL
 * drizzle-kit would write for the models below.
 */
import { matrixone } from '@matrixone/adapter-drizzle';
import { count, sql } from 'drizzle-orm';
import { int, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { drizzle } from 'drizzle-orm/mysql2';
import { createPool } from 'mysql2';
import type { Customer, CustomerTable, OpenKit } from '../scenarios/orm-kit.js';
import { connectionSettings } from '../support/server.js';

const BATCH = 500;

const customerColumns = {
  id: int('id').primaryKey(),
  name: varchar('name', { length: 100 }).notNull(),
  email: varchar('email', { length: 200 }).notNull(),
};
const tables = {
  legacy_customers: mysqlTable('legacy_customers', customerColumns),
  customers: mysqlTable('customers', customerColumns),
} satisfies Record<CustomerTable, unknown>;
const migrationLog = mysqlTable('migration_log', {
  migrationId: varchar('migration_id', { length: 64 }).primaryKey(),
  rowsMoved: int('rows_moved').notNull(),
});

/** Opens Drizzle on a mysql2 pool of 5 on `database` and binds the SDK to it. */
export const openDrizzleKit: OpenKit = async (url, database) => {
  const pool = createPool({ ...connectionSettings(url, database), connectionLimit: 5 });
  const db = drizzle(pool);
  const client = matrixone(db);
  return {
    orm: 'Drizzle',
    database,
    mo: client,
    async createSchema() {
      for (const table of ['legacy_customers', 'customers'] satisfies CustomerTable[]) {
        await db.execute(
          sql`CREATE TABLE ${sql.identifier(table)} (id int NOT NULL, name varchar(100) NOT NULL, email varchar(200) NOT NULL, PRIMARY KEY (id))`,
        );
      }
      await db.execute(
        sql`CREATE TABLE migration_log (migration_id varchar(64) NOT NULL, rows_moved int NOT NULL, PRIMARY KEY (migration_id))`,
      );
    },
    async insertCustomers(table, rows) {
      for (let start = 0; start < rows.length; start += BATCH) {
        await db.insert(tables[table]).values(rows.slice(start, start + BATCH));
      }
    },
    async count(table) {
      const [row] = await db.select({ total: count() }).from(tables[table]);
      return Number(row?.total);
    },
    migrate: ({ migrationId, failAfterCopy }) =>
      client.transaction(async ({ tx, mo }) => {
        const rows: Customer[] = await tx
          .select()
          .from(tables.legacy_customers)
          .orderBy(tables.legacy_customers.id);
        for (let start = 0; start < rows.length; start += BATCH) {
          await tx.insert(tables.customers).values(rows.slice(start, start + BATCH));
        }
        await tx.delete(tables.legacy_customers);
        await mo.execute('INSERT INTO migration_log (migration_id, rows_moved) VALUES (?, ?)', [
          migrationId,
          rows.length,
        ]);
        if (failAfterCopy)
          throw new Error(`migration ${migrationId} failed after copying ${rows.length} rows`);
        return rows.length;
      }),
    async migrationLogCount() {
      const [row] = await db.select({ total: count() }).from(migrationLog);
      return Number(row?.total);
    },
    async close() {
      await client.close();
      await pool.promise().end();
    },
  };
};
