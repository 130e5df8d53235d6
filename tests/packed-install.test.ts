import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy, testServer } from '../packages/test-server/src/index.js';

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(repositoryRoot, 'tests', 'fixtures', 'packed-install');

const ORMS = ['knex', 'sequelize', 'typeorm', 'drizzle'] as const;
type Orm = (typeof ORMS)[number];
/** The ORM's npm package, where it is not named like its adapter (`adapter-drizzle` binds `drizzle-orm`). */
const ORM_PACKAGE: Record<Orm, string> = {
  knex: 'knex',
  sequelize: 'sequelize',
  typeorm: 'typeorm',
  drizzle: 'drizzle-orm',
};
type End = 'lowest' | 'highest';

/** A package.json's field that lists dependency ranges. */
type RangeField = 'dependencies' | 'peerDependencies';

/** A declared range of the repository's packages, as the packed tarballs carry it (these are not `workspace:`). */
function declaredRange(packageDirectory: string, field: RangeField, name: string): string {
  const manifest = JSON.parse(
    readFileSync(join(repositoryRoot, 'packages', packageDirectory, 'package.json'), 'utf8'),
  ) as Partial<Record<RangeField, Record<string, string>>>;
  const range = manifest[field]?.[name];
  if (!range) throw new Error(`packages/${packageDirectory}/package.json declares no ${field}.${name}`);
  return range;
}

/** Core's mysql2 range: its lowest release is installed with each adapter's lowest ORM, its highest with the highest. */
const MYSQL2_RANGE = declaredRange('core', 'dependencies', 'mysql2');

/**
 * One project installed from the packed tarballs: core, one adapter, and the lowest or highest release of one part
 * of the adapter's declared ORM range (each part of `^0.3.20 || ^1.0.0` has its own two ends), with mysql2 at the
 * same end of core's range. Read from the package.json files, so the test follows the ranges as they change.
 */
interface VersionSet {
  readonly orm: Orm;
  readonly ormRange: string;
  readonly end: End;
}

const VERSION_SETS: readonly VersionSet[] = ORMS.flatMap((orm) =>
  declaredRange(`adapter-${orm}`, 'peerDependencies', ORM_PACKAGE[orm])
    .split('||')
    .map((part) => part.trim())
    .flatMap((ormRange) => (['lowest', 'highest'] as const).map((end) => ({ orm, ormRange, end }))),
);

/** Packages a user of one adapter installs beside the ORM and mysql2, pinned: they are not the SDK's ranges. */
const COMPANIONS: Record<Orm, readonly string[]> = {
  knex: [],
  sequelize: [],
  typeorm: ['reflect-metadata@0.2.2'],
  drizzle: [],
};

/**
 * A check that is still running after this long hung (MatrixOne keeps a connection open after COM_QUIT, and a
 * process that leaves such a socket behind never exits); it is killed and fails instead of stalling the run.
 */
const CHECK_DEADLINE_MS = 120_000;
/** Every version set is installed before the first check: two npm installs at a time, one shared npm cache. */
const INSTALL_CONCURRENCY = 2;
const INSTALLS_DEADLINE_MS = 900_000;

let scratch = '';
let releaseDir = '';
/** Between the checks and the test server: keeps sockets open after COM_QUIT, as MatrixOne does. */
let proxy: FaultProxy | undefined;
// Asked at the top, so that with no server at all the harness skips this file instead of failing its hooks.
const server = testServer();

/** The releases a version set resolved to. */
interface Installed {
  readonly directory: string;
  readonly ormVersion: string;
  readonly mysql2Version: string;
}
const installed = new Map<VersionSet, Installed>();

/** `x.y.z` order; prereleases are never listed by `npm view` for a plain range. */
function compareVersions(a: string, b: string): number {
  const [pa, pb] = [a, b].map((version) => version.split(/[.+-]/).slice(0, 3).map(Number));
  for (let index = 0; index < 3; index += 1) {
    const difference = (pa?.[index] ?? 0) - (pb?.[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

const releasesCache = new Map<string, Promise<string[]>>();
/**
 * The published releases of `name` in `range`, oldest first, asked of the registry at test time: "highest" is the
 * newest release there is today, not one pinned when this test was written (which would go stale unnoticed).
 */
function releases(name: string, range: string): Promise<string[]> {
  const key = `${name}@${range}`;
  let listed = releasesCache.get(key);
  if (!listed) {
    listed = run('npm', ['view', key, 'version', '--json', '--cache', join(scratch, 'npm-cache')]).then(
      ({ stdout }) => {
        const parsed = JSON.parse(stdout) as string | string[];
        const versions = (Array.isArray(parsed) ? parsed : [parsed]).sort(compareVersions);
        if (versions.length === 0) throw new Error(`no release of ${key} is published`);
        return versions;
      },
    );
    releasesCache.set(key, listed);
  }
  return listed;
}

async function pick(name: string, range: string, end: End): Promise<string> {
  const versions = await releases(name, range);
  return (end === 'lowest' ? versions[0] : versions.at(-1)) as string;
}

function label(set: VersionSet): string {
  return `${set.orm}-${set.end}-${set.ormRange.replace(/[^0-9a-z]+/gi, '_')}`;
}

async function tarball(prefix: string): Promise<string> {
  const files = await readdir(releaseDir);
  const file = files.find((name) => name.startsWith(prefix) && name.endsWith('.tgz'));
  if (!file) throw new Error(`the pack script made no ${prefix}*.tgz (made: ${files.join(', ')})`);
  return join(releaseDir, file);
}

/** Installs one version set with npm into a project of its own (no workspace, no links). */
async function install(set: VersionSet): Promise<Installed> {
  const ormVersion = await pick(ORM_PACKAGE[set.orm], set.ormRange, set.end);
  const mysql2Version = await pick('mysql2', MYSQL2_RANGE, set.end);
  const directory = join(scratch, label(set));
  await mkdir(directory);
  await writeFile(
    join(directory, 'package.json'),
    JSON.stringify({ name: `packed-install-${label(set)}`, version: '1.0.0', private: true }),
  );
  const packages = [
    await tarball('matrixone-core-'),
    await tarball(`matrixone-adapter-${set.orm}-`),
    `${ORM_PACKAGE[set.orm]}@${ormVersion}`,
    `mysql2@${mysql2Version}`,
    ...COMPANIONS[set.orm],
  ];
  const cache = join(scratch, 'npm-cache');
  await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--no-package-lock', '--cache', cache, ...packages],
    {
      cwd: directory,
    },
  );
  for (const script of [`check-${set.orm}.mjs`, `check-${set.orm}.cjs`]) {
    await copyFile(join(fixtures, script), join(directory, script));
  }
  return { directory, ormVersion, mysql2Version };
}

/** Runs `work` on every item, at most `limit` at a time; rejects with the first failure once all settled. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  const queue = [...items];
  const failures: unknown[] = [];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      await work(item).catch((error: unknown) => failures.push(error));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failures.length > 0) throw failures[0];
}

/** Every copy of `name` under a project's node_modules, nested ones included. */
async function copiesOf(modules: string, name: string): Promise<string[]> {
  const found: string[] = [];
  const visit = async (directory: string) => {
    for (const entry of await readdir(directory, { withFileTypes: true }).catch(() => [])) {
      if (!entry.isDirectory()) continue;
      const path = join(directory, entry.name);
      if (entry.name.startsWith('@')) await visit(path);
      else {
        if (entry.name === name) found.push(path);
        await visit(join(path, 'node_modules'));
      }
    }
  };
  await visit(modules);
  return found;
}

async function versionOf(packageDirectory: string): Promise<string> {
  return (JSON.parse(await readFile(join(packageDirectory, 'package.json'), 'utf8')) as { version: string })
    .version;
}

beforeAll(async () => {
  proxy = await startFaultProxy(server.url, { swallowQuit: true });
  scratch = await mkdtemp(join(tmpdir(), 'matrixone-sdk-packed-'));
  releaseDir = join(scratch, 'release');
  await run(
    join(repositoryRoot, 'node_modules', '.bin', 'tsx'),
    ['scripts/pack-release.ts', '--out', releaseDir],
    {
      cwd: repositoryRoot,
    },
  );
  await eachLimited(VERSION_SETS, INSTALL_CONCURRENCY, async (set) => {
    const result = await install(set);
    installed.set(set, result);
    // Which releases "lowest" and "highest" were today, for whoever reads the log of a failing run.
    console.info(
      `${label(set)}: ${ORM_PACKAGE[set.orm]}@${result.ormVersion}, mysql2@${result.mysql2Version}`,
    );
  });
}, INSTALLS_DEADLINE_MS);

afterAll(async () => {
  await proxy?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

function installedSet(set: VersionSet): Installed {
  const result = installed.get(set);
  if (!result) throw new Error(`${label(set)} was not installed`);
  return result;
}

/**
 * Issue 8, publishing, and issue 15 §5, dependency ranges: a user installs `@matrixone/core` and one adapter from
 * the packed tarballs with npm in a project of their own, with the lowest or the highest release of the adapter's
 * ORM range and of core's mysql2 range; only that adapter's ORM comes along, mysql2 is installed once, and both
 * module formats work against the test server.
 */
describe.each(
  VERSION_SETS.map((set): [string, VersionSet] => [
    `@matrixone/adapter-${set.orm}, the ${set.end} release of ${set.orm} ${set.ormRange} and of mysql2 ${MYSQL2_RANGE}`,
    set,
  ]),
)('packed @matrixone/core + %s', (_title, set) => {
  it('installs the releases asked for, one mysql2, and no other adapter or ORM', async () => {
    const { directory, ormVersion, mysql2Version } = installedSet(set);
    const modules = join(directory, 'node_modules');
    expect(await versionOf(join(modules, ORM_PACKAGE[set.orm]))).toBe(ormVersion);
    expect(await versionOf(join(modules, 'mysql2'))).toBe(mysql2Version);
    // Core's range accepts the application's mysql2, so npm installs no second copy for core.
    expect(await copiesOf(modules, 'mysql2')).toEqual([join(modules, 'mysql2')]);
    expect(existsSync(join(modules, '@matrixone', 'core', 'dist', 'index.js'))).toBe(true);
    expect(existsSync(join(modules, '@matrixone', `adapter-${set.orm}`, 'dist', 'index.cjs'))).toBe(true);
    for (const other of ORMS.filter((name) => name !== set.orm)) {
      expect(existsSync(join(modules, ORM_PACKAGE[other])), `${ORM_PACKAGE[other]} was installed`).toBe(
        false,
      );
      expect(
        existsSync(join(modules, '@matrixone', `adapter-${other}`)),
        `adapter-${other} was installed`,
      ).toBe(false);
    }
  });

  it.each([
    ['esm', 'mjs'],
    ['cjs', 'cjs'],
  ])(
    'runs SELECT 1 and a stream through core and a transaction bound with matrixone() (%s)',
    async (format, extension) => {
      const { directory } = installedSet(set);
      const { stdout } = await run(process.execPath, [`check-${set.orm}.${extension}`], {
        cwd: directory,
        env: { ...process.env, CHECK_DATABASE_URL: proxy?.url },
        timeout: CHECK_DEADLINE_MS,
        killSignal: 'SIGKILL',
      });
      expect(JSON.parse(stdout)).toEqual({
        format,
        core: 1,
        streamed: [1, 2],
        bound: { one: 1, sameConnection: true },
        viaClient: 1,
      });
    },
  );
});
