/**
 * TypeORM, simple: a repository write and an SDK write inside ONE `dataSource.transaction` on ONE connection, a
 * MatrixOne operation (a table clone, which MatrixOne allows in a transaction) joining it, then clean-up.
 */
import 'reflect-metadata';
import { matrixone } from '@matrixone/adapter-typeorm';
import { createClient } from '@matrixone/core';
import { DataSource, EntitySchema } from 'typeorm';
import { createDatabase, dropAll } from '../support/cleanup.js';
import { type Example, runIfMain } from '../support/example.js';
import { connectionSettings, uniqueSuffix } from '../support/server.js';

interface Task {
  id: number;
  title: string;
}

const TaskEntity = new EntitySchema<Task>({
  name: 'Task',
  tableName: 'tasks',
  columns: { id: { type: 'int', primary: true }, title: { type: 'varchar', length: 200 } },
});

/** The simple TypeORM example. */
export const typeormSimple: Example = {
  title: 'typeorm: simple',
  async run(report, url) {
    const database = `example_typeorm_${uniqueSuffix()}`;
    const admin = createClient(url);
    await createDatabase(admin, database);
    const { host, port, user, password } = connectionSettings(url);
    const dataSource = await new DataSource({
      type: 'mysql',
      host,
      port,
      username: user,
      password,
      database,
      entities: [TaskEntity],
    }).initialize();
    const client = matrixone(dataSource);
    try {
      await report.step('create the table with dataSource.synchronize()', () => dataSource.synchronize());
      const ids = await report.step(
        'one transaction: the repository inserts, the SDK inserts, both see one connection',
        () =>
          client.transaction(async ({ manager, mo }) => {
            await manager.getRepository(TaskEntity).insert({ id: 1, title: 'written by TypeORM' });
            await mo.execute('INSERT INTO tasks (id, title) VALUES (?, ?)', [2, 'written by the SDK']);
            const [viaOrm] = (await manager.query('SELECT CONNECTION_ID() AS id')) as { id: number }[];
            const [viaSdk] = await mo.query<{ id: number }>('SELECT CONNECTION_ID() AS id');
            await report.matrixOneStep('clone the table inside the same transaction', () =>
              mo.clones.table({ database, table: 'tasks_copy' }, { database, table: 'tasks' }),
            );
            return { orm: Number(viaOrm?.id), sdk: Number(viaSdk?.id) };
          }),
        (seen) => `connection ${seen.orm} (TypeORM) and ${seen.sdk} (SDK)`,
      );
      report.check(ids.orm === ids.sdk, 'TypeORM and the SDK ran on the same connection');
      report.check(
        (await dataSource.getRepository(TaskEntity).count()) === 2,
        'both rows were committed together',
      );
    } finally {
      await client.close();
      await dataSource.destroy();
      await dropAll(admin, { databases: [database] });
      await admin.close();
    }
  },
};

await runIfMain(import.meta.url, typeormSimple);
