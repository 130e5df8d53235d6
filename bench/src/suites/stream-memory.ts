/**
 * Item 5: peak heap while reading generated rows with `client.stream` vs `client.query`. Each read runs in a
 * fresh Node process with `--expose-gc`: the baseline is `heapUsed` after a full GC, the peak is the highest
 * `heapUsed` sampled every 2 ms and every 10,000 rows; the process's peak RSS is reported too.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { HeapMode, HeapReport } from '../children/heap-measure.js';
import { scaled } from '../config.js';
import { type Summary, summarize } from '../measure/stats.js';
import type { Figure, SuiteResult } from '../report/results.js';
import { urlWithPool } from '../setup/stacks.js';
import type { Suite } from './suite.js';

const SUITE = '5. streaming memory';
const BENCH_DIR = fileURLToPath(new URL('../..', import.meta.url));
const MIB = 1024 * 1024;

/** Runs the heap child `script` (a file in bench/src/children) once in a fresh process and returns its report. */
export function runHeapChild(script: string, mode: HeapMode, url: string, rows: number): Promise<HeapReport> {
  const path = fileURLToPath(new URL(`../children/${script}`, import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path, mode, url, String(rows)], {
      cwd: BENCH_DIR,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = output.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || line === '') reject(new Error(`${script} (${mode}) exited with ${code}`));
      else resolve(JSON.parse(line) as HeapReport);
    });
  });
}

function figure(contender: string, metric: string, unit: string, summary: Summary, rounds: number): Figure {
  return { suite: SUITE, contender, metric, unit, ...summary, rounds };
}

/** The suite. */
export const streamMemory: Suite = {
  item: 5,
  title: 'Peak heap: client.stream vs client.query',
  async run({ config, database }): Promise<SuiteResult> {
    const rows = scaled(config, 1_000_000, 10_000);
    const rounds = Math.min(config.rounds, 3);
    const url = urlWithPool(database.url, database.name, 1);
    const reports: Record<HeapMode, HeapReport[]> = { stream: [], query: [] };
    for (let round = 0; round < rounds; round += 1) {
      for (const mode of round % 2 === 0 ? (['stream', 'query'] as const) : (['query', 'stream'] as const)) {
        const report = await runHeapChild('heap-child.ts', mode, url, rows);
        if (report.rows !== rows) throw new Error(`${mode} read ${report.rows} of ${rows} rows`);
        reports[mode].push(report);
      }
    }
    const figures: Figure[] = [];
    const heap: Record<string, Summary> = {};
    for (const mode of ['stream', 'query'] as const) {
      const contender = `client.${mode}`;
      heap[mode] = summarize(reports[mode].map((r) => r.peakHeapGrowth / MIB));
      figures.push(
        figure(contender, 'peak heap growth', 'MiB', heap[mode], rounds),
        figure(contender, 'peak RSS', 'MiB', summarize(reports[mode].map((r) => r.maxRss / MIB)), rounds),
        figure(contender, 'read time', 's', summarize(reports[mode].map((r) => r.elapsedMs / 1000)), rounds),
      );
    }
    return {
      figures,
      ratios: [
        {
          suite: SUITE,
          metric: 'peak heap growth',
          subject: 'client.stream',
          baseline: 'client.query',
          ratio: (heap.stream?.median ?? Number.NaN) / (heap.query?.median ?? Number.NaN),
        },
      ],
      notes: [
        `${rows} rows (n, label) generated server-side by a cross join of a ten-row table; each read in a fresh ` +
          '`node --expose-gc` process: baseline heapUsed after a full GC, peak heapUsed sampled every 2 ms and ' +
          `every 10,000 rows, peak RSS from process.resourceUsage(); ${rounds} processes per contender.`,
      ],
    };
  },
};
