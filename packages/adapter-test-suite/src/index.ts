export { runAdapterConformanceSuite } from './conformance-suite.js';
export type {
  AdapterConformanceDriver,
  AdapterUnderTest,
  ConformanceClient,
  ConformanceTransaction,
  TestRow,
} from './driver.js';
export {
  runAdapterFaultSuite,
  type AdapterFaultDriver,
  type AdapterFaultOpenOptions,
  type AdapterUnderFault,
} from './fault-suite.js';
export { type SearchingClient, expectSearchesNeedMatrixOne } from './searches-need-matrixone.js';
export {
  DUPLICATE_KEY,
  type GuardPerson,
  type GuardTables,
  MISSING_PARENT,
  useGuardTables,
} from './guard-tables.js';
export { INVALID_QUERY_TIMEOUTS, expectInvalidQueryTimeout } from './query-timeout-option.js';
export {
  L2_DISTANCE_STAND_IN,
  LOAD_TABLE_SQL,
  NEAREST_FIRST,
  QUERY_VECTOR,
  STAND_IN_DOCS,
  csvStream,
} from './vector-stand-in.js';
export * from './compat/index.js';
