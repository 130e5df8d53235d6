import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy, testServer } from '../packages/test-server/src/index.js';

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(repositoryRoot, 'tests', 'fixtures', 'packed-install');

const ORMS = ['knex', 'sequelize', 'typeorm'] as const;
type Orm = (typeof ORMS)[number];

/** What a user of each adapter installs beside the two tarballs: exact versions the workspace is tested with. */
const ORM_PACKAGES: Record<Orm, readonly string[]> = {
  knex: ['knex@3.3.0', 'mysql2@3.24.6'],
  sequelize: ['sequelize@6.37.8', 'mysql2@3.24.6'],
  typeorm: ['typeorm@1.1.1', 'mysql2@3.24.6', 'reflect-metadata@0.2.2'],
};

/**
 * A check that is still running after this long hung (MatrixOne keeps a connection open after COM_QUIT, and a
 * process that leaves such a socket behind never exits); it is killed and fails instead of stalling the run.
 */
const CHECK_DEADLINE_MS = 120_000;

let scratch = '';
let releaseDir = '';
/** Between the checks and the test server: keeps sockets open after COM_QUIT, as MatrixOne does. */
let proxy: FaultProxy | undefined;
// Asked at the top, so that with no server at all the harness skips this file instead of failing its hooks.
const server = testServer();

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
});

afterAll(async () => {
  await proxy?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function tarball(prefix: string): Promise<string> {
  const files = await readdir(releaseDir);
  const file = files.find((name) => name.startsWith(prefix) && name.endsWith('.tgz'));
  if (!file) throw new Error(`the pack script made no ${prefix}*.tgz (made: ${files.join(', ')})`);
  return join(releaseDir, file);
}

/**
 * Issue 8, publishing: a user installs `@matrixone/core` and one adapter from the packed tarballs with npm in a
 * project of their own (no workspace, no links); only that adapter's ORM comes along, and both module formats
 * work against the test server.
 */
describe.each(ORMS)('packed @matrixone/core + @matrixone/adapter-%s installed with npm', (orm) => {
  const project = () => join(scratch, `app-${orm}`);

  beforeAll(async () => {
    await mkdir(project());
    await writeFile(
      join(project(), 'package.json'),
      JSON.stringify({ name: `packed-install-${orm}`, version: '1.0.0', private: true }),
    );
    const packages = [
      await tarball('matrixone-core-'),
      await tarball(`matrixone-adapter-${orm}-`),
      ...ORM_PACKAGES[orm],
    ];
    await run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', ...packages], {
      cwd: project(),
    });
    for (const script of [`check-${orm}.mjs`, `check-${orm}.cjs`]) {
      await copyFile(join(fixtures, script), join(project(), script));
    }
  });

  it('installs core and this adapter without the other adapters or ORMs', () => {
    const modules = join(project(), 'node_modules');
    expect(existsSync(join(modules, '@matrixone', 'core', 'dist', 'index.js'))).toBe(true);
    expect(existsSync(join(modules, '@matrixone', `adapter-${orm}`, 'dist', 'index.cjs'))).toBe(true);
    for (const other of ORMS.filter((name) => name !== orm)) {
      expect(existsSync(join(modules, other)), `${other} was installed`).toBe(false);
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
    `runs SELECT 1 through core and a ${orm} transaction bound with matrixone() (%s)`,
    async (format, extension) => {
      const { stdout } = await run(process.execPath, [`check-${orm}.${extension}`], {
        cwd: project(),
        env: { ...process.env, CHECK_DATABASE_URL: proxy?.url },
        timeout: CHECK_DEADLINE_MS,
        killSignal: 'SIGKILL',
      });
      expect(JSON.parse(stdout)).toEqual({
        format,
        core: 1,
        bound: { one: 1, sameConnection: true },
        viaClient: 1,
      });
    },
  );
});
