export { isKnexTransaction, matrixone } from './matrixone.js';
export { KnexDriver } from './knex-driver.js';
export type { KnexTransactionContext, MatrixOneKnexClient, MatrixOneKnexOptions } from './types.js';
