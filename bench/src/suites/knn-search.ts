/**
 * Issue 17: a k-nearest-neighbours search through the SDK (`client.vectors.search`) vs the same SELECT written by
 * hand with mysql2, against the same IVF-flat index, interleaved round by round. The table (`VECF32(n)` column,
 * N seeded vectors) and its index are created through the SDK (`vectors.createIndex`, so the statement is the
 * one the manager builds) and dropped after. Vector indexes are MatrixOne SQL: on any other server the suite
 * says so and measures nothing. Figures only, no assertion on time; the ratio is printed against ≤ 1.05.
 */
import { type PooledClient, VectorDistance, encodeVector } from '@matrixone/core';
import { scaled } from '../config.js';
import { type Contender, compare, repeat } from '../measure/compare.js';
import { byName, cpuFigureOf, cpuRatioOf, figureOf, ratioOf } from '../measure/figures.js';
import type { SuiteResult } from '../report/results.js';
import { seededVectors } from '../setup/seeded-vectors.js';
import type { Suite } from './suite.js';

const SUITE = '17. k-NN search';
const TABLE = 'knn_items';
const INDEX = 'knn_items_v';
const DIMENSION = 128;
const K = 10;
const LISTS = 16;
/** Distinct query vectors both contenders cycle through, in the same order. */
const QUERIES = 50;
const SDK = 'client.vectors.search';
const RAW = 'hand-written mysql2 SELECT';
/**
 * The SELECT the SDK builds (vector-statements.ts), written by hand: same columns, `IS NOT NULL`, alias
 * ordering and literal LIMIT, so the two sides differ only in the client code around the query.
 */
const RAW_SELECT = `SELECT id, l2_distance(v, ?) AS d FROM ${TABLE} WHERE v IS NOT NULL ORDER BY d ASC LIMIT ${K}`;

/**
 * Deterministic vectors with components in [-1, 1] in steps of 1/1000; three decimals keep the INSERT text short.
 */
function knnVectors(count: number, seed: number): number[][] {
  return seededVectors(count, DIMENSION, seed, (state) => ((state >>> 8) % 2001) / 1000 - 1);
}

async function createTable(client: PooledClient, rows: number): Promise<void> {
  await client.execute(`DROP TABLE IF EXISTS ${TABLE}`);
  await client.execute(`CREATE TABLE ${TABLE} (id INT PRIMARY KEY, v VECF32(${DIMENSION}))`);
  const vectors = knnVectors(rows, 17);
  await client.bulkInsert(
    { table: TABLE },
    {
      columns: ['id', 'v'],
      rows: vectors.map((vector, id) => [id, client.vectors.encode(vector, { dimension: DIMENSION })]),
    },
  );
  // After the rows, so the lists are clustered on the data (IVF-flat also indexes later rows at once).
  await client.vectors.createIndex({
    name: INDEX,
    table: { table: TABLE },
    column: 'v',
    algorithm: 'ivfflat',
    lists: LISTS,
    opType: 'vector_l2_ops',
  });
}

/** The k-NN suite. */
export const knnSearch: Suite = {
  item: 17,
  title: 'k-NN search: client.vectors.search vs the same SELECT hand-written with mysql2',
  async run({ config, stacks }): Promise<SuiteResult> {
    const isMatrixOne = (await stacks.core.serverInfo()).flavor === 'matrixone';
    if (!isMatrixOne) {
      return {
        figures: [],
        ratios: [],
        notes: [
          'needs MatrixOne: vector columns and IVF-flat indexes are MatrixOne SQL; set MATRIXONE_URL to measure (nothing measured here).',
        ],
      };
    }
    const rows = scaled(config, 10_000, K);
    const operations = scaled(config, 100, 10);
    const queries = knnVectors(QUERIES, 4242);
    const expected = Math.min(K, rows);
    let found = 0;
    const check = (name: string) => async (): Promise<void> => {
      if (found !== expected)
        throw new Error(`${name} returned ${found} rows, expected ${expected}: the k-NN benchmark is broken`);
    };
    const query = (i: number): number[] => queries[i % QUERIES] ?? [];
    try {
      await createTable(stacks.core, rows);
      const contenders: Contender[] = [
        {
          name: SDK,
          operations,
          round: () =>
            repeat(operations, async (i) => {
              const hits = await stacks.core.vectors.search({
                table: { table: TABLE },
                column: 'v',
                vector: query(i),
                k: K,
                distance: VectorDistance.L2,
                columns: ['id'],
              });
              found = hits.length;
            }),
          verify: check(SDK),
        },
        {
          name: RAW,
          operations,
          round: () =>
            repeat(operations, async (i) => {
              const [result] = await stacks.raw.query(RAW_SELECT, [encodeVector(query(i))]);
              found = Array.isArray(result) ? result.length : 0;
            }),
          verify: check(RAW),
        },
      ];
      const measured = await compare(contenders, config.rounds);
      const metric = `top ${K} of ${rows.toLocaleString('en-US')} × VECF32(${DIMENSION}), IVF-flat`;
      const sdk = byName(measured, SDK);
      const raw = byName(measured, RAW);
      return {
        figures: [
          ...measured.map((m) => figureOf(SUITE, metric, m)),
          ...measured.map((m) => cpuFigureOf(SUITE, metric, m, 'ms/op')),
        ],
        ratios: [
          ratioOf(SUITE, metric, sdk, raw, { bound: 1.05, kind: 'at-most' }),
          cpuRatioOf(SUITE, metric, sdk, raw),
        ],
        notes: [
          `${config.rounds} rounds of ${operations} sequential searches per contender after one warm-up, cycling through ` +
            `${QUERIES} seeded query vectors; IVF-flat with LISTS = ${LISTS}, the server's probe_limit; both sides ` +
            'encode the query vector per search with encodeVector and send the same SELECT; the row count is checked ' +
            'after each round (untimed).',
        ],
      };
    } finally {
      await stacks.core.execute(`DROP TABLE IF EXISTS ${TABLE}`);
    }
  },
};
