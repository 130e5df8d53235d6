/**
 * Core only, no ORM: connect, write in a transaction, see a rollback, and meet MatrixOne's in-transaction rule —
 * a snapshot is refused inside a transaction before any SQL is sent, and is scheduled with `afterCommit` instead.
 */
import { SnapshotLevel, TransactionRuleError, createClient, describeServer } from '@matrixone/core';
import { createDatabase, dropAll } from '../support/cleanup.js';
import { type Example, runIfMain } from '../support/example.js';
import { uniqueSuffix, urlWithDatabase } from '../support/server.js';

interface Note {
  id: number;
  body: string;
}

/** The core-only example. */
export const coreSimple: Example = {
  title: 'core: simple',
  async run(report, url) {
    const database = `example_core_${uniqueSuffix()}`;
    const admin = createClient(url);
    await createDatabase(admin, database);
    const client = createClient(urlWithDatabase(url, database));
    const snapshot = `${database}_notes`;
    try {
      await report.step('detect the server', () => client.serverInfo(), describeServer);
      await report.step('create a table', () =>
        client.execute('CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(200) NOT NULL)'),
      );
      await report.step('write two notes in one transaction', () =>
        client.transaction(async (tx) => {
          await tx.execute('INSERT INTO notes (id, body) VALUES (?, ?)', [1, 'first']);
          await tx.execute('INSERT INTO notes (id, body) VALUES (?, ?)', [2, 'second']);
        }),
      );
      const failed = await report.failingStep('a transaction that throws is rolled back', () =>
        client.transaction(async (tx) => {
          await tx.execute('INSERT INTO notes (id, body) VALUES (?, ?)', [3, 'never kept']);
          throw new Error('something went wrong');
        }),
      );
      report.check(failed instanceof Error, 'the callback error reached the caller');
      const notes = await client.query<Note>('SELECT id, body FROM notes ORDER BY id');
      report.check(notes.length === 2 && notes[1]?.body === 'second', 'only the committed notes are there');

      const refused = await report.failingStep('ask for a snapshot inside a transaction', () =>
        client.transaction(async (tx) => {
          await tx.snapshots.create({ name: snapshot, level: SnapshotLevel.Database, database });
        }),
      );
      report.check(
        refused instanceof TransactionRuleError,
        'MatrixOne refuses snapshots in a transaction, so the SDK does',
      );

      let scheduled: Promise<unknown> | undefined;
      await report.step('schedule the snapshot with afterCommit instead', () =>
        client.transaction(async (tx) => {
          await tx.execute('INSERT INTO notes (id, body) VALUES (?, ?)', [3, 'third']);
          tx.afterCommit(() => {
            scheduled = report.matrixOneStep(
              'after commit: snapshot the database',
              () => client.snapshots.create({ name: snapshot, level: SnapshotLevel.Database, database }),
              (taken) => `snapshot ${taken.name} at ${taken.timestamp.toString()}`,
            );
          });
        }),
      );
      await scheduled;
      report.check(scheduled !== undefined, 'the afterCommit hook ran after the commit');
    } finally {
      await client.close();
      await dropAll(admin, { databases: [database], snapshots: [snapshot] });
      await admin.close();
    }
  },
};

await runIfMain(import.meta.url, coreSimple);
