/**
 * Knex, simple: Knex writes a row and the SDK writes another inside ONE transaction on ONE connection, a
 * MatrixOne operation (a table clone, which MatrixOne allows in a transaction) joins it, then everything is
 * cleaned up.
 */
import { matrixone } from '@matrixone/adapter-knex';
import { createClient } from '@matrixone/core';
import knexFactory from 'knex';
import { createDatabase, dropAll } from '../support/cleanup.js';
import { type Example, runIfMain } from '../support/example.js';
import { connectionSettings, uniqueSuffix } from '../support/server.js';

/** The simple Knex example. */
export const knexSimple: Example = {
  title: 'knex: simple',
  async run(report, url) {
    const database = `example_knex_${uniqueSuffix()}`;
    const admin = createClient(url);
    await createDatabase(admin, database);
    const knex = knexFactory({ client: 'mysql2', connection: connectionSettings(url, database) });
    const client = matrixone(knex);
    try {
      await report.step('create a table with Knex', () =>
        knex.schema.createTable('tasks', (table) => {
          table.integer('id').primary();
          table.string('title', 200).notNullable();
        }),
      );
      const ids = await report.step(
        'one transaction: Knex inserts, the SDK inserts, both see one connection',
        () =>
          client.transaction(async ({ trx, mo }) => {
            await trx('tasks').insert({ id: 1, title: 'written by Knex' });
            await mo.execute('INSERT INTO tasks (id, title) VALUES (?, ?)', [2, 'written by the SDK']);
            const [viaKnex] = (await trx.raw('SELECT CONNECTION_ID() AS id'))[0] as { id: number }[];
            const [viaSdk] = await mo.query<{ id: number }>('SELECT CONNECTION_ID() AS id');
            await report.matrixOneStep('clone the table inside the same transaction', () =>
              mo.clones.table({ database, table: 'tasks_copy' }, { database, table: 'tasks' }),
            );
            return { knex: Number(viaKnex?.id), sdk: Number(viaSdk?.id) };
          }),
        (seen) => `connection ${seen.knex} (Knex) and ${seen.sdk} (SDK)`,
      );
      report.check(ids.knex === ids.sdk, 'Knex and the SDK ran on the same connection');
      const rows = await knex('tasks').orderBy('id');
      report.check(rows.length === 2, 'both rows were committed together');
    } finally {
      await client.close();
      await knex.destroy();
      await dropAll(admin, { databases: [database] });
      await admin.close();
    }
  },
};

await runIfMain(import.meta.url, knexSimple);
