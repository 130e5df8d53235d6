import type { AdapterConformanceDriver, TestRow } from '@matrixone/adapter-test-suite';
import {
  DataTypes,
  type Model,
  type ModelStatic,
  QueryTypes,
  type Sequelize,
  type Transaction,
} from 'sequelize';
import { matrixone } from '../src/index.js';
import { connectionsInUse, openSequelize } from './open-sequelize.js';

/** A model over one of the suite's `(id, name)` tables, defined on first use. */
function rowModel(sequelize: Sequelize, table: string): ModelStatic<Model> {
  const modelName = `ConformanceRow_${table}`;
  if (sequelize.isDefined(modelName)) return sequelize.model(modelName);
  return sequelize.define(
    modelName,
    { id: { type: DataTypes.INTEGER, primaryKey: true }, name: { type: DataTypes.STRING(100) } },
    { tableName: table, timestamps: false },
  );
}

/** The conformance suite's view of the Sequelize adapter. */
export const sequelizeConformanceDriver: AdapterConformanceDriver<Transaction> = {
  name: 'sequelize',
  async open(url, { poolSize }) {
    const sequelize = openSequelize(url, poolSize);
    const client = matrixone(sequelize);
    return {
      client,
      transaction: (fn) => client.transaction(({ t, mo }) => fn({ orm: t, mo })),
      ormTransaction: (fn) => sequelize.transaction((t) => fn(t)),
      bind: (t) => matrixone(t),
      async ormConnectionId(t) {
        const row = await sequelize.query<{ id: number | string }>('SELECT CONNECTION_ID() AS id', {
          transaction: t,
          type: QueryTypes.SELECT,
          plain: true,
        });
        return Number(row?.id);
      },
      async ormInsert(t, table, rows: readonly TestRow[]) {
        await rowModel(sequelize, table).bulkCreate(
          rows.map((row) => ({ ...row })),
          { transaction: t },
        );
      },
      ormNested: (t, fn) => sequelize.transaction({ transaction: t }, (savepoint) => fn(savepoint)),
      checkedOutConnections: () => connectionsInUse(sequelize),
      async close() {
        await client.close();
        await sequelize.close();
      },
    };
  },
};
