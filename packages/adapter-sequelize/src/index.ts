export { matrixone } from './matrixone.js';
export type {
  MatrixOneSequelizeClient,
  MatrixOneSequelizeOptions,
  SequelizeTransactionContext,
} from './options.js';
