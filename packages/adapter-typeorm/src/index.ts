/**
 * `@matrixone/adapter-typeorm`: the MatrixOne SDK on TypeORM's pool and inside TypeORM's transactions.
 */
export { matrixone } from './matrixone.js';
export type {
  MatrixOneTypeOrmClient,
  MatrixOneTypeOrmOptions,
  TypeOrmTransactionContext,
  TypeOrmTransactionOptions,
} from './options.js';
