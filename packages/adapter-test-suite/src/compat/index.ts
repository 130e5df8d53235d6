export {
  adapterOptions,
  type CompatDriver,
  type CompatExpectations,
  type CompatFeatureRun,
  runCompatSuite,
} from './compat-suite.js';
export { COMPAT_FEATURES, type CompatFeatureId, type CompatFeatureInfo } from './compat-features.js';
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
  classifyFailure,
  describeError,
  errnoOf,
  keyChangeRefusal,
} from './compat-failure.js';
export { COMPAT_KEY_COLUMNS, COMPAT_TABLES_SQL, CompatTables, TYPES_ROW } from './compat-tables.js';
export type { CompatTarget } from './compat-results.js';
export {
  type NestedRollbackRun,
  type PoolAfterNestedSteps,
  poolAfterNestedOutcome,
  ROLLED_BACK_TO_SAVEPOINT,
  nestedRollbackOutcome,
  rolledBackWhole,
} from './compat-nested.js';
