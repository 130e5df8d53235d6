/**
 * Issue 18: loading and exporting. Rows per second of the same CSV loaded from a client stream
 * (`loading.load({ stream })`, LOAD DATA LOCAL INFILE, generated as it is read) and from the same file on the client
 * (`loading.load({ localFile })`) vs from the server's disk (`loading.load({ serverFile })`,
 * when the server can read the client's temporary folder: a local server) vs `bulkInsert` of the same rows; on
 * MatrixOne also `loading.loadChecked` (keys enforced) vs the plain load. Then the peak client heap of
 * `exports.toWritable` vs reading the whole result first. Figures only, no assertion on time.
 * Default 50,000 rows (`BENCH_SCALE=20` for the 1,000,000).
 */
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { HeapMode, HeapReport } from '../children/heap-measure.js';
import { scaled } from '../config.js';
import { type Contender, compare } from '../measure/compare.js';
import { byName, figureOf, ratioOf, throughput } from '../measure/figures.js';
import { summarize } from '../measure/stats.js';
import type { Figure, Ratio, SuiteResult } from '../report/results.js';
import { urlWithPool } from '../setup/stacks.js';
import type { Stacks } from '../setup/stacks.js';
import { expectLoaded, loadRows } from './bulk-load.js';
import { runHeapChild } from './stream-memory.js';
import type { Suite } from './suite.js';

const SUITE = '18. loading and export';
const STREAM = 'loading.load from a client stream';
const SERVER_FILE = 'loading.load from a server file';
const BULK = 'client.bulkInsert';
const CLIENT_FILE = 'loading.load from the same file on the client';
const CHECKED = 'loading.loadChecked from a client stream';
const MIB = 1024 * 1024;
/** Rows per chunk of the generated stream: the stream is produced as it is read, never held whole. */
const CHUNK_ROWS = 1000;

/** The CSV of the rows {@link loadRows} makes, produced chunk by chunk (never all rows at once). */
function* csvChunks(count: number): Generator<string> {
  for (let start = 0; start < count; start += CHUNK_ROWS) {
    let chunk = '';
    for (let id = start; id < Math.min(count, start + CHUNK_ROWS); id += 1) {
      // The values of loadRows(): name `customer <id> "<id % 97>"`, amount (id % 10,000) / 4, qty id % 13.
      chunk += `${id},"customer ${id} ""${id % 97}""",${(id % 10_000) / 4},${id % 13}\n`;
    }
    yield chunk;
  }
}

/** Whether the server reads files from the client's disk (a local server with the FILE privilege); else why not. */
async function serverCanRead(stacks: Stacks, path: string): Promise<string | undefined> {
  try {
    await stacks.core.loading.load('loads', { serverFile: path }, { enclosedBy: '"' });
    await stacks.raw.query('TRUNCATE TABLE loads');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The suite. */
export const loading: Suite = {
  item: 18,
  title: 'Loading (client stream, server file, bulkInsert, checked) and export memory',
  async run({ config, database, stacks }): Promise<SuiteResult> {
    const count = scaled(config, 50_000, 1_000);
    const rounds = Math.min(config.rounds, 3);
    const notes: string[] = [];
    const file = join(tmpdir(), `mo-bench-load-${randomBytes(4).toString('hex')}.csv`);
    await writeFile(file, [...csvChunks(count)].join(''));
    try {
      const matrixOne = (await stacks.core.serverInfo()).flavor === 'matrixone';
      const contender = (name: string, run: () => Promise<unknown>): Contender => ({
        name,
        operations: 1,
        prepare: async () => {
          await stacks.raw.query('TRUNCATE TABLE loads');
        },
        round: async () => {
          await run();
        },
        verify: () => expectLoaded(stacks, name, count),
      });
      const contenders: Contender[] = [
        contender(STREAM, () =>
          stacks.core.loading.load('loads', { stream: Readable.from(csvChunks(count)) }, { enclosedBy: '"' }),
        ),
        contender(BULK, () => stacks.core.bulkInsert('loads', loadRows(count))),
      ];
      const unreadable = await serverCanRead(stacks, file);
      if (unreadable === undefined) {
        contenders.push(
          contender(SERVER_FILE, () =>
            stacks.core.loading.load('loads', { serverFile: file }, { enclosedBy: '"' }),
          ),
          contender(CLIENT_FILE, () =>
            stacks.core.loading.load('loads', { localFile: file }, { enclosedBy: '"' }),
          ),
        );
      } else {
        notes.push(`No server-file load: the server cannot read the client's ${tmpdir()} (${unreadable}).`);
      }
      if (matrixOne) {
        contenders.push(
          contender(CHECKED, () =>
            stacks.core.loading.loadChecked(
              'loads',
              { stream: Readable.from(csvChunks(count)) },
              { enclosedBy: '"' },
            ),
          ),
        );
      } else {
        notes.push('No checked load: loading.loadChecked() runs on MatrixOne only.');
      }
      const measured = (await compare(contenders, rounds)).map((m) => throughput(m, count));
      const stream = byName(measured, STREAM);
      const ratios: Ratio[] = [ratioOf(SUITE, 'rows/s', stream, byName(measured, BULK))];
      if (unreadable === undefined) {
        ratios.push(
          ratioOf(SUITE, 'rows/s', stream, byName(measured, SERVER_FILE), { bound: 0.9, kind: 'at-least' }),
          ratioOf(SUITE, 'rows/s', byName(measured, CLIENT_FILE), byName(measured, SERVER_FILE), {
            bound: 0.9,
            kind: 'at-least',
          }),
        );
      }
      if (matrixOne) ratios.push(ratioOf(SUITE, 'rows/s', byName(measured, CHECKED), stream));
      await stacks.raw.query('TRUNCATE TABLE loads');

      const exportRows = scaled(config, 50_000, 1_000);
      const url = urlWithPool(database.url, database.name, 1);
      const heap: Record<HeapMode, HeapReport[]> = { stream: [], query: [] };
      for (let round = 0; round < rounds; round += 1) {
        for (const mode of round % 2 === 0
          ? (['stream', 'query'] as const)
          : (['query', 'stream'] as const)) {
          const report = await runHeapChild('export-heap-child.ts', mode, url, exportRows);
          if (report.rows !== exportRows)
            throw new Error(`export ${mode} wrote ${report.rows} of ${exportRows} rows`);
          heap[mode].push(report);
        }
      }
      const figures: Figure[] = measured.map((m) => figureOf(SUITE, `load ${count} rows`, m, 'rows/s'));
      const names = { stream: 'exports.toWritable', query: 'client.query, then write' } as const;
      const growth = {
        stream: summarize(heap.stream.map((r) => r.peakHeapGrowth / MIB)),
        query: summarize(heap.query.map((r) => r.peakHeapGrowth / MIB)),
      };
      for (const mode of ['stream', 'query'] as const) {
        figures.push(
          {
            suite: SUITE,
            contender: names[mode],
            metric: `export ${exportRows} rows: peak heap growth`,
            unit: 'MiB',
            ...growth[mode],
            rounds,
          },
          {
            suite: SUITE,
            contender: names[mode],
            metric: `export ${exportRows} rows: time`,
            unit: 's',
            ...summarize(heap[mode].map((r) => r.elapsedMs / 1000)),
            rounds,
          },
        );
      }
      ratios.push({
        suite: SUITE,
        metric: 'export peak heap growth',
        subject: names.stream,
        baseline: names.query,
        ratio: growth.stream.median / growth.query.median,
      });
      notes.push(
        `${count} rows (id, name, amount, qty) per load into an emptied table (TRUNCATE, untimed), ${rounds} measured ` +
          'rounds after one warm-up; the client stream is generated chunk by chunk as it is read; the row count is checked after each load.',
        `Export: ${exportRows} generated rows as CSV into a writable that takes each chunk on the next event-loop turn, ` +
          'each run in a fresh `node --expose-gc` process (peak heapUsed over a post-GC baseline). BENCH_SCALE=20 gives the issue’s 1,000,000 rows.',
      );
      return { figures, ratios, notes };
    } finally {
      await rm(file, { force: true });
    }
  },
};
