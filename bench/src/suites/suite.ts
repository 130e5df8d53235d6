/** What every suite gets and gives back. */
import type { BenchConfig } from '../config.js';
import type { SuiteResult } from '../report/results.js';
import type { BenchDatabase } from '../setup/server.js';
import type { Stacks } from '../setup/stacks.js';

/** What a suite runs against. */
export interface SuiteContext {
  readonly config: BenchConfig;
  readonly database: BenchDatabase;
  /** Stacks with a pool of {@link STACK_POOL_SIZE}; suites that need other pool sizes open their own. */
  readonly stacks: Stacks;
}

/** One benchmark of issue 9. */
export interface Suite {
  /** The item number. */
  readonly item: number;
  readonly title: string;
  run(context: SuiteContext): Promise<SuiteResult>;
}

/** Pool size of the shared stacks (every sequential suite uses one connection at a time). */
export const STACK_POOL_SIZE = 5;

/** Point-select ids cycle through the table in a fixed, spread-out order. */
export function pointId(index: number, itemCount: number): number {
  return (index * 7919) % itemCount;
}
