/**
 * Drizzle, simple: Drizzle writes a row and the SDK writes another inside ONE transaction on ONE connection, a
 * MatrixOne operation (a table clone, which MatrixOne allows in a transaction) joins it, then everything is
 * cleaned up. Drizzle has no schema builder of its own (drizzle-kit writes migrations): the table is created with
 * the SQL drizzle-kit would write.
 */
import { matrixone } from '@matrixone/adapter-drizzle';
import { createClient } from '@matrixone/core';
import { sql } from 'drizzle-orm';
import { int, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { drizzle } from 'drizzle-orm/mysql2';
import { createPool } from 'mysql2';
import { createDatabase, dropAll } from '../support/cleanup.js';
import { type Example, runIfMain } from '../support/example.js';
import { connectionSettings, uniqueSuffix } from '../support/server.js';

const tasks = mysqlTable('tasks', {
  id: int('id').primaryKey(),
  title: varchar('title', { length: 200 }).notNull(),
});

/** The simple Drizzle example. */
export const drizzleSimple: Example = {
  title: 'drizzle: simple',
  async run(report, url) {
    const database = `example_drizzle_${uniqueSuffix()}`;
    const admin = createClient(url);
    await createDatabase(admin, database);
    const pool = createPool(connectionSettings(url, database));
    const db = drizzle(pool);
    const client = matrixone(db);
    try {
      await report.step('create a table (the SQL drizzle-kit writes)', () =>
        db.execute(sql`CREATE TABLE tasks (id int NOT NULL, title varchar(200) NOT NULL, PRIMARY KEY (id))`),
      );
      const ids = await report.step(
        'one transaction: Drizzle inserts, the SDK inserts, both see one connection',
        () =>
          client.transaction(async ({ tx, mo }) => {
            await tx.insert(tasks).values({ id: 1, title: 'written by Drizzle' });
            await mo.execute('INSERT INTO tasks (id, title) VALUES (?, ?)', [2, 'written by the SDK']);
            const [viaDrizzle] = (await tx.execute(sql`SELECT CONNECTION_ID() AS id`))[0] as unknown as {
              id: number;
            }[];
            const [viaSdk] = await mo.query<{ id: number }>('SELECT CONNECTION_ID() AS id');
            await report.matrixOneStep('clone the table inside the same transaction', () =>
              mo.clones.table({ database, table: 'tasks_copy' }, { database, table: 'tasks' }),
            );
            return { drizzle: Number(viaDrizzle?.id), sdk: Number(viaSdk?.id) };
          }),
        (seen) => `connection ${seen.drizzle} (Drizzle) and ${seen.sdk} (SDK)`,
      );
      report.check(ids.drizzle === ids.sdk, 'Drizzle and the SDK ran on the same connection');
      const rows = await db.select().from(tasks).orderBy(tasks.id);
      report.check(rows.length === 2, 'both rows were committed together');
    } finally {
      await client.close();
      await pool.promise().end();
      await dropAll(admin, { databases: [database] });
      await admin.close();
    }
  },
};

await runIfMain(import.meta.url, drizzleSimple);
