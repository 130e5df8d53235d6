/**
 * TypeORM, advanced: a decorated entity, pool settings, query events, an insert of 2,000 rows followed by a
 * snapshot scheduled with `afterCommit`, and error handling — a duplicate key from the SDK inside a TypeORM
 * transaction surfaces as the typed `ConstraintError` (server code kept) and rolls back the entity writes too.
 * Column types are given explicitly: tsx and vitest compile with esbuild, which emits no decorator metadata.
 * Last, a CSV generated on the fly is loaded through the SDK (LOAD DATA LOCAL from a stream) and the
 * database snapshotted (support/load-csv.ts).
 */
import 'reflect-metadata';
import { matrixone } from '@matrixone/adapter-typeorm';
import { type QueryEvent, SnapshotLevel, createClient } from '@matrixone/core';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { checkDuplicateKey, checkEventsHideValue } from '../support/checks.js';
import { createDatabase, dropAll } from '../support/cleanup.js';
import { type Example, runIfMain } from '../support/example.js';
import { loadCsvThenSnapshot } from '../support/load-csv.js';
import { connectionSettings, uniqueSuffix } from '../support/server.js';

const ROWS = 2_000;
const BATCH = 500;

/** One sensor reading. */
@Entity({ name: 'measurements' })
class Measurement {
  @PrimaryColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'varchar', length: 50 })
  sensor!: string;

  @Column({ type: 'double' })
  value!: number;
}

/** The advanced TypeORM example. */
export const typeormAdvanced: Example = {
  title: 'typeorm: advanced',
  async run(report, url) {
    const database = `example_typeorm_adv_${uniqueSuffix()}`;
    const snapshot = `${database}_loaded`;
    const csvSnapshot = `${database}_csv`;
    const admin = createClient(url);
    await createDatabase(admin, database);
    const { host, port, user, password } = connectionSettings(url);
    // The SDK runs on TypeORM's own pool: size it here (mysql2 pool options go in `extra`).
    const dataSource = await new DataSource({
      type: 'mysql',
      host,
      port,
      username: user,
      password,
      database,
      entities: [Measurement],
      poolSize: 10,
      extra: { maxIdle: 2, idleTimeout: 30_000 },
    }).initialize();
    const client = matrixone(dataSource);
    const events: QueryEvent[] = [];
    client.on('query', (event) => events.push(event));
    try {
      await dataSource.synchronize();
      let snapshotStep: Promise<unknown> | undefined;
      await report.step(
        `insert ${ROWS} entities, snapshot after commit`,
        () =>
          client.transaction(async ({ manager, mo }) => {
            const repository = manager.getRepository(Measurement);
            const rows = Array.from({ length: ROWS }, (_, i) => ({
              id: i + 1,
              sensor: `s${i % 7}`,
              value: i / 10,
            }));
            for (let start = 0; start < rows.length; start += BATCH) {
              await repository.insert(rows.slice(start, start + BATCH));
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
      const repository = dataSource.getRepository(Measurement);
      report.check((await repository.count()) === ROWS, `${ROWS} rows committed`);
      report.check(snapshotStep !== undefined, 'the afterCommit hook ran once the commit succeeded');

      const failure = await report.failingStep(
        'a duplicate key from the SDK inside a TypeORM transaction',
        () =>
          client.transaction(async ({ manager, mo }) => {
            await manager.getRepository(Measurement).insert({ id: ROWS + 1, sensor: 'new', value: 1 });
            await mo.execute('INSERT INTO measurements (id, sensor, value) VALUES (?, ?, ?)', [1, 'dup', 0]);
          }),
      );
      checkDuplicateKey(report, failure);
      report.check((await repository.count()) === ROWS, 'the entity insert was rolled back with it');
      checkEventsHideValue(report, events, "'dup'");
      await loadCsvThenSnapshot(report, client, { database, snapshot: csvSnapshot, firstId: ROWS + 1_000 });
    } finally {
      await client.close();
      await dataSource.destroy();
      await dropAll(admin, { databases: [database], snapshots: [snapshot, csvSnapshot] });
      await admin.close();
    }
  },
};

await runIfMain(import.meta.url, typeormAdvanced);
