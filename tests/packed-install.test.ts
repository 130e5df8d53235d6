import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer } from '../packages/test-server/src/index.js';

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(repositoryRoot, 'tests', 'fixtures', 'packed-install');

/** Exact versions the scratch project installs beside the tarballs (the ones the workspace is tested with). */
const KNEX = 'knex@3.3.0';
const MYSQL2 = 'mysql2@3.24.6';

/**
 * Issue 8, publishing: a user installs `@matrixone/core` and `@matrixone/adapter-knex` from packed tarballs with
 * npm in a project of their own (no workspace, no links), and both module formats work against a real server.
 */
describe('packed @matrixone/core + @matrixone/adapter-knex installed with npm', () => {
  let scratch = '';

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'matrixone-sdk-packed-'));
    const releaseDir = join(scratch, 'release');
    await run(
      join(repositoryRoot, 'node_modules', '.bin', 'tsx'),
      ['scripts/pack-release.ts', '--out', releaseDir],
      {
        cwd: repositoryRoot,
      },
    );
    const tarballs = await readdir(releaseDir);
    const tarball = (prefix: string) => {
      const file = tarballs.find((name) => name.startsWith(prefix) && name.endsWith('.tgz'));
      if (!file) throw new Error(`the pack script made no ${prefix}*.tgz (made: ${tarballs.join(', ')})`);
      return join(releaseDir, file);
    };
    const project = join(scratch, 'app');
    await mkdir(project);
    await writeFile(
      join(project, 'package.json'),
      JSON.stringify({ name: 'packed-install-check', version: '1.0.0', private: true }),
    );
    await run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--no-package-lock',
        tarball('matrixone-core-'),
        tarball('matrixone-adapter-knex-'),
        KNEX,
        MYSQL2,
      ],
      { cwd: project },
    );
    await copyFile(join(fixtures, 'check-knex.mjs'), join(project, 'check-knex.mjs'));
    await copyFile(join(fixtures, 'check-knex.cjs'), join(project, 'check-knex.cjs'));
  });

  afterAll(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('installs the adapter without the other ORMs', () => {
    const modules = join(scratch, 'app', 'node_modules');
    expect(existsSync(join(modules, '@matrixone', 'core', 'dist', 'index.js'))).toBe(true);
    expect(existsSync(join(modules, '@matrixone', 'adapter-knex', 'dist', 'index.cjs'))).toBe(true);
    expect(existsSync(join(modules, 'sequelize'))).toBe(false);
    expect(existsSync(join(modules, 'typeorm'))).toBe(false);
    expect(existsSync(join(modules, '@matrixone', 'adapter-sequelize'))).toBe(false);
    expect(existsSync(join(modules, '@matrixone', 'adapter-typeorm'))).toBe(false);
  });

  it.each([
    ['esm', 'check-knex.mjs'],
    ['cjs', 'check-knex.cjs'],
  ])(
    'runs SELECT 1 through core and a knex transaction bound with matrixone() (%s)',
    async (format, script) => {
      const { stdout } = await run(process.execPath, [script], {
        cwd: join(scratch, 'app'),
        env: { ...process.env, CHECK_DATABASE_URL: testServer().url },
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
