/**
 * `pnpm bench`: every benchmark of issue 9 against the test server (or MATRIXONE_URL), printing each suite's raw
 * figures, then the ratios measured side by side in this run with their targets, then the environment.
 * Benchmarks print figures; they never fail on speed (only on errors).
 *
 * Knobs: BENCH_SCALE (operations and rows, default 1), BENCH_ROUNDS (default 15), BENCH_ONLY (comma-separated
 * suites: point, adapters, transactions, bulk, stream, concurrency, import, vectors, loading, clones, knn), BENCH_JSON (also write JSON here).
 */
import { writeFileSync } from 'node:fs';
import { describeServer } from '@matrixone/core';
import { type SuiteId, readConfig } from './config.js';
import { describeEnvironment } from './report/environment.js';
import { environmentTable, figuresTable, ratiosTable } from './report/print.js';
import type { Ratio, SuiteResult } from './report/results.js';
import { createBenchDatabase } from './setup/server.js';
import { openStacks } from './setup/stacks.js';
import { adapterOps } from './suites/adapter-ops.js';
import { bulkLoad } from './suites/bulk-load.js';
import { cloneVsReseed } from './suites/clone-vs-reseed.js';
import { concurrency } from './suites/concurrency.js';
import { importCost } from './suites/import-cost.js';
import { knnSearch } from './suites/knn-search.js';
import { loading } from './suites/loading.js';
import { pointOps } from './suites/point-ops.js';
import { streamMemory } from './suites/stream-memory.js';
import { STACK_POOL_SIZE, type Suite } from './suites/suite.js';
import { transactionRoundTrip } from './suites/transaction-round-trip.js';
import { vectorEncoding } from './suites/vector-encoding.js';

const SUITES: Record<SuiteId, Suite> = {
  point: pointOps,
  adapters: adapterOps,
  transactions: transactionRoundTrip,
  bulk: bulkLoad,
  stream: streamMemory,
  concurrency,
  import: importCost,
  vectors: vectorEncoding,
  loading,
  clones: cloneVsReseed,
  knn: knnSearch,
};

const config = readConfig();
const database = await createBenchDatabase(config.url);
const stacks = await openStacks(config.url, database.name, STACK_POOL_SIZE);
const runStarted = performance.now();
const results: { suite: Suite; result: SuiteResult; seconds: number }[] = [];
try {
  const environment = describeEnvironment(describeServer(await stacks.core.serverInfo()));
  console.log(`Benchmarks against ${environment.server}, scale ${config.scale}, ${config.rounds} rounds\n`);
  for (const id of config.suites) {
    const suite = SUITES[id];
    console.log(`## ${suite.item}. ${suite.title}\n`);
    const started = performance.now();
    const result = await suite.run({ config, database, stacks });
    const seconds = (performance.now() - started) / 1000;
    results.push({ suite, result, seconds });
    console.log(figuresTable(result.figures));
    for (const note of result.notes) console.log(`\n${note}`);
    console.log(`\n(${seconds.toFixed(1)} s)\n`);
  }
  const ratios: Ratio[] = results.flatMap(({ result }) => result.ratios);
  console.log(
    '## Ratios (subject median / baseline median, same run; for rows/s and tx/s higher is better)\n',
  );
  console.log(ratiosTable(ratios));
  console.log('\n## Environment\n');
  console.log(environmentTable(environment));
  const totalSeconds = (performance.now() - runStarted) / 1000;
  console.log(`\nTotal ${totalSeconds.toFixed(0)} s`);
  if (config.jsonPath) {
    writeFileSync(
      config.jsonPath,
      `${JSON.stringify({ environment, config: { ...config, url: undefined }, totalSeconds, results }, null, 2)}\n`,
    );
  }
} finally {
  await stacks.close();
  await database.drop();
}
