/** The scenarios' ORM kit for Knex: query builder writes, the adapter's `transaction({ trx, mo })`. */
import { matrixone } from '@matrixone/adapter-knex';
import knexFactory from 'knex';
import type { Customer, CustomerTable, OpenKit } from '../scenarios/orm-kit.js';
import { connectionSettings } from '../support/server.js';

const BATCH = 500;

/** Opens Knex (pool of 5) on `database` and binds the SDK to it. */
export const openKnexKit: OpenKit = async (url, database) => {
  const knex = knexFactory({
    client: 'mysql2',
    connection: connectionSettings(url, database),
    pool: { min: 0, max: 5 },
  });
  const client = matrixone(knex);
  return {
    orm: 'Knex',
    database,
    mo: client,
    async createSchema() {
      for (const table of ['legacy_customers', 'customers'] satisfies CustomerTable[]) {
        await knex.schema.createTable(table, (columns) => {
          columns.integer('id').primary();
          columns.string('name', 100).notNullable();
          columns.string('email', 200).notNullable();
        });
      }
      await knex.schema.createTable('migration_log', (columns) => {
        columns.string('migration_id', 64).primary();
        columns.integer('rows_moved').notNullable();
      });
    },
    async insertCustomers(table, rows) {
      await knex.batchInsert(table, [...rows], BATCH);
    },
    async count(table) {
      const [row] = await knex(table).count({ total: '*' });
      return Number(row?.total);
    },
    migrate: ({ migrationId, failAfterCopy }) =>
      client.transaction(async ({ trx, mo }) => {
        const rows: Customer[] = await trx('legacy_customers').select('id', 'name', 'email').orderBy('id');
        for (let start = 0; start < rows.length; start += BATCH) {
          await trx('customers').insert(rows.slice(start, start + BATCH));
        }
        await trx('legacy_customers').del();
        await mo.execute('INSERT INTO migration_log (migration_id, rows_moved) VALUES (?, ?)', [
          migrationId,
          rows.length,
        ]);
        if (failAfterCopy)
          throw new Error(`migration ${migrationId} failed after copying ${rows.length} rows`);
        return rows.length;
      }),
    async migrationLogCount() {
      const [row] = await knex('migration_log').count({ total: '*' });
      return Number(row?.total);
    },
    async close() {
      await client.close();
      await knex.destroy();
    },
  };
};
