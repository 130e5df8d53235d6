/** The scenarios' ORM kit for Sequelize: models, `bulkCreate`, the adapter's `transaction({ t, mo })`. */
import { matrixone } from '@matrixone/adapter-sequelize';
import { DataTypes, type Model, type ModelStatic, Sequelize } from 'sequelize';
import type { Customer, CustomerTable, OpenKit } from '../scenarios/orm-kit.js';
import { connectionSettings } from '../support/server.js';

interface CustomerModel extends Model<Customer>, Customer {}

function defineCustomer(
  sequelize: Sequelize,
  modelName: string,
  tableName: CustomerTable,
): ModelStatic<CustomerModel> {
  return sequelize.define<CustomerModel>(
    modelName,
    {
      id: { type: DataTypes.INTEGER, primaryKey: true },
      name: { type: DataTypes.STRING(100), allowNull: false },
      email: { type: DataTypes.STRING(200), allowNull: false },
    },
    { tableName, timestamps: false },
  );
}

/** Opens Sequelize (pool of 5) on `database` and binds the SDK to it. */
export const openSequelizeKit: OpenKit = async (url, database) => {
  const settings = connectionSettings(url, database);
  const sequelize = new Sequelize({
    dialect: 'mysql',
    host: settings.host,
    port: settings.port,
    username: settings.user,
    password: settings.password,
    database,
    logging: false,
    pool: { max: 5, min: 0 },
  });
  const models: Record<CustomerTable, ModelStatic<CustomerModel>> = {
    legacy_customers: defineCustomer(sequelize, 'LegacyCustomer', 'legacy_customers'),
    customers: defineCustomer(sequelize, 'Customer', 'customers'),
  };
  const MigrationLog = sequelize.define(
    'MigrationLog',
    {
      migration_id: { type: DataTypes.STRING(64), primaryKey: true },
      rows_moved: { type: DataTypes.INTEGER, allowNull: false },
    },
    { tableName: 'migration_log', timestamps: false },
  );
  const client = matrixone(sequelize);
  return {
    orm: 'Sequelize',
    database,
    mo: client,
    async createSchema() {
      await sequelize.sync();
    },
    async insertCustomers(table, rows) {
      await models[table].bulkCreate([...rows]);
    },
    count: (table) => models[table].count(),
    migrate: ({ migrationId, failAfterCopy }) =>
      client.transaction(async ({ t, mo }) => {
        const rows = await models.legacy_customers.findAll({
          transaction: t,
          raw: true,
          order: [['id', 'ASC']],
        });
        await models.customers.bulkCreate(rows, { transaction: t });
        await models.legacy_customers.destroy({ where: {}, transaction: t });
        await mo.execute('INSERT INTO migration_log (migration_id, rows_moved) VALUES (?, ?)', [
          migrationId,
          rows.length,
        ]);
        if (failAfterCopy)
          throw new Error(`migration ${migrationId} failed after copying ${rows.length} rows`);
        return rows.length;
      }),
    migrationLogCount: () => MigrationLog.count(),
    async close() {
      await client.close();
      await sequelize.close();
    },
  };
};
