/**
 * The committed results of an ORM's compatibility suite, docs/adapters/compat/<orm>.json: the feature rows as
 * the guide shows them and, per target, what the last run that wrote it observed, with that run's versions and
 * date. Pure data and file access, no test framework: the docs script reads it too.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompatOutcome } from './compat-outcome.js';

/**
 * Where the suite ran: plain MariaDB, MariaDB behind the fault proxy answering like MatrixOne 4.2.0 with the
 * adapter told it talks to MatrixOne, or a real MatrixOne (MATRIXONE_URL).
 */
export type CompatTarget = 'mariadb' | 'matrixone-emulated' | 'matrixone';

/** Every target, in the guides' column order. */
export const COMPAT_TARGETS: readonly CompatTarget[] = ['mariadb', 'matrixone-emulated', 'matrixone'];

/** One row of an ORM's table. */
export interface CompatRow {
  readonly id: string;
  /** The feature and the ORM API it calls. */
  readonly feature: string;
  /** What the adapter patches and why. */
  readonly patched: string;
}

/** What one run observed on one target. */
export interface CompatTargetResults {
  /** The ORM's installed version. */
  readonly ormVersion: string;
  /** The server's version string, and how it was reached. */
  readonly server: string;
  /** The day of the run, `YYYY-MM-DD` (UTC). */
  readonly date: string;
  readonly outcomes: Readonly<Record<string, CompatOutcome>>;
}

/** The content of docs/adapters/compat/<orm>.json. */
export interface CompatResults {
  /** The ORM's key: `knex`, `sequelize`, `typeorm`, `drizzle`. */
  readonly orm: string;
  /** The ORM's name in prose: `Knex`. */
  readonly ormName: string;
  readonly rows: readonly CompatRow[];
  readonly targets: Readonly<Partial<Record<CompatTarget, CompatTargetResults>>>;
}

/** The repository's root (this file is packages/adapter-test-suite/src/compat/). */
export const REPOSITORY_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** docs/adapters/compat/<orm>.json. */
export function resultsPath(orm: string): string {
  return join(REPOSITORY_ROOT, 'docs', 'adapters', 'compat', `${orm}.json`);
}

/** docs/adapters/<orm>.md, the guide whose "On MatrixOne" table is rendered from the results. */
export function guidePath(orm: string): string {
  return join(REPOSITORY_ROOT, 'docs', 'adapters', `${orm}.md`);
}

/** The committed results of `orm`, or `undefined` before the first run wrote them. */
export function readResults(orm: string): CompatResults | undefined {
  let text: string;
  try {
    text = readFileSync(resultsPath(orm), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return JSON.parse(text) as CompatResults;
}

/** The file's text for `results`: stable key order, two-space indent, final newline. */
export function formatResults(results: CompatResults): string {
  const targets: Partial<Record<CompatTarget, CompatTargetResults>> = {};
  for (const target of COMPAT_TARGETS) {
    const entry = results.targets[target];
    if (entry) targets[target] = entry;
  }
  return `${JSON.stringify({ ...results, targets }, null, 2)}\n`;
}

/** Writes `results` to docs/adapters/compat/<orm>.json. */
export function writeResults(results: CompatResults): void {
  writeFileSync(resultsPath(results.orm), formatResults(results));
}
