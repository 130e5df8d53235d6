/**
 * `@matrixone/core/adapter`: what an adapter package builds on. The contract an adapter implements is
 * {@link OrmBinding} (one file, `orm-binding.ts`); {@link defineOrmAdapter} turns it into everything users get.
 * The rest are helpers for filling a binding's members and the typed errors an adapter may build.
 */
export type { OrmBinding, TransactionEnd, TransactionWatcher } from './orm-binding.js';
export { defineOrmAdapter, type OrmAdapter, type OrmAdapterShape } from './orm-adapter.js';
export type { AdapterOptions } from './adapter-setup.js';
export type { OrmClient } from './orm-client.js';
export { OrmDriver } from './orm-driver.js';
export { beginFromManaged } from './begin-from-managed.js';
export { releaseAfterEnd } from './release-after-end.js';
export { eachPoolConnection } from '../connection/each-pool-connection.js';
export {
  mysql2ClientMembers,
  runOnMysql2,
  type Mysql2ClientMembers,
  type Mysql2PromiseClient,
} from './mysql2-client-members.js';
export { statementResultOf } from '../connection/mysql2-result.js';
export {
  sameColumnDefinition,
  type ColumnDefinition,
} from './column-definition.js';
export {
  foreignKeyRule,
  tableForeignKeysOf,
  tableForeignKeysStatement,
  type TableForeignKey,
} from './table-foreign-keys.js';
export { noteRollbackCause } from '../connection/matrixone/guard-matrixone-connection.js';
export { carryCallbackErrors } from './carry-callback-errors.js';
export {
  primaryKeyColumnsOf,
  primaryKeyColumnsStatement,
  primaryKeyOf,
  type SchemaTable,
} from './primary-key-columns.js';
export { declaredNames } from './declared-names.js';
export { serverInfoSource, type ServerInfoSourceOptions } from '../client/server-info-source.js';
// No adapter builds one any more; exported as the type of `ClientOptions.events`, a public signature.
export { QueryEvents } from '../events/query-events.js';

export { commitOutcomeUnknownError, isCommitOutcomeUnknown } from '../transaction/commit-outcome.js';
export { attachFailure } from '../transaction/failure-details.js';
export { endsWholeTransaction } from '../transaction/server-abort.js';
