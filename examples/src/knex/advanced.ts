/**
 * Knex, advanced: pool settings, query events, a bulk insert of 2,000 rows followed by a snapshot scheduled
 * with `afterCommit`, and error handling — a duplicate key from the SDK inside a Knex transaction surfaces as
 * the typed `ConstraintError` (server code kept) and rolls back the Knex writes too.
 * Last, a CSV generated on the fly is loaded through the SDK (LOAD DATA LOCAL from a stream) and the
 * database snapshotted (support/load-csv.ts).
 */
import { matrixone } from '@matrixone/adapter-knex';
import { type QueryEvent, SnapshotLevel, createClient } from '@matrixone/core';
import knexFactory from 'knex';
import { checkDuplicateKey, checkEventsHideValue } from '../support/checks.js';
import { createDatabase, dropAll } from '../support/cleanup.js';
import { type Example, runIfMain } from '../support/example.js';
import { loadCsvThenSnapshot } from '../support/load-csv.js';
import { connectionSettings, uniqueSuffix } from '../support/server.js';

const ROWS = 2_000;

/** The advanced Knex example. */
export const knexAdvanced: Example = {
  title: 'knex: advanced',
  async run(report, url) {
    const database = `example_knex_adv_${uniqueSuffix()}`;
    const snapshot = `${database}_loaded`;
    const csvSnapshot = `${database}_csv`;
    const admin = createClient(url);
    await createDatabase(admin, database);
    // The SDK runs on Knex's own pool: size it here (min 2, max 10, idle connections freed after 30 s).
    const knex = knexFactory({
      client: 'mysql2',
      connection: connectionSettings(url, database),
      pool: { min: 2, max: 10, idleTimeoutMillis: 30_000 },
    });
    const client = matrixone(knex);
    const events: QueryEvent[] = [];
    client.on('query', (event) => events.push(event));
    try {
      await knex.schema.createTable('measurements', (table) => {
        table.integer('id').primary();
        table.string('sensor', 50).notNullable();
        table.double('value').notNullable();
      });
      let snapshotStep: Promise<unknown> | undefined;
      await report.step(
        `bulk insert ${ROWS} rows with Knex, snapshot after commit`,
        () =>
          client.transaction(async ({ trx, mo }) => {
            const rows = Array.from({ length: ROWS }, (_, i) => ({
              id: i + 1,
              sensor: `s${i % 7}`,
              value: i / 10,
            }));
            await trx.batchInsert('measurements', rows, 500);
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
      const [count] = await knex('measurements').count({ total: '*' });
      report.check(Number(count?.total) === ROWS, `${ROWS} rows committed`);
      report.check(snapshotStep !== undefined, 'the afterCommit hook ran once the commit succeeded');

      const failure = await report.failingStep('a duplicate key from the SDK inside a Knex transaction', () =>
        client.transaction(async ({ trx, mo }) => {
          await trx('measurements').insert({ id: ROWS + 1, sensor: 'new', value: 1 });
          await mo.execute('INSERT INTO measurements (id, sensor, value) VALUES (?, ?, ?)', [1, 'dup', 0]);
        }),
      );
      checkDuplicateKey(report, failure);
      const [after] = await knex('measurements').count({ total: '*' });
      report.check(Number(after?.total) === ROWS, 'the Knex insert was rolled back with it');
      checkEventsHideValue(report, events, "'dup'");
      await loadCsvThenSnapshot(report, client, { database, snapshot: csvSnapshot, firstId: ROWS + 1_000 });
    } finally {
      await client.close();
      await knex.destroy();
      await dropAll(admin, { databases: [database], snapshots: [snapshot, csvSnapshot] });
      await admin.close();
    }
  },
};

await runIfMain(import.meta.url, knexAdvanced);
