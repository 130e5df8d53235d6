import { runAdapterConformanceSuite } from '@matrixone/adapter-test-suite';
import { typeOrmConformanceDriver } from './typeorm-conformance-driver.js';

runAdapterConformanceSuite(typeOrmConformanceDriver);
