import { runAdapterConformanceSuite } from '@matrixone/adapter-test-suite';
import { drizzleConformanceDriver } from './support/drizzle-conformance-driver.js';

runAdapterConformanceSuite(drizzleConformanceDriver);
