import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISHABLE_PACKAGES } from '../scripts/publishable-packages.js';
import { relativeLinks } from './support/markdown-links.js';

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

/** The fields of a packed `package.json` that lead a registry user back to the source. */
interface PackedManifest {
  readonly name: string;
  readonly license?: string;
  readonly homepage?: string;
  readonly bugs?: { readonly url?: string };
  readonly repository?: { readonly type?: string; readonly url?: string; readonly directory?: string };
}

let scratch = '';
/** Package name → folder the package's tarball was unpacked into (its `package/` folder). */
const unpacked = new Map<string, string>();

/**
 * Packs with the release script, exactly as `pnpm release` does, and unpacks every tarball: these tests look at
 * what a user downloads, not at the package folders.
 */
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'matrixone-sdk-tarballs-'));
  const releaseDir = join(scratch, 'release');
  const { stdout } = await run(
    join(repositoryRoot, 'node_modules', '.bin', 'tsx'),
    ['scripts/pack-release.ts', '--out', releaseDir],
    { cwd: repositoryRoot },
  );
  const tarballs = stdout.trim().split('\n');
  expect(tarballs).toHaveLength(PUBLISHABLE_PACKAGES.length);
  for (const tarball of tarballs) {
    const target = await mkdtemp(join(scratch, 'unpacked-'));
    await mkdir(target, { recursive: true });
    await run('tar', ['-xzf', tarball, '-C', target]);
    const directory = join(target, 'package');
    const manifest = JSON.parse(await readFile(join(directory, 'package.json'), 'utf8')) as PackedManifest;
    unpacked.set(manifest.name, directory);
  }
});

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

function packedDirectory(name: string): string {
  const directory = unpacked.get(name);
  if (!directory)
    throw new Error(`no tarball of ${name} was packed (packed: ${[...unpacked.keys()].join(', ')})`);
  return directory;
}

describe.each(PUBLISHABLE_PACKAGES)('the packed tarball of $name', (pkg) => {
  it('carries the repository LICENSE, byte for byte', async () => {
    const [shipped, root] = await Promise.all([
      readFile(join(packedDirectory(pkg.name), 'LICENSE'), 'utf8'),
      readFile(join(repositoryRoot, 'LICENSE'), 'utf8'),
    ]);
    expect(root).toContain('Apache License');
    expect(root).toContain('Version 2.0, January 2004');
    expect(shipped).toBe(root);
  });

  it('carries a README whose links are all absolute (relative ones break on the registry page)', async () => {
    const files = await readdir(packedDirectory(pkg.name));
    expect(files).toContain('README.md');
    const readme = await readFile(join(packedDirectory(pkg.name), 'README.md'), 'utf8');
    expect(readme.length).toBeGreaterThan(0);
    expect(relativeLinks(readme)).toEqual([]);
  });

  it('declares its licence, repository url and folder, homepage and issue tracker', async () => {
    const manifest = JSON.parse(
      await readFile(join(packedDirectory(pkg.name), 'package.json'), 'utf8'),
    ) as PackedManifest;
    expect(manifest.license).toBe('Apache-2.0');
    expect(manifest.repository?.type).toBe('git');
    expect(manifest.repository?.url).toMatch(/^git\+https:\/\/.+\.git$/);
    expect(manifest.repository?.directory).toBe(pkg.directory);
    expect(manifest.homepage).toMatch(/^https:\/\//);
    expect(manifest.bugs?.url).toMatch(/^https:\/\//);
  });
});
