import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { unopenableCitations } from './support/citations.js';

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

/** Text files a reader of the repository opens: docs, sources, tests, scripts, configuration. */
const TEXT_FILE = /\.(?:md|ts|mts|cts|js|mjs|cjs|json|ya?ml|sh)$/;
/** MatrixOne's recorded cases are copied verbatim; the detector and its test spell out the pattern it looks for. */
const NOT_SCANNED = [
  /^packages\/core\/test\/fixtures\/cases\//,
  /^tests\/(?:support\/citations|citations-detector\.test)\.ts$/,
];

async function repositoryTextFiles(): Promise<string[]> {
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repositoryRoot,
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout
    .split('\0')
    .filter((file) => TEXT_FILE.test(file) && !NOT_SCANNED.some((pattern) => pattern.test(file)));
}

describe('citations', () => {
  it('cite only what a reader of the repository can open (no "reference §x" of a document it lacks)', async () => {
    const files = await repositoryTextFiles();
    expect(files.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const file of files) {
      const text = await readFile(join(repositoryRoot, file), 'utf8').catch(() => '');
      for (const citation of unopenableCitations(text))
        found.push(`${file}:${citation.line}: ${citation.text}`);
    }
    expect(found).toEqual([]);
  });
});
