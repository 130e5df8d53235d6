export { matrixone } from './matrixone.js';
export type {
  DrizzleTransaction,
  DrizzleTransactionContext,
  MatrixOneDrizzleClient,
  MatrixOneDrizzleOptions,
} from './options.js';
