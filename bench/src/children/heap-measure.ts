/**
 * The frame the heap children share: reads `<stream|query> <url> <rows>` from the command line, opens a client,
 * takes a baseline of `heapUsed` after a full GC, samples `heapUsed` every 2 ms while the child's work runs, and
 * prints one {@link HeapReport} as a JSON line. A child is started with `node --expose-gc --import tsx`.
 */
import { type MatrixOneClient, createClient } from '@matrixone/core';

/** How a child reads the rows: streamed, or the whole result at once. */
export type HeapMode = 'stream' | 'query';

/** What a child prints. */
export interface HeapReport {
  readonly mode: HeapMode;
  readonly rows: number;
  readonly elapsedMs: number;
  /** Peak `heapUsed` minus the baseline, in bytes. */
  readonly peakHeapGrowth: number;
  /** `process.resourceUsage().maxRSS`, in bytes. */
  readonly maxRss: number;
}

/** One measured run: `rows` generated rows in `mode`; `sample` records the heap now. Resolves with the rows read. */
export type HeapWork = (run: {
  readonly mode: HeapMode;
  readonly client: MatrixOneClient;
  readonly rows: number;
  readonly sample: () => void;
}) => Promise<number>;

/** Runs `work` once under the heap sampler and prints its report; `script` names the child in the usage line. */
export async function measureHeap(script: string, work: HeapWork): Promise<void> {
  const [mode, url, rowText] = process.argv.slice(2);
  const collect = (globalThis as { gc?: () => void }).gc;
  if ((mode !== 'stream' && mode !== 'query') || !url || !rowText || !collect) {
    console.error(`usage: node --expose-gc --import tsx ${script} <stream|query> <url> <rows>`);
    process.exit(2);
  }
  const client = createClient(url);
  await client.query('SELECT 1');
  collect();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };
  // Between rows the event loop turns, so the timer also samples while mysql2 parses packets.
  const sampler = setInterval(sample, 2);
  const started = performance.now();
  const rows = await work({ mode, client, rows: Number(rowText), sample });
  const elapsedMs = performance.now() - started;
  sample();
  clearInterval(sampler);
  await client.close();
  const report: HeapReport = {
    mode,
    rows,
    elapsedMs,
    peakHeapGrowth: peak - baseline,
    maxRss: process.resourceUsage().maxRSS * 1024,
  };
  console.log(JSON.stringify(report));
}
