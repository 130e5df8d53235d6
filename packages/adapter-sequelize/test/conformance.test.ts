import { runAdapterConformanceSuite } from '@matrixone/adapter-test-suite';
import { sequelizeConformanceDriver } from './sequelize-conformance-driver.js';

runAdapterConformanceSuite(sequelizeConformanceDriver);
