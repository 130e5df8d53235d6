/**
 * Item 7: what loading each package costs. Every import runs in a fresh Node process, timed inside it from just
 * before `import()` (ESM) or `require()` (CJS) to just after, so Node's own start-up is excluded. Sizes are the
 * bytes on disk of the package's published files, alone and with its dependencies and peer dependencies
 * (resolved as installed here, each package counted once).
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summarize } from '../measure/stats.js';
import { REPORTED_PACKAGES, packageDirectory } from '../report/environment.js';
import type { Figure, Ratio, SuiteResult } from '../report/results.js';
import type { Suite } from './suite.js';

const SUITE = '7. import cost';
const BENCH_DIR = fileURLToPath(new URL('../..', import.meta.url));
const KIB = 1024;

/** Loads `name` in a fresh process and returns the milliseconds the load took. */
function timeLoad(name: string, system: 'esm' | 'cjs'): Promise<number> {
  const specifier = JSON.stringify(name);
  const code =
    system === 'esm'
      ? `const t = performance.now(); await import(${specifier}); console.log(performance.now() - t);`
      : `const t = performance.now(); require(${specifier}); console.log(performance.now() - t);`;
  const args = system === 'esm' ? ['--input-type=module', '-e', code] : ['--input-type=commonjs', '-e', code];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: BENCH_DIR, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = Number(output.trim());
      if (code !== 0 || !Number.isFinite(ms)) reject(new Error(`loading ${name} (${system}) failed`));
      else resolve(ms);
    });
  });
}

interface Manifest {
  readonly name?: string;
  readonly files?: readonly string[];
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

function manifestOf(directory: string): Manifest {
  return JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as Manifest;
}

/** Bytes of the files under `path`, skipping nested `node_modules`. */
function bytesUnder(path: string): number {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.size;
  let total = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    total += bytesUnder(join(path, entry));
  }
  return total;
}

/** The package's published bytes: its `files` (plus package.json) when it lists them, else its directory. */
function ownBytes(directory: string): number {
  const manifest = manifestOf(directory);
  if (!manifest.files) return bytesUnder(directory);
  return (
    bytesUnder(join(directory, 'package.json')) +
    manifest.files.reduce((sum, file) => sum + bytesUnder(join(directory, file)), 0)
  );
}

/** The package and everything it depends on (dependencies and peers, recursively), each counted once. */
function bytesWithDependencies(directory: string, seen = new Set<string>()): number {
  if (seen.has(directory)) return 0;
  seen.add(directory);
  const manifest = manifestOf(directory);
  let total = ownBytes(directory);
  for (const dependency of Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })) {
    // An optional peer may be missing (TypeORM lists every database driver as a peer).
    const dependencyDirectory = packageDirectory(dependency, directory);
    if (dependencyDirectory !== undefined) total += bytesWithDependencies(dependencyDirectory, seen);
  }
  return total;
}

/** The suite. */
export const importCost: Suite = {
  item: 7,
  title: 'Import cost and size on disk',
  async run({ config }): Promise<SuiteResult> {
    const processes = Math.max(3, Math.min(config.rounds, 5));
    const figures: Figure[] = [];
    const medians = new Map<string, number>();
    for (const name of REPORTED_PACKAGES) {
      for (const system of ['esm', 'cjs'] as const) {
        const samples: number[] = [];
        for (let i = 0; i < processes; i += 1) samples.push(await timeLoad(name, system));
        const summary = summarize(samples);
        medians.set(`${name} ${system}`, summary.median);
        figures.push({
          suite: SUITE,
          contender: name,
          metric: `${system === 'esm' ? 'import()' : 'require()'} time`,
          unit: 'ms',
          ...summary,
          rounds: processes,
        });
      }
      const directory = packageDirectory(name);
      if (directory === undefined) throw new Error(`${name} is not installed in bench/`);
      for (const [metric, bytes] of [
        ['size on disk', ownBytes(directory)],
        ['size with dependencies', bytesWithDependencies(directory)],
      ] as const) {
        const kib = bytes / KIB;
        figures.push({
          suite: SUITE,
          contender: name,
          metric,
          unit: 'KiB',
          median: kib,
          min: kib,
          max: kib,
          rounds: 1,
        });
      }
    }
    const ratios: Ratio[] = [];
    const pairs: [string, string][] = [
      ['@matrixone/core', 'mysql2'],
      ['@matrixone/adapter-knex', 'knex'],
      ['@matrixone/adapter-sequelize', 'sequelize'],
      ['@matrixone/adapter-typeorm', 'typeorm'],
      ['@matrixone/adapter-drizzle', 'drizzle-orm'],
    ];
    for (const [subject, baseline] of pairs) {
      const a = medians.get(`${subject} esm`);
      const b = medians.get(`${baseline} esm`);
      if (a !== undefined && b !== undefined) {
        ratios.push({ suite: SUITE, metric: 'import() time', subject, baseline, ratio: a / b });
      }
    }
    return {
      figures,
      ratios,
      notes: [
        `Each load in a fresh process (${processes} per package and module system), timed inside the process ` +
          'around import()/require() only. An SDK package loads what it imports (core loads mysql2; an adapter ' +
          'loads core and, where it imports runtime values, its ORM).',
        'Size on disk: the package.json and the `files` the package publishes (its directory when it lists none); ' +
          'with dependencies: plus every dependency and peer dependency, recursively, as installed here.',
      ],
    };
  },
};
