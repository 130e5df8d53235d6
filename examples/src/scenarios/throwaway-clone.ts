/**
 * Core only, throwaway clones and the `matrixone` CLI: `client.clones.withClone()` empties a table on a clone of a
 * database while the source keeps its rows, `clones.sweep()` drops a clone a crashed run left behind, and the
 * built `matrixone` bin, run as a child process the way a user or a script runs it, reports `status --json` and
 * `snapshot ls --json` for the same server. On a server that is not MatrixOne the clone and snapshot steps report
 * "needs MatrixOne"; the source check, the sweep and `status` run everywhere.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import {
  IdentifierKind,
  type MatrixOneClient,
  UnsupportedServerError,
  createClient,
  describeServer,
  quoteIdentifier,
} from '@matrixone/core';
import { createDatabase, dropAll } from '../support/cleanup.js';
import { type Example, runIfMain } from '../support/example.js';
import { uniqueSuffix } from '../support/server.js';

/** How many rows the source holds. */
const SOURCE_ROWS = 3;
/** The CLI's exit status for "the server is not MatrixOne" (docs/cli.md#exit-codes). */
const EXIT_NEEDS_MATRIXONE = 7;
/** A stuck child fails the run instead of hanging it; the commands answer in well under a second. */
const CLI_TIMEOUT_MS = 60_000;

/** How one run of the CLI ended. */
interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The throwaway-clone and CLI example. */
export const coreThrowawayClone: Example = {
  title: 'core: throwaway clone and the matrixone CLI',
  async run(report, url) {
    const suffix = uniqueSuffix();
    const source = `clone_source_${suffix}`;
    const prefix = `throwaway_${suffix}`;
    const leftover = leftoverCloneName(prefix, new Date(Date.now() - 60 * 60 * 1000));
    const items = `${quoteIdentifier(source, IdentifierKind.Database)}.${quoteIdentifier('items', IdentifierKind.Table)}`;
    const admin = createClient(url);
    const server = describeServer(await admin.serverInfo());
    await createDatabase(admin, source);
    try {
      await report.step(`create ${source} with ${SOURCE_ROWS} items`, async () => {
        await admin.execute(`CREATE TABLE ${items} (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL)`);
        await admin.execute(`INSERT INTO ${items} (id, name) VALUES (?, ?), (?, ?), (?, ?)`, [
          1,
          'anvil',
          2,
          'bucket',
          3,
          'chisel',
        ]);
      });

      const onClone = await report.matrixOneStep(
        `withClone(${source}): delete every item on the clone`,
        () =>
          admin.clones.withClone({ source, url, prefix }, async (clone) => {
            const db = createClient(clone.url);
            try {
              await db.execute('DELETE FROM items');
              return { database: clone.database, remaining: await countItems(db, 'items') };
            } finally {
              await db.close();
            }
          }),
        (result) => `${result.database} holds ${result.remaining} items`,
      );
      if (onClone === undefined) {
        report.notRun('check the clone was emptied and dropped afterwards');
      } else {
        report.check(onClone.remaining === 0, 'the destructive change emptied the clone');
        const databases = await databaseNames(admin);
        report.check(!databases.includes(onClone.database), `withClone dropped ${onClone.database}`);
      }
      const sourceRows = await report.step(
        `count the items of ${source}`,
        () => countItems(admin, items),
        (count) => `${count} items`,
      );
      report.check(sourceRows === SOURCE_ROWS, `the source still holds its ${SOURCE_ROWS} items`);

      await report.step(`leave ${leftover} behind, as a crashed run would`, () =>
        createDatabase(admin, leftover),
      );
      const swept = await report.step(
        `sweep clones named ${prefix}_… older than a minute`,
        () => admin.clones.sweep({ prefix, olderThanMs: 60 * 1000 }),
        (dropped) => (dropped.length === 0 ? 'nothing dropped' : `dropped ${dropped.join(', ')}`),
      );
      report.check(
        swept.length === 1 && swept[0] === leftover && !(await databaseNames(admin)).includes(leftover),
        `the sweep dropped ${leftover} and nothing else`,
      );

      const bin = cliBin();
      const status = await report.step(
        'run `matrixone status --json` in a child process',
        () => runCli(bin, ['status', '--json'], url),
        (run) => `exit ${run.status}: ${run.stdout.replace(/\s+/g, ' ').trim()}`,
      );
      report.check(status.status === 0, 'status exits 0');
      const parsed = JSON.parse(status.stdout) as { server?: { flavor?: string } };
      const flavor = (await admin.serverInfo()).flavor;
      report.check(parsed.server?.flavor === flavor, `status names the same server (${flavor})`);
      const password = decodeURIComponent(new URL(url).password);
      if (password !== '') {
        report.check(!`${status.stdout}${status.stderr}`.includes(password), 'no password in its output');
      }

      const listed = await report.matrixOneStep(
        'run `matrixone snapshot ls --json` in a child process',
        async () => {
          const run = await runCli(bin, ['snapshot', 'ls', '--json'], url);
          if (run.status === EXIT_NEEDS_MATRIXONE && errorKind(run.stderr) === 'unsupported-server') {
            throw new UnsupportedServerError(`matrixone snapshot ls: ${run.stderr.trim()}`, server);
          }
          if (run.status !== 0) throw new Error(`matrixone snapshot ls exited ${run.status}: ${run.stderr}`);
          return JSON.parse(run.stdout) as { snapshots?: unknown };
        },
        (result) =>
          `exit 0: ${Array.isArray(result.snapshots) ? result.snapshots.length : 'no'} snapshots listed`,
      );
      if (listed !== undefined) {
        report.check(Array.isArray(listed.snapshots), 'snapshot ls --json prints { "snapshots": [...] }');
      }
    } finally {
      await dropAll(admin, { databases: [source, leftover] });
      await admin.close();
    }
  },
};

/** A clone name as `withClone({ prefix })` makes it (`<prefix>_<UTC yyyymmddhhmmss>_<8 hex>`), dated `at`. */
function leftoverCloneName(prefix: string, at: Date): string {
  const time = at.toISOString().slice(0, 19).replace(/\D/g, '');
  return `${prefix}_${time}_${randomBytes(4).toString('hex')}`;
}

async function countItems(client: MatrixOneClient, table: string): Promise<number> {
  const rows = await client.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(rows[0]?.n);
}

async function databaseNames(client: MatrixOneClient): Promise<string[]> {
  const rows = await client.query<Record<string, unknown>>('SHOW DATABASES');
  return rows.map((row) => String(Object.values(row)[0]));
}

/** The built `matrixone` bin, found through the installed package as an application's script would find it. */
function cliBin(): string {
  const manifestPath = createRequire(import.meta.url).resolve('@matrixone/cli/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: { matrixone: string } };
  return resolve(dirname(manifestPath), manifest.bin.matrixone);
}

/** The `kind` of the `{"error": {…}}` line the CLI writes on stderr with `--json`. */
function errorKind(stderr: string): string | undefined {
  try {
    return (JSON.parse(stderr) as { error?: { kind?: string } }).error?.kind;
  } catch {
    return undefined;
  }
}

/** Runs the bin with the server in `MATRIXONE_URL`; resolves with its exit status, whatever it is. */
function runCli(bin: string, args: readonly string[], url: string): Promise<CliRun> {
  return new Promise((resolveRun, reject) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { ...process.env, MATRIXONE_URL: url }, timeout: CLI_TIMEOUT_MS },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(new Error(`matrixone ${args.join(' ')} did not exit on its own: ${error.message}`));
          return;
        }
        resolveRun({ status: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      },
    );
  });
}

await runIfMain(import.meta.url, coreThrowawayClone);
