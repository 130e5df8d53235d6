/**
 * `@matrixone/core/adapter`: what an adapter package builds on. The contract an adapter implements is
 * {@link OrmBinding} (one file, `orm-binding.ts`); {@link defineOrmAdapter} turns it into everything users get.
 * The rest are the pieces adapters written before the kit still call directly.
 */
export type { OrmBinding, TransactionEnd, TransactionWatcher } from './orm-binding.js';
export { defineOrmAdapter, type OrmAdapter, type OrmAdapterShape } from './orm-adapter.js';
export type { AdapterOptions } from './adapter-setup.js';
export type { OrmClient } from './orm-client.js';
export { OrmDriver } from './orm-driver.js';
export { beginFromManaged } from './begin-from-managed.js';
export {
  mysql2ClientMembers,
  type Mysql2ClientMembers,
  type Mysql2PromiseClient,
} from './mysql2-client-members.js';
export { statementResultOf } from '../connection/mysql2-result.js';

export { AdapterClient, type AdapterClientOptions } from '../client/adapter-client.js';
export { serverInfoSource, type ServerInfoSourceOptions } from '../client/server-info-source.js';
export { sharedQueryEvents } from '../client/shared-query-events.js';
export { validQueryTimeout } from '../config/resolve-config.js';
export { QueryEvents } from '../events/query-events.js';
export { bindTransaction, type BindOptions, type BoundTransaction } from '../transaction/bind-transaction.js';
export { commitOutcomeUnknownError, isCommitOutcomeUnknown } from '../transaction/commit-outcome.js';
export { attachFailure } from '../transaction/failure-details.js';
export { isRollbackToSavepoint, savepointRollbackFailure } from '../transaction/orm-savepoint-failure.js';
export { endsWholeTransaction } from '../transaction/server-abort.js';
