/**
 * Sequelize, simple: a model write and an SDK write inside ONE Sequelize transaction on ONE connection, a
 * MatrixOne operation (a table clone, which MatrixOne allows in a transaction) joining it, then clean-up.
 */
import { matrixone } from '@matrixone/adapter-sequelize';
import { createClient } from '@matrixone/core';
import { DataTypes, QueryTypes, Sequelize } from 'sequelize';
import { createDatabase, dropAll } from '../support/cleanup.js';
import { type Example, runIfMain } from '../support/example.js';
import { connectionSettings, uniqueSuffix } from '../support/server.js';

/** The simple Sequelize example. */
export const sequelizeSimple: Example = {
  title: 'sequelize: simple',
  async run(report, url) {
    const database = `example_seq_${uniqueSuffix()}`;
    const admin = createClient(url);
    await createDatabase(admin, database);
    const { host, port, user, password } = connectionSettings(url);
    const sequelize = new Sequelize({
      dialect: 'mysql',
      host,
      port,
      username: user,
      password,
      database,
      logging: false,
    });
    const Task = sequelize.define(
      'Task',
      {
        id: { type: DataTypes.INTEGER, primaryKey: true },
        title: { type: DataTypes.STRING(200), allowNull: false },
      },
      { tableName: 'tasks', timestamps: false },
    );
    const client = matrixone(sequelize);
    try {
      await report.step('create the table with sequelize.sync()', () => sequelize.sync());
      const ids = await report.step(
        'one transaction: the model inserts, the SDK inserts, both see one connection',
        () =>
          client.transaction(async ({ t, mo }) => {
            await Task.create({ id: 1, title: 'written by Sequelize' }, { transaction: t });
            await mo.execute('INSERT INTO tasks (id, title) VALUES (?, ?)', [2, 'written by the SDK']);
            const [viaOrm] = await sequelize.query<{ id: number }>('SELECT CONNECTION_ID() AS id', {
              transaction: t,
              type: QueryTypes.SELECT,
            });
            const [viaSdk] = await mo.query<{ id: number }>('SELECT CONNECTION_ID() AS id');
            await report.matrixOneStep('clone the table inside the same transaction', () =>
              mo.clones.table({ database, table: 'tasks_copy' }, { database, table: 'tasks' }),
            );
            return { orm: Number(viaOrm?.id), sdk: Number(viaSdk?.id) };
          }),
        (seen) => `connection ${seen.orm} (Sequelize) and ${seen.sdk} (SDK)`,
      );
      report.check(ids.orm === ids.sdk, 'Sequelize and the SDK ran on the same connection');
      report.check((await Task.count()) === 2, 'both rows were committed together');
    } finally {
      await client.close();
      await sequelize.close();
      await dropAll(admin, { databases: [database] });
      await admin.close();
    }
  },
};

await runIfMain(import.meta.url, sequelizeSimple);
