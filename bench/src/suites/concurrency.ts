/**
 * Item 6: a fixed number of transactions over pools of 5, 10 and 50 connections, core client vs raw mysql2.
 * As many workers as the pool has connections each run transactions back to back until all are done, so every
 * transaction's latency is its own work, not time queued for a connection.
 */
import { type PooledClient, createClient, trackPoolSockets } from '@matrixone/core';
import mysql from 'mysql2/promise';
import { scaled } from '../config.js';
import { percentile, summarize } from '../measure/stats.js';
import type { Figure, Ratio, SuiteResult } from '../report/results.js';
import { connectionSettings } from '../setup/server.js';
import { urlWithPool } from '../setup/stacks.js';
import type { Suite } from './suite.js';
import { rawTransaction, threeStatements } from './transaction-round-trip.js';

const SUITE = '6. concurrency';
const POOL_SIZES = [5, 10, 50] as const;

/** Throughput and p99 latency of one run. */
interface RunFigures {
  readonly throughput: number;
  readonly p99: number;
}

/** Runs `total` transactions with `workers` workers and returns throughput (tx/s) and p99 latency (ms). */
async function runWorkers(
  total: number,
  workers: number,
  transaction: (index: number) => Promise<void>,
): Promise<RunFigures> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let index = next++; index < total; index = next++) {
        const begun = performance.now();
        await transaction(index);
        latencies.push(performance.now() - begun);
      }
    }),
  );
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return { throughput: (total * 1000) / elapsed, p99: percentile(latencies, 99) };
}

/** The suite. */
export const concurrency: Suite = {
  item: 6,
  title: 'Concurrency: transactions over pools of 5, 10 and 50',
  async run({ config, database }): Promise<SuiteResult> {
    const total = scaled(config, 1000, 100);
    const rounds = Math.min(config.rounds, 3);
    const figures: Figure[] = [];
    const ratios: Ratio[] = [];
    for (const poolSize of POOL_SIZES) {
      const raw = mysql.createPool({
        ...connectionSettings(database.url, database.name),
        connectionLimit: poolSize,
      });
      // MatrixOne keeps a connection open after COM_QUIT: the raw pool's sockets are destroyed after it ended.
      const rawSockets = trackPoolSockets(raw);
      const core: PooledClient = createClient(urlWithPool(database.url, database.name, poolSize));
      const contenders = [
        { name: 'raw mysql2', run: (i: number) => rawTransaction({ raw }, i) },
        {
          name: 'core client.transaction',
          run: (i: number) => core.transaction((tx) => threeStatements(tx, i)),
        },
      ];
      const runs = contenders.map(() => [] as RunFigures[]);
      try {
        for (let round = 0; round <= rounds; round += 1) {
          for (let turn = 0; turn < contenders.length; turn += 1) {
            const index = (turn + round) % contenders.length;
            const contender = contenders[index];
            if (!contender) continue;
            const figuresOfRun = await runWorkers(total, poolSize, contender.run);
            if (round > 0) runs[index]?.push(figuresOfRun);
          }
        }
      } finally {
        await core.close();
        await raw.end();
        await rawSockets.destroyAll();
      }
      const medians = contenders.map((contender, index) => {
        const own = runs[index] ?? [];
        const throughput = summarize(own.map((r) => r.throughput));
        const p99 = summarize(own.map((r) => r.p99));
        const metric = `pool ${poolSize}`;
        figures.push(
          {
            suite: SUITE,
            contender: contender.name,
            metric: `${metric} throughput`,
            unit: 'tx/s',
            ...throughput,
            rounds,
          },
          {
            suite: SUITE,
            contender: contender.name,
            metric: `${metric} p99 latency`,
            unit: 'ms',
            ...p99,
            rounds,
          },
        );
        return { throughput: throughput.median, p99: p99.median };
      });
      const [rawMedian, coreMedian] = medians;
      if (rawMedian && coreMedian) {
        ratios.push(
          {
            suite: SUITE,
            metric: `pool ${poolSize} throughput`,
            subject: 'core client.transaction',
            baseline: 'raw mysql2',
            ratio: coreMedian.throughput / rawMedian.throughput,
          },
          {
            suite: SUITE,
            metric: `pool ${poolSize} p99 latency`,
            subject: 'core client.transaction',
            baseline: 'raw mysql2',
            ratio: coreMedian.p99 / rawMedian.p99,
          },
        );
      }
    }
    return {
      figures,
      ratios,
      notes: [
        `${total} transactions (point select, insert, update) per run; as many workers as connections in the pool, ` +
          `each running transactions back to back; ${rounds} measured runs per contender after one warm-up run.`,
      ],
    };
  },
};
