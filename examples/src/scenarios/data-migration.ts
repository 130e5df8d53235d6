/**
 * Data migration: snapshot before, move rows between tables through the ORM in one transaction (the SDK writes
 * the migration log on the same connection), snapshot after, verify counts; on failure everything rolls back,
 * and the snapshot taken before is the way back to the old state.
 */
import { SnapshotLevel } from '@matrixone/core';
import { createDatabase, dropAll } from '../support/cleanup.js';
import { makeCustomers } from './orm-kit.js';
import type { Scenario } from './scenario.js';

const ROWS = 1_000;

/** The data migration scenario. */
export const dataMigration: Scenario = {
  name: 'data migration',
  async run({ report, url, openKit, admin, suffix }) {
    const database = `migration_${suffix}`;
    const before = `${database}_before`;
    const after = `${database}_after`;
    await createDatabase(admin, database);
    const kit = await openKit(url, database);
    try {
      await report.step('create the tables through the ORM', () => kit.createSchema());
      await report.step(`seed ${ROWS} legacy customers through the ORM`, () =>
        kit.insertCustomers('legacy_customers', makeCustomers(ROWS)),
      );
      const snapshotBefore = await report.matrixOneStep(
        `snapshot database ${database} before the migration`,
        () => kit.mo.snapshots.create({ name: before, level: SnapshotLevel.Database, database }),
        (snapshot) => `snapshot ${snapshot.name} at ${snapshot.timestamp.toString()}`,
      );

      const failure = await report.failingStep(
        'run a migration that fails after copying (ORM rows and SDK log row in one transaction)',
        () => kit.migrate({ migrationId: 'failing-run', failAfterCopy: true }),
      );
      report.check(failure instanceof Error, 'the failing migration threw');
      report.check(
        (await kit.count('customers')) === 0 &&
          (await kit.count('legacy_customers')) === ROWS &&
          (await kit.migrationLogCount()) === 0,
        `the rollback undid both: 0 customers, ${ROWS} legacy rows, no log row`,
      );

      const moved = await report.step(
        'migrate every row in one transaction',
        () => kit.migrate({ migrationId: 'run-1' }),
        (count) => `${count} rows moved`,
      );
      report.check(moved === ROWS, `${ROWS} rows were moved`);
      report.check(
        (await kit.count('customers')) === ROWS &&
          (await kit.count('legacy_customers')) === 0 &&
          (await kit.migrationLogCount()) === 1,
        `after commit: ${ROWS} customers, 0 legacy rows, 1 log row`,
      );
      await report.matrixOneStep(
        `snapshot database ${database} after the migration`,
        () => kit.mo.snapshots.create({ name: after, level: SnapshotLevel.Database, database }),
        (snapshot) => `snapshot ${snapshot.name} at ${snapshot.timestamp.toString()}`,
      );

      if (snapshotBefore) {
        await report.matrixOneStep(`restore path: restore ${database} from ${before}`, () =>
          kit.mo.restores.database(database, { snapshot: before }),
        );
        report.check(
          (await kit.count('customers')) === 0 && (await kit.count('legacy_customers')) === ROWS,
          `the restore brought back the state before the migration: 0 customers, ${ROWS} legacy rows`,
        );
      } else {
        report.notRun(`restore path: restore ${database} from ${before}`);
      }
    } finally {
      await kit.close();
      await dropAll(admin, { databases: [database], snapshots: [before, after] });
    }
  },
};
