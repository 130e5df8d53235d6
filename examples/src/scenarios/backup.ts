/** Backup: snapshot a database, clone it at the snapshot, and verify the clone holds the same rows. */
import { SnapshotLevel } from '@matrixone/core';
import { createDatabase, dropAll } from '../support/cleanup.js';
import { makeCustomers } from './orm-kit.js';
import type { Scenario } from './scenario.js';

const ROWS = 1_000;

/** The backup scenario. */
export const backup: Scenario = {
  name: 'backup',
  async run({ report, url, openKit, admin, suffix }) {
    const database = `backup_src_${suffix}`;
    const copy = `backup_copy_${suffix}`;
    const snapshot = `${database}_snap`;
    await createDatabase(admin, database);
    const kit = await openKit(url, database);
    let copyKit: Awaited<ReturnType<typeof openKit>> | undefined;
    try {
      await report.step('create the tables through the ORM', () => kit.createSchema());
      await report.step(`write ${ROWS} customers through the ORM`, () =>
        kit.insertCustomers('customers', makeCustomers(ROWS)),
      );
      const taken = await report.matrixOneStep(
        `snapshot database ${database}`,
        () => kit.mo.snapshots.create({ name: snapshot, level: SnapshotLevel.Database, database }),
        (value) => `snapshot ${value.name} at ${value.timestamp.toString()}`,
      );
      if (!taken) {
        report.notRun(`clone ${database} at ${snapshot} into ${copy}`);
        report.notRun('compare row counts of the source and the clone');
        return;
      }
      await report.step('write 10 more rows after the snapshot', () =>
        kit.insertCustomers('customers', makeCustomers(10, ROWS + 1)),
      );
      await report.step(`clone ${database} at ${snapshot} into ${copy}`, () =>
        kit.mo.clones.database(copy, database, { snapshot }),
      );
      copyKit = await openKit(url, copy);
      const cloned = await copyKit.count('customers');
      report.check(cloned === ROWS, `the clone holds the ${ROWS} rows of the snapshot (found ${cloned})`);
      report.check((await kit.count('customers')) === ROWS + 10, 'the source kept its later rows');
    } finally {
      await copyKit?.close();
      await kit.close();
      await dropAll(admin, { databases: [copy, database], snapshots: [snapshot] });
    }
  },
};
