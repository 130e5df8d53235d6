/** The environment a run measured: machine, Node, package versions and the server. */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Packages whose versions are reported. */
export const REPORTED_PACKAGES = [
  '@matrixone/core',
  '@matrixone/adapter-knex',
  '@matrixone/adapter-sequelize',
  '@matrixone/adapter-typeorm',
  '@matrixone/adapter-drizzle',
  'mysql2',
  'knex',
  'sequelize',
  'typeorm',
  'drizzle-orm',
] as const;

/** What the run ran on. */
export interface Environment {
  readonly node: string;
  readonly platform: string;
  readonly cpu: string;
  readonly cpuCount: number;
  readonly memoryGiB: number;
  readonly server: string;
  readonly packages: Readonly<Record<string, string>>;
}

const BENCH_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** The environment, with `server` as the client described it. */
export function describeEnvironment(server: string): Environment {
  const processors = cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: processors[0]?.model ?? 'unknown',
    cpuCount: processors.length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    server,
    packages: Object.fromEntries(REPORTED_PACKAGES.map((name) => [name, packageVersion(name)])),
  };
}

/**
 * The directory of package `name` as Node finds it from `from` (the nearest `node_modules/<name>` up the tree),
 * symlinks resolved; undefined when it is not installed. Looked up on disk rather than with `require.resolve`,
 * because packages with an `exports` map need not expose their package.json.
 */
export function packageDirectory(name: string, from = BENCH_DIR): string | undefined {
  for (let directory = from; ; directory = dirname(directory)) {
    const candidate = join(directory, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(directory) === directory) return undefined;
  }
}

function packageVersion(name: string): string {
  const directory = packageDirectory(name);
  if (directory === undefined) return 'not installed';
  const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as {
    version?: string;
  };
  return manifest.version ?? 'unknown';
}
