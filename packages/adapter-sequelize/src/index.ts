export { matrixone } from './matrixone.js';
export type { MatrixOneSequelizeOptions } from './options.js';
export type { MatrixOneSequelizeClient, SequelizeTransactionContext } from './sequelize-client.js';
