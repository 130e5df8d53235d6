/**
 * Sequelize, advanced: pool settings, query events, `bulkCreate` of 2,000 rows followed by a snapshot scheduled
 * with `afterCommit`, and error handling — a duplicate key from the SDK inside a Sequelize transaction surfaces
 * as the typed `ConstraintError` (server code kept) and rolls back the model writes too.
 * Last, a CSV generated on the fly is loaded through the SDK (LOAD DATA LOCAL from a stream) and the
 * database snapshotted (support/load-csv.ts).
 */
import { matrixone } from '@matrixone/adapter-sequelize';
import { type QueryEvent, SnapshotLevel, createClient } from '@matrixone/core';
import { DataTypes, Sequelize } from 'sequelize';
import { checkDuplicateKey, checkEventsHideValue } from '../support/checks.js';
import { createDatabase, dropAll } from '../support/cleanup.js';
import { type Example, runIfMain } from '../support/example.js';
import { loadCsvThenSnapshot } from '../support/load-csv.js';
import { connectionSettings, uniqueSuffix } from '../support/server.js';

const ROWS = 2_000;

/** The advanced Sequelize example. */
export const sequelizeAdvanced: Example = {
  title: 'sequelize: advanced',
  async run(report, url) {
    const database = `example_seq_adv_${uniqueSuffix()}`;
    const snapshot = `${database}_loaded`;
    const csvSnapshot = `${database}_csv`;
    const admin = createClient(url);
    await createDatabase(admin, database);
    const { host, port, user, password } = connectionSettings(url);
    // The SDK runs on Sequelize's own pool: size it here.
    const sequelize = new Sequelize({
      dialect: 'mysql',
      host,
      port,
      username: user,
      password,
      database,
      logging: false,
      pool: { max: 10, min: 2, idle: 30_000, acquire: 10_000 },
    });
    const Measurement = sequelize.define(
      'Measurement',
      {
        id: { type: DataTypes.INTEGER, primaryKey: true },
        sensor: { type: DataTypes.STRING(50), allowNull: false },
        value: { type: DataTypes.DOUBLE, allowNull: false },
      },
      { tableName: 'measurements', timestamps: false },
    );
    const client = matrixone(sequelize);
    const events: QueryEvent[] = [];
    client.on('query', (event) => events.push(event));
    try {
      await sequelize.sync();
      let snapshotStep: Promise<unknown> | undefined;
      await report.step(
        `bulkCreate ${ROWS} rows, snapshot after commit`,
        () =>
          client.transaction(async ({ t, mo }) => {
            const rows = Array.from({ length: ROWS }, (_, i) => ({
              id: i + 1,
              sensor: `s${i % 7}`,
              value: i / 10,
            }));
            await Measurement.bulkCreate(rows, { transaction: t });
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
      report.check((await Measurement.count()) === ROWS, `${ROWS} rows committed`);
      report.check(snapshotStep !== undefined, 'the afterCommit hook ran once the commit succeeded');

      const failure = await report.failingStep(
        'a duplicate key from the SDK inside a Sequelize transaction',
        () =>
          client.transaction(async ({ t, mo }) => {
            await Measurement.create({ id: ROWS + 1, sensor: 'new', value: 1 }, { transaction: t });
            await mo.execute('INSERT INTO measurements (id, sensor, value) VALUES (?, ?, ?)', [1, 'dup', 0]);
          }),
      );
      checkDuplicateKey(report, failure);
      report.check((await Measurement.count()) === ROWS, 'the model insert was rolled back with it');
      checkEventsHideValue(report, events, "'dup'");
      await loadCsvThenSnapshot(report, client, { database, snapshot: csvSnapshot, firstId: ROWS + 1_000 });
    } finally {
      await client.close();
      await sequelize.close();
      await dropAll(admin, { databases: [database], snapshots: [snapshot, csvSnapshot] });
      await admin.close();
    }
  },
};

await runIfMain(import.meta.url, sequelizeAdvanced);
