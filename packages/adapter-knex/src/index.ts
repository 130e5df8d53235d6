export { KnexDriver, matrixone } from './matrixone.js';
export { isKnexTransaction } from './binding.js';
export type { KnexTransactionContext, MatrixOneKnexClient, MatrixOneKnexOptions } from './options.js';
