/**
 * The bulk step every ORM's advanced example ends with: a CSV generated on the fly and loaded through the SDK
 * from the ORM's pool (`LOAD DATA LOCAL INFILE` from a Node stream, no temporary file), then a snapshot of the
 * loaded database (MatrixOne only; elsewhere the step reports "needs MatrixOne").
 */
import { Readable } from 'node:stream';
import { type MatrixOneClient, SnapshotLevel } from '@matrixone/core';
import type { Reporter } from './report.js';

/** How many CSV rows the step loads. */
export const CSV_ROWS = 5_000;

/**
 * Loads {@link CSV_ROWS} `measurements` rows (`id,sensor,value`, ids from `firstId`) through `client.loading`,
 * checks the count, then snapshots `database` as `snapshot`.
 */
export async function loadCsvThenSnapshot(
  report: Reporter,
  client: Pick<MatrixOneClient, 'loading' | 'snapshots' | 'query'>,
  options: { readonly database: string; readonly snapshot: string; readonly firstId: number },
): Promise<void> {
  const { database, snapshot, firstId } = options;
  const lines = function* () {
    yield 'id,sensor,value\n';
    for (let id = firstId; id < firstId + CSV_ROWS; id++) yield `${id},csv${id % 3},${id / 4}\n`;
  };
  const [before] = await client.query<{ n: number }>('SELECT COUNT(*) AS n FROM measurements');
  await report.step(
    `load ${CSV_ROWS} CSV rows through the SDK (LOAD DATA LOCAL from a stream)`,
    () =>
      client.loading.load(
        { database, table: 'measurements' },
        { stream: Readable.from(lines(), { objectMode: false }) },
        { ignoreLines: 1 },
      ),
    (result) => `${result.rowsLoaded} rows loaded, ${result.bytesSent ?? 0} bytes sent`,
  );
  const [after] = await client.query<{ n: number }>('SELECT COUNT(*) AS n FROM measurements');
  report.check(Number(after?.n) - Number(before?.n) === CSV_ROWS, `${CSV_ROWS} more rows in measurements`);
  await report.matrixOneStep(`snapshot ${database} after the load`, () =>
    client.snapshots.create({ name: snapshot, level: SnapshotLevel.Database, database }),
  );
}
