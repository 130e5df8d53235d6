/**
 * Data migration: move rows between tables through the ORM in one transaction (the SDK writes the migration log on
 * the same connection); a failure inside the transaction rolls everything back. Runs that commit in several steps
 * go behind `snapshots.guard()`: a failed guarded run is restored from its snapshot, a successful one keeps it
 * (`keepSnapshot`) as the way back; then a snapshot after, and the restore path.
 */
import { SnapshotLevel, isMigrationFailedError } from '@matrixone/core';
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
    const failedRun = `${database}_failed_run`;
    await createDatabase(admin, database);
    const kit = await openKit(url, database);
    try {
      await report.step('create the tables through the ORM', () => kit.createSchema());
      await report.step(`seed ${ROWS} legacy customers through the ORM`, () =>
        kit.insertCustomers('legacy_customers', makeCustomers(ROWS)),
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

      const guardedFailure = await report.matrixOneStep(
        'a guarded run whose first step commits and second fails: snapshots.guard() restores the snapshot',
        () =>
          kit.mo.snapshots
            .guard(
              {
                database,
                run: async () => {
                  await kit.migrate({ migrationId: 'committed-part' });
                  throw new Error('the second step of the run failed');
                },
              },
              { snapshot: failedRun },
            )
            .then(
              () => undefined,
              (error: unknown) => {
                if (isMigrationFailedError(error)) return error;
                throw error;
              },
            ),
        (error) => (error === undefined ? 'did not fail' : error.message),
      );
      if (guardedFailure) {
        report.check(
          guardedFailure.report.restored && guardedFailure.report.snapshot === failedRun,
          `the report says ${database} was restored from ${failedRun}, which is kept`,
        );
        report.check(
          (await kit.count('customers')) === 0 &&
            (await kit.count('legacy_customers')) === ROWS &&
            (await kit.migrationLogCount()) === 0,
          `the restore undid the committed step: 0 customers, ${ROWS} legacy rows, no log row`,
        );
      }

      const guarded = await report.matrixOneStep(
        `migrate every row behind snapshot ${before} (kept on success)`,
        () =>
          kit.mo.snapshots.guard(
            { database, run: () => kit.migrate({ migrationId: 'run-1' }) },
            { snapshot: before, keepSnapshot: true },
          ),
        (outcome) => `${outcome.result} rows moved, snapshot ${outcome.snapshot} kept`,
      );
      const moved =
        guarded?.result ??
        (await report.step(
          'migrate every row in one transaction (unguarded: this server has no snapshots)',
          () => kit.migrate({ migrationId: 'run-1' }),
          (count) => `${count} rows moved`,
        ));
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

      if (guarded) {
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
      await dropAll(admin, { databases: [database], snapshots: [before, after, failedRun] });
    }
  },
};
