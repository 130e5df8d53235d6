import { matrixone } from '@matrixone/adapter-sequelize';
import { runAdapterFaultSuite } from '@matrixone/adapter-test-suite';
import { Sequelize, type Transaction } from 'sequelize';
import { connectionsInUse } from './open-sequelize.js';

runAdapterFaultSuite<Transaction>({
  name: 'sequelize',
  passesQueryTimeout: true,
  async open(url, { poolSize, connectTimeoutMs, queryTimeoutMs }) {
    const sequelize = new Sequelize(url, {
      dialect: 'mysql',
      logging: false,
      pool: { max: poolSize, min: 0, acquire: 60_000 },
      dialectOptions: { connectTimeout: connectTimeoutMs },
    });
    const client = matrixone(sequelize, { ...(queryTimeoutMs !== undefined && { queryTimeoutMs }) });
    return {
      client,
      transaction: (fn) => client.transaction(({ t, mo }) => fn({ orm: t, mo })),
      checkedOutConnections: () => connectionsInUse(sequelize),
      async close() {
        await client.close();
        await sequelize.close();
      },
    };
  },
});
