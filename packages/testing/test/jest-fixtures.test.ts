/**
 * The Jest side of @matrixone/testing, run as a user runs it: Jest (a child process) on the fixture project in
 * test/jest-project — whose files are the Jest example of docs/guides/testing-with-clones.md — loading the BUILT
 * package through `require` (its CommonJS build; Jest loads no ESM without --experimental-vm-modules), against the
 * harness's test server. test/jest-support/record-clones.cjs writes a ledger of the clones the fixtures made into
 * this file's test database; on a server that is not MatrixOne it also stands in for the CLONE (see there).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const db = useTestDatabase();
const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const PROJECT = join(PACKAGE, 'test', 'jest-project');
const RECORDER = join(PACKAGE, 'test', 'jest-support', 'record-clones.cjs');
const GUIDE = fileURLToPath(new URL('../../../docs/guides/testing-with-clones.md', import.meta.url));
const JEST = createRequire(import.meta.url).resolve('jest/bin/jest');

/** What Jest's `--json` report holds that is checked here. */
interface JestReport {
  readonly success: boolean;
  readonly testResults: readonly {
    readonly name: string;
    readonly assertionResults: readonly { readonly title: string; readonly status: string }[];
  }[];
}

/** One ledger row: a clone as the fixtures made it, and as it was right before its drop. */
interface LedgerRow {
  readonly file: string;
  readonly test: string | null;
  readonly db: string;
  readonly event: 'created' | 'dropping';
  readonly users: number;
}

interface JestRun {
  readonly status: number | null;
  readonly output: string;
  readonly report: JestReport;
}

function runJest(template: string, scratch: string): Promise<JestRun> {
  const reportFile = join(scratch, 'report.json');
  const args = [
    JEST,
    '--config',
    join(PROJECT, 'jest.config.cjs'),
    '--rootDir',
    PROJECT,
    '--setupFilesAfterEnv',
    RECORDER,
    '--ci',
    '--json',
    '--outputFile',
    reportFile,
  ];
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    MATRIXONE_URL: testServer().url,
    APP_TEMPLATE: template,
    CLONE_LEDGER_URL: db.url,
    SERVER_FLAVOR: testServer().flavor,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: PROJECT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', async (status) => {
      try {
        const report = JSON.parse(await readFile(reportFile, 'utf8')) as JestReport;
        resolve({ status, output, report });
      } catch (error) {
        reject(new Error(`Jest wrote no report (exit ${status}):\n${output}`, { cause: error }));
      }
    });
  });
}

describe('the clone fixtures under Jest (built CommonJS package, child process)', () => {
  const template = `${db.name}_app`;
  let scratch = '';
  let run: JestRun;
  let ledger: LedgerRow[];

  beforeAll(async () => {
    if (!existsSync(join(PACKAGE, 'dist', 'index.cjs'))) {
      throw new Error('packages/testing/dist is missing: build it first (pnpm exec turbo run build).');
    }
    scratch = await mkdtemp(join(tmpdir(), 'testing-jest-'));
    await db.inspect.query(
      'CREATE TABLE clones (file VARCHAR(255), test VARCHAR(255), db VARCHAR(64), event VARCHAR(10), users INT)',
    );
    run = await runJest(template, scratch);
    const [rows] = await db.inspect.query<RowDataPacket[]>('SELECT * FROM clones');
    ledger = rows as LedgerRow[];
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  const created = (file: string) => ledger.filter((row) => row.file === file && row.event === 'created');
  const dropping = (file: string) => ledger.filter((row) => row.file === file && row.event === 'dropping');

  it('every test passed', () => {
    expect(run.status, run.output).toBe(0);
    expect(run.report.success).toBe(true);
    const results = run.report.testResults.flatMap((file) =>
      file.assertionResults.map((test) => `${basename(file.name)}: ${test.status}`),
    );
    expect(results.sort()).toEqual([
      'clone-per-file.test.cjs: passed',
      'clone-per-file.test.cjs: passed',
      'clone-per-test.test.cjs: passed',
      'clone-per-test.test.cjs: passed',
      'clone-per-test.test.cjs: passed',
    ]);
  });

  it('the template was seeded once for the whole run', () => {
    expect(run.output.split(`Seeded the template ${template}.`)).toHaveLength(2);
    // Every clone started from the template's two rows, whatever the tests before it wrote.
    expect(created('clone-per-test.test.cjs').map((row) => row.users)).toEqual([2, 2, 2]);
    expect(created('clone-per-file.test.cjs').map((row) => row.users)).toEqual([2]);
  });

  it('each test of the per-test file got its own clone, the per-file file one for all its tests', () => {
    const perTest = created('clone-per-test.test.cjs');
    expect(perTest.map((row) => row.test)).toEqual([
      'deleting a user changes only this test’s clone',
      'the next test starts from the template again',
      'an ORM on the clone: Knex',
    ]);
    const perFile = created('clone-per-file.test.cjs');
    // Made in beforeAll, before any test.
    expect(perFile.map((row) => row.test)).toEqual([null]);
    const names = [...perTest, ...perFile].map((row) => row.db);
    expect(new Set(names).size).toBe(4);
    for (const name of names) expect(name).toMatch(new RegExp(`^${template}_clone_\\d{14}_[0-9a-f]{8}$`));
  });

  it('writes stayed in the clone that made them', () => {
    // Right before each drop: the delete, the insert, nothing; the file's clone kept its insert across tests.
    expect(dropping('clone-per-test.test.cjs').map((row) => [row.db, row.users])).toEqual(
      created('clone-per-test.test.cjs').map((row, i) => [row.db, [1, 3, 2][i]]),
    );
    expect(dropping('clone-per-file.test.cjs').map((row) => [row.db, row.users])).toEqual([
      [created('clone-per-file.test.cjs')[0]?.db, 3],
    ]);
  });

  it('no clone and no template is left on the server', async () => {
    const [rows] = await db.inspect.query<RowDataPacket[]>('SHOW DATABASES LIKE ?', [`${template}%`]);
    expect(rows).toEqual([]);
  });
});

describe("the guide's Jest section", () => {
  it('shows every file of the fixture project as it is (a ```js block opening with `// <file name>`)', async () => {
    const guide = await readFile(GUIDE, 'utf8');
    const shown = new Map(
      [...guide.matchAll(/^```js\n\/\/ (\S+)\n([\s\S]*?)^```$/gm)].map((match) => [match[1], match[2]]),
    );
    const files = (await readdir(PROJECT)).sort();
    expect([...shown.keys()].sort()).toEqual(files);
    for (const file of files) expect(shown.get(file), file).toBe(await readFile(join(PROJECT, file), 'utf8'));
  });
});
