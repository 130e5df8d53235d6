export { matrixone } from './matrixone.js';
export { vector, vectorDistance } from './vectors.js';
export type {
  DrizzleTransaction,
  DrizzleTransactionContext,
  MatrixOneDrizzleClient,
  MatrixOneDrizzleOptions,
} from './options.js';
