import { runAdapterConformanceSuite } from '@matrixone/adapter-test-suite';
import { knexConformanceDriver } from './support/knex-conformance-driver.js';

runAdapterConformanceSuite(knexConformanceDriver);
