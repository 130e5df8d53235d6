import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

/** A changeset the scratch copy consumes, so the check runs even when the repository has none pending. */
const SCRATCH_CHANGESET = `---
"@matrixone/core": patch
---

Scratch release made by tests/version-packages.test.ts.
`;

let scratch = '';

async function git(...args: string[]): Promise<string> {
  const { stdout } = await run(
    'git',
    ['-c', 'user.name=scratch', '-c', 'user.email=scratch@localhost', '-c', 'commit.gpgsign=false', ...args],
    { cwd: scratch },
  );
  return stdout;
}

async function coreVersion(root: string): Promise<string> {
  const manifest = JSON.parse(await readFile(join(root, 'packages', 'core', 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/**
 * Copies the repository's files (tracked and new, without ignored ones such as node_modules and dist) to a
 * scratch folder that is a git repository of its own, links the installed dependencies, adds a changeset and
 * runs `pnpm version-packages` there: the real repository is never touched.
 */
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'matrixone-sdk-version-'));
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repositoryRoot,
    maxBuffer: 64 * 1024 * 1024,
  });
  const files = stdout.split('\0').filter((file) => file && existsSync(join(repositoryRoot, file)));
  for (const file of files) {
    await cp(join(repositoryRoot, file), join(scratch, file), { recursive: true });
  }
  await symlink(join(repositoryRoot, 'node_modules'), join(scratch, 'node_modules'), 'dir');
  await git('init', '--quiet');
  await git('add', '--all');
  await git('commit', '--quiet', '--no-verify', '-m', 'before version-packages');
  await writeFile(join(scratch, '.changeset', 'scratch-release-check.md'), SCRATCH_CHANGESET);
  await run('pnpm', ['run', 'version-packages'], { cwd: scratch });
});

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('pnpm version-packages on a scratch copy of the repository', () => {
  it('bumps the versions and consumes the changesets into the changelog', async () => {
    expect(await coreVersion(scratch)).not.toBe(await coreVersion(repositoryRoot));
    expect(existsSync(join(scratch, '.changeset', 'scratch-release-check.md'))).toBe(false);
    const changelog = await readFile(join(scratch, 'packages', 'core', 'CHANGELOG.md'), 'utf8');
    expect(changelog).toContain('Scratch release made by tests/version-packages.test.ts.');
  });

  it('leaves every file it rewrote passing `biome check`, so `pnpm test` needs no hand step', async () => {
    const changed = (await git('status', '--porcelain', '--untracked-files=all'))
      .split('\n')
      .filter((line) => line && !line.startsWith(' D') && !line.startsWith('D '))
      .map((line) => line.slice(3));
    expect(changed).toContain('packages/core/package.json');
    const biome = join(repositoryRoot, 'node_modules', '.bin', 'biome');
    // Rejects (failing the test with Biome's report) when any rewritten file is not formatted as the lint wants.
    await run(biome, ['check', '--files-ignore-unknown=true', ...changed], { cwd: scratch });
  });
});
