/**
 * Runs in its own Node process (started with `--expose-gc`): reads generated rows once through
 * `client.stream` or `client.query` and prints, as one JSON line, the peak growth of the V8 heap over a
 * baseline taken after a full GC, the process's peak resident set size, and the time taken.
 *
 * Usage: node --expose-gc --import tsx heap-child.ts <stream|query> <url> <rows>
 */
import { createClient } from '@matrixone/core';
import { generatedRowsSql } from './generated-rows.js';

/** What the child prints. */
export interface HeapReport {
  readonly mode: 'stream' | 'query';
  readonly rows: number;
  readonly elapsedMs: number;
  /** Peak `heapUsed` minus the baseline, in bytes. */
  readonly peakHeapGrowth: number;
  /** `process.resourceUsage().maxRSS`, in bytes. */
  readonly maxRss: number;
}

const [mode, url, rowText] = process.argv.slice(2);
const collect = (globalThis as { gc?: () => void }).gc;
if ((mode !== 'stream' && mode !== 'query') || !url || !rowText || !collect) {
  console.error('usage: node --expose-gc --import tsx heap-child.ts <stream|query> <url> <rows>');
  process.exit(2);
}
const wanted = Number(rowText);
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
let rows = 0;
if (mode === 'stream') {
  for await (const _row of client.stream(generatedRowsSql(wanted))) {
    rows += 1;
    if (rows % 10_000 === 0) sample();
  }
} else {
  const all = await client.query(generatedRowsSql(wanted));
  sample();
  rows = all.length;
}
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
