export { matrixone } from './matrixone.js';
export { vectorDistance, vectorType } from './vectors.js';
export type {
  MatrixOneSequelizeClient,
  MatrixOneSequelizeOptions,
  SequelizeTransactionContext,
} from './options.js';
