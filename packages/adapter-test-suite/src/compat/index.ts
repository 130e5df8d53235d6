export {
  adapterOptions,
  type CompatDriver,
  type CompatExpectations,
  type CompatFeatureRun,
  runCompatSuite,
} from './compat-suite.js';
export type { CompatFeatureId, CompatFeatureInfo } from './compat-features.js';
export {
  type CompatOutcome,
  type CompatOutcomeKind,
  differs,
  fails,
  notEmulated,
  refused,
  works,
  wrong,
} from './compat-outcome.js';
export {
  allAlike,
  attempt,
  attemptEach,
  constraintOutcome,
  describeError,
} from './compat-failure.js';
export {
  CASCADE_COUNTED,
  ID_JUMPS_AFTER_ALTER,
  REFUSED_ON_MATRIXONE,
  everywhere,
} from './compat-expectations.js';
export {
  type CrudReport,
  MANY_EMAILS,
  type TypesRead,
  correlatedRowsOutcome,
  createdColumns,
  crudOutcome,
  cascadeDeleteOutcome,
  insertedIdOutcome,
  insertedIdsOutcome,
  isolationSupportedOutcome,
  keyChangeOutcome,
  loadedOutcome,
  nextIdOutcome,
  noteOutcome,
  notesOutcome,
  readOnlyOutcome,
  typesOutcome,
} from './compat-checks.js';
export { CompatTables, TYPES_ROW } from './compat-tables.js';
export type { CompatTarget } from './compat-results.js';
export {
  type NestedRollbackResult,
  type NestedRollbackRun,
  type NestedTransactionCalls,
  poolAfterNestedOutcome,
  ROLLED_BACK_TO_SAVEPOINT,
  nestedRollbackOutcome,
  rolledBackWhole,
  runNestedRollback,
} from './compat-nested.js';
