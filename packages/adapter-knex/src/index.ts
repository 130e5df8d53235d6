export { KnexDriver, matrixone } from './matrixone.js';
export { isKnexTransaction } from './binding.js';
export { vectorColumn, vectorDistance } from './vectors.js';
export type { KnexTransactionContext, MatrixOneKnexClient, MatrixOneKnexOptions } from './options.js';
