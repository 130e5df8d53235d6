export {
  IsolationLevel,
  type Executor,
  type Row,
  type SqlDriver,
  type Statement,
  type StatementResult,
  type TransactionConnection,
  type TransactionOptions,
  type TransactionalExecutor,
} from './connection/executor.js';
export * from './errors/errors.js';
export {
  IdentifierKind,
  normalizeCatalogName,
  quoteIdentifier,
  quoteTable,
  validateIdentifier,
  type TableRef,
} from './sql/identifier.js';
export { integerLiteral, quoteString } from './sql/literal.js';
export {
  ServerFlavor,
  assertMatrixOne,
  compareVersions,
  requireMatrixOneVersion,
  describeServer,
  parseServerVersion,
  type ServerInfo,
} from './server/server-info.js';
export {
  RefusalMessage,
  TRANSACTION_RULES,
  assertAllowedInTransaction,
  type ManagedOperation,
  type TransactionRule,
} from './managers/transaction-rules.js';
export { toMatrixOneError } from './errors/map-driver-error.js';
export { REDACTED, redactSql } from './redaction/redact-sql.js';
export {
  restoreSnapshotClause,
  snapshotClause,
  tableAt,
  type SnapshotPoint,
  type SnapshotPointByMoTs,
  type SnapshotPointBySnapshot,
  type SnapshotPointByTimestamp,
} from './sql/snapshot-clause.js';
export { MatrixOneTimestamp, isMatrixOneTimestamp } from './values/timestamp.js';
export {
  createClientFromDriver,
  type ClientOptions,
  type MatrixOneClient,
} from './client/matrixone-client.js';
export type { ExecuteResult, Queryable } from './managers/queryable.js';
export type { Transaction } from './transaction/transaction.js';
export {
  DEFAULT_MAX_ROWS_PER_BATCH,
  type BulkInsertOptions,
  type BulkInsertResult,
} from './bulk/bulk-insert.js';
export type { BulkRows } from './bulk/bulk-rows.js';
export type { TransactionHook } from './transaction/transaction-hooks.js';
export { hookErrorOf, rollbackErrorOf } from './transaction/failure-details.js';
export type {
  QueryEvent,
  QueryListener,
  QueryLogger,
} from './events/query-events.js';
export type { PitrManager } from './managers/pitr/pitr-manager.js';
export { PITR_RANGE_LIMITS, PitrLevel, PitrUnit, type Pitr, type PitrRange } from './managers/pitr/pitr.js';
export type {
  AlterPitrOptions,
  CreateAccountPitrOptions,
  CreateClusterPitrOptions,
  CreateDatabasePitrOptions,
  CreatePitrOptions,
  CreateTablePitrOptions,
  DropPitrOptions,
  RestoreAccountFromPitrOptions,
  RestoreClusterFromPitrOptions,
  RestoreDatabaseFromPitrOptions,
  RestoreFromPitrOptions,
  RestoreTableFromPitrOptions,
} from './managers/pitr/pitr-statements.js';
export { createClient, type PooledClient } from './client/create-client.js';
export { urlWithDatabase } from './config/url-with-database.js';
export type { ClientConfig, PoolConfig } from './config/client-config.js';
export type { LoginParts } from './config/login-user.js';
export {
  ResolvedClientConfig,
  resolveClientConfig,
  type ResolvedPoolConfig,
} from './config/resolve-config.js';
export { MysqlDriver, type MysqlDriverOptions, type PoolStats } from './connection/mysql-driver.js';
export { destroyAfterQuit } from './connection/destroy-after-quit.js';
export { trackPoolSockets, type MysqlPool, type PoolSockets } from './connection/pool-sockets.js';
export {
  correctInsertIds,
  type InsertIdCorrectionOptions,
  type RowIdNumbering,
} from './connection/matrixone-insert-ids.js';
export { SnapshotLevel, type Snapshot } from './managers/snapshots/snapshot.js';
export type {
  DropSnapshotOptions,
  ListSnapshotsOptions,
  SnapshotManager,
} from './managers/snapshots/snapshot-manager.js';
export type { SnapshotFilter } from './managers/snapshots/snapshot-rows.js';
export type {
  CreateAccountSnapshotOptions,
  CreateClusterSnapshotOptions,
  CreateDatabaseSnapshotOptions,
  CreateSnapshotOptions,
  CreateTableSnapshotOptions,
} from './managers/snapshots/snapshot-statements.js';
export type {
  Clone,
  CloneManager,
  CloneWithUrl,
  SweepClonesOptions,
  WithCloneOptions,
} from './managers/clones/clone-manager.js';
export type { CloneDatabaseOptions, CloneTableOptions } from './managers/clones/clone-statements.js';
export type {
  GuardedMigrationResult,
  GuardedMigrations,
  SnapshotGuardOptions,
} from './managers/snapshots/snapshot-guard.js';
export {
  MigrationFailedError,
  isMigrationFailedError,
  type MigrationFailureReport,
} from './managers/snapshots/migration-failed-error.js';
export {
  guardKnexMigrations,
  type GuardKnexMigrationsOptions,
  type KnexMigrationsLike,
} from './migrations/knex-migrations.js';
export {
  guardTypeOrmMigrations,
  type GuardTypeOrmMigrationsOptions,
  type TypeOrmDataSourceLike,
  type TypeOrmMigrationLike,
} from './migrations/typeorm-migrations.js';
export {
  guardUmzugMigrations,
  type GuardUmzugMigrationsOptions,
  type UmzugLike,
} from './migrations/umzug-migrations.js';
export type { RestoreManager } from './managers/restores/restore-manager.js';
export type { RestoreOptions, RestoreTableTarget } from './managers/restores/restore-statements.js';
export type { TimeTravelManager, TimeTravelPoint } from './managers/time-travel/time-travel-manager.js';
export type { FilterValue, TimeTravelSelect } from './managers/time-travel/time-travel-statements.js';
export type { PublicationManager } from './managers/publications/publication-manager.js';
export {
  SubscriptionStatus,
  type Publication,
  type PublicationDefinition,
  type Subscription,
} from './managers/publications/publication-rows.js';
export type {
  AlterPublicationOptions,
  CreatePublicationOptions,
  DropPublicationOptions,
  ListPublicationsOptions,
  ListSubscriptionsOptions,
  PublicationAccounts,
  PublicationAccountsChange,
  SubscribeOptions,
} from './managers/publications/publication-statements.js';
export type { AccountManager } from './managers/accounts/account-manager.js';
export type { Account } from './managers/accounts/account-rows.js';
export type { PrivilegeGrant, Role, RoleGrant, User } from './managers/accounts/access-rows.js';
export type {
  ListGrantedRolesOptions,
  ListPrivilegesOptions,
  ListRolesOptions,
  ListUsersOptions,
} from './managers/accounts/access-list-statements.js';
export {
  AccountStatus,
  Privilege,
  type AlterAccountBase,
  type AlterAccountOptions,
  type AlterUserOptions,
  type CreateAccountOptions,
  type CreateRoleOptions,
  type CreateUserOptions,
  type DropAccountOptions,
  type DropRoleOptions,
  type DropUserOptions,
  type GrantOptions,
  type GrantPrivilegesOptions,
  type GrantRolesOptions,
  type ListAccountsOptions,
  type PrivilegeObject,
  type RevokeOptions,
  type RevokePrivilegesOptions,
  type RevokeRolesOptions,
} from './managers/accounts/account-statements.js';
export type { BranchManager } from './managers/branches/branch-manager.js';
export {
  DiffFlag,
  type BranchDiff,
  type BranchDiffCounts,
  type BranchDiffRow,
  type BranchDiffSummary,
} from './managers/branches/branch-rows.js';
export {
  ConflictOption,
  type BranchDiffOptions,
  type BranchDiffRowsOptions,
  type BranchTableRef,
  type CreateBranchDatabaseOptions,
  type CreateBranchTableOptions,
  type MergeBranchOptions,
  type PickBranchOptions,
  type PickKey,
} from './managers/branches/branch-statements.js';
export {
  DecodedVectorKind,
  FLOAT32_MAX,
  MAX_VECTOR_DIMENSION,
  VectorPrecision,
  decodeVector,
  encodeVector,
  type DecodeVectorOptions,
  type DecodedVector,
  type EncodeVectorOptions,
  type VectorInput,
} from './values/vector.js';
export type {
  DropVectorIndexOptions,
  SessionQuery,
  VectorManager,
  VectorSearchHit,
  VectorSearchOptions,
  VectorSessionSettings,
} from './managers/vectors/vector-manager.js';
export { VectorDistance } from './managers/vectors/vector-distance.js';
export {
  VectorIndexAlgorithm,
  VectorOpType,
  type CreateHnswIndexOptions,
  type CreateIvfFlatIndexOptions,
  type CreateVectorIndexOptions,
  type HnswParameters,
  type ReindexHnswOptions,
  type ReindexIvfFlatOptions,
  type ReindexVectorOptions,
  type VectorColumn,
  type VectorIndex,
} from './managers/vectors/vector-index.js';
export {
  VectorFilterMode,
  distanceCall,
  distanceExpression,
  type DistanceCall,
  type DistanceExpression,
  type KnnSearchOptions,
} from './managers/vectors/vector-statements.js';
export {
  vectorColumnType,
  vectorTransformer,
  type VectorColumnOptions,
  type VectorTransformer,
} from './values/vector-column.js';
export type { SearchFilter, SearchFilterValue } from './managers/equality-filter.js';
export type {
  DropFulltextIndexOptions,
  FulltextHit,
  FulltextManager,
  FulltextSearchCall,
} from './managers/fulltext/fulltext-manager.js';
export {
  FulltextMode,
  FulltextParser,
  FulltextRelevancy,
  type CreateFulltextIndexOptions,
  type FulltextIndex,
} from './managers/fulltext/fulltext-index.js';
export type { FulltextSearchOptions, MatchExpression } from './managers/fulltext/fulltext-statements.js';
export type {
  CheckedLoadResult,
  LoadManager,
  LoadResult,
} from './managers/loading/load-manager.js';
export {
  LoadFormat,
  type CheckedLoadOptions,
  type LoadOptions,
  type LoadProgress,
  type LoadSource,
} from './managers/loading/load-statements.js';
export { DuplicateRowsError, type DuplicateKey } from './managers/loading/load-rows.js';
export type {
  RemoveStageFilesOptions,
  StageIfExistsOptions,
  StageManager,
} from './managers/stages/stage-manager.js';
export type {
  AlterStageChange,
  CreateStageOptions,
  StageCredentials,
} from './managers/stages/stage-statements.js';
export type { Stage } from './managers/stages/stage-rows.js';
export type {
  ExportManager,
  ExportStreamOptions,
  ExportStreamResult,
  RowStreamer,
} from './managers/export/export-manager.js';
export type {
  ExportFileOptions,
  ExportQuery,
  ExportTarget,
} from './managers/export/export-statements.js';
export type { RowEncodingOptions } from './managers/export/row-encoding.js';
export type { CdcManager } from './managers/cdc/cdc-manager.js';
export type { CdcEndpoint, CdcMapping, CreateCdcOptions } from './managers/cdc/cdc-statements.js';
export type { CdcEndpointInfo, CdcTask, CdcTaskStatus } from './managers/cdc/cdc-rows.js';
export type { MetadataManager, TableCoverage, TableMetadata } from './managers/metadata/metadata-manager.js';
export type { MetadataScanOptions } from './managers/metadata/metadata-statements.js';
export type {
  ColumnInfo,
  IndexInfo,
  StorageObjectColumn,
  TableStatus,
} from './managers/metadata/metadata-rows.js';
