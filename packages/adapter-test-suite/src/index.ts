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
