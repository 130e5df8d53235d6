/**
 * Drizzle, advanced: pool settings, query events, a bulk insert of 2,000 rows followed by a snapshot scheduled
 * with `afterCommit`, and error handling — a duplicate key from the SDK inside a Drizzle transaction surfaces as
 * the typed `ConstraintError` (server code kept) and rolls back the Drizzle writes too.
 * Last, a CSV generated on the fly is loaded through the SDK (LOAD DATA LOCAL from a stream) and the
 * database snapshotted (support/load-csv.ts).
 */
import { matrixone } from '@matrixone/adapter-drizzle';
import { type QueryEvent, SnapshotLevel, createClient } from '@matrixone/core';
import { count, sql } from 'drizzle-orm';
import { double, int, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { drizzle } from 'drizzle-orm/mysql2';
import { createPool } from 'mysql2';
import { checkDuplicateKey, checkEventsHideValue } from '../support/checks.js';
import { createDatabase, dropAll } from '../support/cleanup.js';
import { type Example, runIfMain } from '../support/example.js';
import { loadCsvThenSnapshot } from '../support/load-csv.js';
import { connectionSettings, uniqueSuffix } from '../support/server.js';

const ROWS = 2_000;
const BATCH = 500;

const measurements = mysqlTable('measurements', {
  id: int('id').primaryKey(),
  sensor: varchar('sensor', { length: 50 }).notNull(),
  value: double('value').notNull(),
});

/** The advanced Drizzle example. */
export const drizzleAdvanced: Example = {
  title: 'drizzle: advanced',
  async run(report, url) {
    const database = `example_drizzle_adv_${uniqueSuffix()}`;
    const snapshot = `${database}_loaded`;
    const csvSnapshot = `${database}_csv`;
    const admin = createClient(url);
    await createDatabase(admin, database);
    // The SDK runs on the mysql2 pool Drizzle runs on: size it here (10 connections, idle ones freed after 30 s).
    const pool = createPool({
      ...connectionSettings(url, database),
      connectionLimit: 10,
      idleTimeout: 30_000,
    });
    const db = drizzle(pool);
    const client = matrixone(db);
    const events: QueryEvent[] = [];
    client.on('query', (event) => events.push(event));
    const total = async () => Number((await db.select({ total: count() }).from(measurements))[0]?.total);
    try {
      await db.execute(
        sql`CREATE TABLE measurements (id int NOT NULL, sensor varchar(50) NOT NULL, value double NOT NULL, PRIMARY KEY (id))`,
      );
      let snapshotStep: Promise<unknown> | undefined;
      await report.step(
        `bulk insert ${ROWS} rows with Drizzle, snapshot after commit`,
        () =>
          client.transaction(async ({ tx, mo }) => {
            const rows = Array.from({ length: ROWS }, (_, i) => ({
              id: i + 1,
              sensor: `s${i % 7}`,
              value: i / 10,
            }));
            for (let start = 0; start < ROWS; start += BATCH) {
              await tx.insert(measurements).values(rows.slice(start, start + BATCH));
            }
            await mo.execute('UPDATE measurements SET value = value * ? WHERE sensor = ?', [2, 's0']);
            mo.afterCommit(() => {
              snapshotStep = report.matrixOneStep('after commit: snapshot the loaded database', () =>
                client.snapshots.create({ name: snapshot, level: SnapshotLevel.Database, database }),
              );
            });
          }),
        () => 'committed; the afterCommit hooks have run',
      );
      await snapshotStep;
      report.check((await total()) === ROWS, `${ROWS} rows committed`);
      report.check(snapshotStep !== undefined, 'the afterCommit hook ran once the commit succeeded');

      const failure = await report.failingStep(
        'a duplicate key from the SDK inside a Drizzle transaction',
        () =>
          client.transaction(async ({ tx, mo }) => {
            await tx.insert(measurements).values({ id: ROWS + 1, sensor: 'new', value: 1 });
            await mo.execute('INSERT INTO measurements (id, sensor, value) VALUES (?, ?, ?)', [1, 'dup', 0]);
          }),
      );
      checkDuplicateKey(report, failure);
      report.check((await total()) === ROWS, 'the Drizzle insert was rolled back with it');
      checkEventsHideValue(report, events, "'dup'");
      await loadCsvThenSnapshot(report, client, { database, snapshot: csvSnapshot, firstId: ROWS + 1_000 });
    } finally {
      await client.close();
      await pool.promise().end();
      await dropAll(admin, { databases: [database], snapshots: [snapshot, csvSnapshot] });
      await admin.close();
    }
  },
};

await runIfMain(import.meta.url, drizzleAdvanced);
