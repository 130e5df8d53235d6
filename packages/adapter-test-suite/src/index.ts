export type {
  AdapterConformanceDriver,
  AdapterUnderTest,
  ConformanceClient,
  ConformanceExecuteResult,
  ConformanceQueryable,
  ConformanceTransaction,
  TestRow,
} from './driver.js';
