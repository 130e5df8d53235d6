/**
 * Issue 17: what encoding vectors for MatrixOne costs on the client. 100,000 vectors of dimension 768 are written
 * as the text MatrixOne takes (`encodeVector`), from `number[]` and from `Float32Array`, and 100,000 texts in
 * MatrixOne's output form (`[a, b, …]`) are read back (`decodeVector`). No server is involved; figures only, no
 * target. The inputs cycle through 1,000 distinct seeded vectors so the run needs no 600 MB of arrays.
 */
import { decodeVector, encodeVector } from '@matrixone/core';
import { scaled } from '../config.js';
import { summarize } from '../measure/stats.js';
import type { Figure, SuiteResult } from '../report/results.js';
import { seededVectors } from '../setup/seeded-vectors.js';
import type { Suite } from './suite.js';

const SUITE = '17. vector encoding';
const DIMENSION = 768;
const DISTINCT = 1000;

function timeRounds(rounds: number, body: () => void): number[] {
  body(); // warm-up
  const samples: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const started = performance.now();
    body();
    samples.push(performance.now() - started);
  }
  return samples;
}

function figure(metric: string, contender: string, samples: number[]): Figure {
  return { suite: SUITE, contender, metric, unit: 'ms', ...summarize(samples), rounds: samples.length };
}

/** The suite. */
export const vectorEncoding: Suite = {
  item: 17,
  title: 'Vector encoding: 100,000 vectors of dimension 768, encoded and decoded on the client',
  async run({ config }): Promise<SuiteResult> {
    const count = scaled(config, 100_000, 1000);
    const rounds = Math.min(config.rounds, 5);
    // Components in [-1, 1).
    const arrays = seededVectors(DISTINCT, DIMENSION, 17, (state) => state / 2 ** 31 - 1);
    const floats = arrays.map((vector) => Float32Array.from(vector));
    const texts = floats.map((vector) => `[${Array.from(vector).join(', ')}]`);
    let sink = 0;
    const encodeArrays = timeRounds(rounds, () => {
      for (let i = 0; i < count; i += 1)
        sink += encodeVector(arrays[i % DISTINCT] ?? [], { dimension: DIMENSION }).length;
    });
    const encodeFloats = timeRounds(rounds, () => {
      for (let i = 0; i < count; i += 1) {
        sink += encodeVector(floats[i % DISTINCT] ?? new Float32Array(1), { dimension: DIMENSION }).length;
      }
    });
    const decodeArrays = timeRounds(rounds, () => {
      for (let i = 0; i < count; i += 1)
        sink += decodeVector(texts[i % DISTINCT] ?? '[0]', { dimension: DIMENSION }).length;
    });
    const decodeFloats = timeRounds(rounds, () => {
      for (let i = 0; i < count; i += 1) {
        sink += decodeVector(texts[i % DISTINCT] ?? '[0]', { as: 'float32', dimension: DIMENSION }).length;
      }
    });
    if (sink === 0) throw new Error('the vector encoding benchmark produced nothing');
    const metric = `${count.toLocaleString('en-US')} vectors × ${DIMENSION}`;
    return {
      figures: [
        figure(`encode ${metric}`, 'encodeVector(number[])', encodeArrays),
        figure(`encode ${metric}`, 'encodeVector(Float32Array)', encodeFloats),
        figure(`decode ${metric}`, 'decodeVector(text) → number[]', decodeArrays),
        figure(`decode ${metric}`, "decodeVector(text, { as: 'float32' })", decodeFloats),
      ],
      ratios: [],
      notes: [
        `${rounds} measured rounds after one warm-up; each round handles ${count} vectors cycling through ${DISTINCT} distinct seeded ones.`,
        `Encoded text averages ${Math.round(encodeVector(arrays[0] ?? [0]).length / 1024)} KiB per vector (doubles in shortest form).`,
      ],
    };
  },
};
