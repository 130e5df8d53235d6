/**
 * Development environment: snapshot production, clone it, add development rows through the ORM to the clone
 * only, and verify production is untouched.
 */
import { SnapshotLevel } from '@matrixone/core';
import { createDatabase, dropAll } from '../support/cleanup.js';
import { makeCustomers } from './orm-kit.js';
import type { Scenario } from './scenario.js';

const PRODUCTION_ROWS = 500;
const DEVELOPMENT_ROWS = 50;

/** The development environment scenario. */
export const developmentEnvironment: Scenario = {
  name: 'development environment',
  async run({ report, url, openKit, admin, suffix }) {
    const production = `prod_${suffix}`;
    const development = `dev_${suffix}`;
    const snapshot = `${production}_for_dev`;
    await createDatabase(admin, production);
    const prodKit = await openKit(url, production);
    let devKit: Awaited<ReturnType<typeof openKit>> | undefined;
    try {
      await report.step('create the production tables through the ORM', () => prodKit.createSchema());
      await report.step(`write ${PRODUCTION_ROWS} production customers through the ORM`, () =>
        prodKit.insertCustomers('customers', makeCustomers(PRODUCTION_ROWS)),
      );
      const taken = await report.matrixOneStep(
        `snapshot ${production}`,
        () =>
          prodKit.mo.snapshots.create({
            name: snapshot,
            level: SnapshotLevel.Database,
            database: production,
          }),
        (value) => `snapshot ${value.name} at ${value.timestamp.toString()}`,
      );
      if (!taken) {
        report.notRun(`clone ${production} at ${snapshot} into ${development}`);
        report.notRun(`write ${DEVELOPMENT_ROWS} development rows to the clone through the ORM`);
        report.notRun('verify production is untouched');
        return;
      }
      await report.step(`clone ${production} at ${snapshot} into ${development}`, () =>
        prodKit.mo.clones.database(development, production, { snapshot }),
      );
      devKit = await openKit(url, development);
      const dev = devKit;
      await report.step(`write ${DEVELOPMENT_ROWS} development rows to the clone through the ORM`, () =>
        dev.insertCustomers('customers', makeCustomers(DEVELOPMENT_ROWS, PRODUCTION_ROWS + 1)),
      );
      report.check(
        (await dev.count('customers')) === PRODUCTION_ROWS + DEVELOPMENT_ROWS,
        `the clone holds ${PRODUCTION_ROWS} production + ${DEVELOPMENT_ROWS} development rows`,
      );
      report.check(
        (await prodKit.count('customers')) === PRODUCTION_ROWS,
        `production still holds exactly ${PRODUCTION_ROWS} rows`,
      );
    } finally {
      await devKit?.close();
      await prodKit.close();
      await dropAll(admin, { databases: [development, production], snapshots: [snapshot] });
    }
  },
};
