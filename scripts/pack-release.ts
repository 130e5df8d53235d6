/**
 * Packs every publishable package into one folder of tarballs, without publishing anything.
 * `pnpm release` builds first and then runs this; `pnpm pack` turns `workspace:` ranges into real versions.
 *
 * Usage: `tsx scripts/pack-release.ts [--out <dir>]` (default `release/`). Prints one tarball path per line.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PUBLISHABLE_PACKAGES } from './publishable-packages.js';

const run = promisify(execFile);
const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

interface PackResult {
  readonly filename: string;
}

function outputDirectory(argv: readonly string[]): string {
  const flag = argv.indexOf('--out');
  if (flag === -1) return join(repositoryRoot, 'release');
  const value = argv[flag + 1];
  if (!value) throw new Error('--out needs a directory');
  return resolve(value);
}

async function packAll(destination: string): Promise<string[]> {
  await mkdir(destination, { recursive: true });
  const tarballs: string[] = [];
  for (const pkg of PUBLISHABLE_PACKAGES) {
    const directory = join(repositoryRoot, pkg.directory);
    if (!existsSync(join(directory, 'dist'))) {
      throw new Error(
        `${pkg.name} has no dist/: run \`pnpm build\` (or \`pnpm release\`, which builds first)`,
      );
    }
    const { stdout } = await run('pnpm', ['pack', '--json', '--pack-destination', destination], {
      cwd: directory,
    });
    const result = JSON.parse(stdout) as PackResult;
    tarballs.push(result.filename);
  }
  return tarballs;
}

try {
  const tarballs = await packAll(outputDirectory(process.argv.slice(2)));
  for (const tarball of tarballs) console.log(tarball);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
