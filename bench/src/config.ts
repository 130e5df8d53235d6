/**
 * The knobs of a run, read from the environment. The defaults keep a full run under about five minutes on two
 * cores against a local server; `BENCH_SCALE` multiplies every operation and row count.
 */

/** Every suite, by the number of the item in issue 9. */
export const SUITE_IDS = [
  'point',
  'adapters',
  'transactions',
  'bulk',
  'stream',
  'concurrency',
  'import',
  'vectors',
  'loading',
  'clones',
  'knn',
] as const;
/** One of {@link SUITE_IDS}. */
export type SuiteId = (typeof SUITE_IDS)[number];

/** What one run measures and how often. */
export interface BenchConfig {
  /** The server (`MATRIXONE_URL`, else `TEST_DATABASE_URL` as the harness sets it). */
  readonly url: string;
  /** Multiplies operation and row counts (`BENCH_SCALE`, default 1). */
  readonly scale: number;
  /** Measured rounds per contender (`BENCH_ROUNDS`, default 15; the heavy suites cap it); one more warm-up round runs first. */
  readonly rounds: number;
  /** Suites to run (`BENCH_ONLY=point,bulk`, default all). */
  readonly suites: readonly SuiteId[];
  /** Where to write the results as JSON as well (`BENCH_JSON`), if set. */
  readonly jsonPath: string | undefined;
}

/** Reads the configuration from `env`; throws with the variable's name when a value is unusable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const url = env.MATRIXONE_URL ?? env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'Set MATRIXONE_URL (mysql://account#user:password@host:6001) or run `pnpm bench`, which starts a private ' +
        'MariaDB for the benchmarks.',
    );
  }
  return {
    url,
    scale: positiveNumber(env, 'BENCH_SCALE', 1),
    rounds: Math.max(1, Math.round(positiveNumber(env, 'BENCH_ROUNDS', 15))),
    suites: selectedSuites(env.BENCH_ONLY),
    jsonPath: env.BENCH_JSON || undefined,
  };
}

/** `count` scaled by the run's scale, at least `floor`. */
export function scaled(config: BenchConfig, count: number, floor = 1): number {
  return Math.max(floor, Math.round(count * config.scale));
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, got "${text}".`);
  return value;
}

function selectedSuites(text: string | undefined): readonly SuiteId[] {
  if (text === undefined || text.trim() === '') return SUITE_IDS;
  const chosen = text.split(',').map((part) => part.trim());
  for (const id of chosen) {
    if (!(SUITE_IDS as readonly string[]).includes(id)) {
      throw new Error(`BENCH_ONLY names unknown suite "${id}"; known: ${SUITE_IDS.join(', ')}.`);
    }
  }
  return chosen as SuiteId[];
}
