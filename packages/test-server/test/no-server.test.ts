import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const fixture = fileURLToPath(new URL('./fixtures/no-server/', import.meta.url));
const vitest = fileURLToPath(new URL('../../../node_modules/.bin/vitest', import.meta.url));

/** The part of vitest's JSON report these checks read. */
interface Report {
  readonly numPassedTests: number;
  readonly numFailedTests: number;
  readonly numPendingTests: number;
  readonly testResults: ReadonlyArray<{
    readonly name: string;
    readonly status: string;
    readonly assertionResults: ReadonlyArray<{ readonly title: string; readonly status: string }>;
  }>;
}

let scratch = '';
let report: Report;

/** Runs the fixture project in its own vitest process, as `pnpm test` would on a machine with no server. */
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'matrixone-sdk-no-server-'));
  const output = join(scratch, 'report.json');
  const args = [
    'run',
    '--config',
    join(fixture, 'vitest.config.ts'),
    '--reporter=json',
    `--outputFile=${output}`,
  ];
  // A failing fixture run exits non-zero; its report says what failed, and the checks below show it.
  await run(vitest, args, { cwd: fixture }).catch(() => undefined);
  report = JSON.parse(await readFile(output, 'utf8')) as Report;
});

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

function statuses(file: string): Record<string, string> {
  const result = report.testResults.find((entry) => entry.name.endsWith(file));
  if (!result) throw new Error(`${file} is not in the report`);
  return Object.fromEntries(result.assertionResults.map((test) => [test.title, test.status]));
}

describe('a run with no server', () => {
  it('runs the tests that need none and fails nothing', () => {
    expect(report.numFailedTests).toBe(0);
    expect(report.testResults.map((file) => file.status)).not.toContain('failed');
    expect(statuses('pure.fixture.ts')).toEqual({ 'runs without a server': 'passed' });
  });

  it('skips a file that asked for a server while collected, without running its hooks', () => {
    expect(statuses('needs-server.fixture.ts')).toEqual({
      'is skipped': 'skipped',
      first: 'skipped',
      second: 'skipped',
    });
  });

  it('skips a test that asks for the server while it runs, and runs its neighbours', () => {
    expect(statuses('asks-in-test.fixture.ts')).toEqual({
      'needs no server': 'passed',
      'asks for the server inside the test': 'skipped',
    });
  });

  it('counts the skipped tests where the CI summary reads them', () => {
    expect(report.numPassedTests).toBe(2);
    expect(report.numPendingTests).toBe(4);
  });
});
