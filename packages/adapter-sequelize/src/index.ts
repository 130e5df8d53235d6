export { matrixone } from './matrixone.js';
export { vectorType } from './vectors.js';
export type {
  MatrixOneSequelizeClient,
  MatrixOneSequelizeOptions,
  SequelizeTransactionContext,
} from './options.js';
