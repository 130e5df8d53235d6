/**
 * The built bin against the test server (MariaDB here, MatrixOne when MATRIXONE_URL is set), as a user runs it:
 * connection failures, `--json` shapes, exit codes, redaction, the confirmation refused without a terminal, and
 * MatrixOne-only commands reported as needing MatrixOne with their exit status.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testServer } from '@matrixone/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../src/exit-codes.js';
import { closedPort } from './closed-port.js';
import { runBin } from './run-bin.js';

const server = testServer();
const onMatrixOne = server.flavor === 'matrixone';
const SECRET = 'Sup3r-Secret_9';

/** The server's URL with another password. */
function withPassword(url: string, password: string): string {
  const parsed = new URL(url.replace('#', '%23'));
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

let scratch = '';
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'cli-server-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('matrixone against the test server', () => {
  it('status --json: the server, login and database as one JSON document', async () => {
    const { status, stdout, stderr } = await runBin(['status', '--json'], { MATRIXONE_URL: server.url });
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const parsed = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(parsed).sort()).toEqual(['database', 'host', 'port', 'server', 'user']);
    expect(parsed.server).toMatchObject({ flavor: server.flavor, versionString: server.version });
    expect(parsed.port).toBe(Number(new URL(server.url.replace('#', '%23')).port));
  });

  it('status: a readable table by default', async () => {
    const { status, stdout } = await runBin(['--url', server.url, 'status']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/│ server\s+│ host\s+│ port\s+│ user\s+│ database\s+│/);
  });

  it('a closed port is a connection failure (exit 3) naming host and port, without the password', async () => {
    const port = await closedPort();
    const url = `mysql://root:${SECRET}@127.0.0.1:${port}/`;
    for (const args of [['status'], ['snapshot', 'ls'], ['--json', 'pitr', 'ls']]) {
      const run = await runBin(['--url', url, ...args]);
      expect(run.status, args.join(' ')).toBe(ExitCode.Connection);
      expect(run.stderr).toContain(`127.0.0.1:${port}`);
      expect(run.stdout + run.stderr).not.toContain(SECRET);
    }
  });

  it('a wrong password is a connection failure (exit 3) that never prints the password', async () => {
    const run = await runBin(['snapshot', 'ls'], { MATRIXONE_URL: withPassword(server.url, SECRET) });
    expect(run.status).toBe(ExitCode.Connection);
    expect(run.stderr).toMatch(/denied/i);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  });

  it('the password given as MATRIXONE_PASSWORD is hidden wherever a message would repeat it', async () => {
    // The snapshot name carries the password, so the server's and the SDK's messages repeat it.
    const run = await runBin(['--json', 'snapshot', 'create', `x${SECRET}`, '--database', 'd'], {
      MATRIXONE_HOST: '127.0.0.1',
      MATRIXONE_PORT: String(await closedPort()),
      MATRIXONE_USER: 'root',
      MATRIXONE_PASSWORD: SECRET,
    });
    expect(run.status).toBe(ExitCode.Connection);
    expect(run.stderr).toContain('x***');
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  });

  it('an invalid URL setting is a usage error (exit 2) from the core, password not printed', async () => {
    const run = await runBin(['--url', `mysql://root:${SECRET}@127.0.0.1:6001/?poolSize=lots`, 'status']);
    expect(run.status).toBe(ExitCode.Usage);
    expect(run.stderr).toContain('"pool.size"');
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  });

  it.each([
    [['snapshot', 'drop', 'nightly']],
    [['pitr', 'drop', 'p1']],
    [['restore', 'db', 'shop', '--snapshot', 'nightly']],
    [['restore', 'table', 'shop.orders', '--snapshot', 'nightly']],
    [['branch', 'merge', 'shop.orders_dev', 'shop.orders']],
  ])(
    '%j refuses to prompt without a terminal and without --yes (exit 2), before connecting',
    async (args) => {
      // A closed port: reaching the server would fail with exit 3, so exit 2 shows nothing was attempted.
      const run = await runBin(['--url', `mysql://root:pw@127.0.0.1:${await closedPort()}/`, ...args]);
      expect(run.status).toBe(ExitCode.Usage);
      expect(run.stderr).toContain('stdin is not a terminal');
      expect(run.stderr).toContain('--yes');
    },
  );

  describe.skipIf(onMatrixOne)('MatrixOne-only commands on another server', () => {
    it.each([
      [['snapshot', 'ls']],
      [['snapshot', 'create', 'cli_s1', '--database', 'mysql']],
      [['--yes', 'snapshot', 'drop', 'cli_s1']],
      [['clone', 'db', 'cli_copy', 'mysql']],
      [['clone', 'table', 'mysql.cli_copy', 'mysql.user']],
      [['--yes', 'restore', 'db', 'mysql', '--snapshot', 'cli_s1']],
      [['pitr', 'ls']],
      [['pitr', 'create', 'cli_p1', '--database', 'mysql', '--range', '1d']],
      [['branch', 'diff', 'mysql.a', 'mysql.b', '--summary']],
      [['--yes', 'branch', 'merge', 'mysql.a', 'mysql.b']],
    ])('%j exits 7 and says it needs MatrixOne', async (args) => {
      const run = await runBin(args, { MATRIXONE_URL: server.url });
      expect(run.status).toBe(ExitCode.NeedsMatrixOne);
      expect(run.stderr).toContain('needs MatrixOne');
      expect(run.stderr).toContain('serverFlavor=matrixone');
    });

    it('--json: the error as one JSON document on stderr, nothing on stdout', async () => {
      const run = await runBin(['--json', 'snapshot', 'ls'], { MATRIXONE_URL: server.url });
      expect(run.status).toBe(ExitCode.NeedsMatrixOne);
      expect(run.stdout).toBe('');
      const { error } = JSON.parse(run.stderr) as { error: Record<string, unknown> };
      expect(error).toEqual({
        kind: 'unsupported-server',
        exitCode: 7,
        message: expect.stringContaining('needs MatrixOne'),
      });
    });

    it('clone run: reports that clones need MatrixOne (exit 7) and never runs the command', async () => {
      const marker = join(scratch, 'clone-run-ran');
      const run = await runBin(
        [
          'clone',
          'run',
          'mysql',
          '--',
          process.execPath,
          '-e',
          `require('fs').writeFileSync(${JSON.stringify(marker)}, '')`,
        ],
        { MATRIXONE_URL: server.url },
      );
      expect(run.status).toBe(ExitCode.NeedsMatrixOne);
      expect(run.stderr).toContain('clones.withClone() needs MatrixOne');
      expect(existsSync(marker)).toBe(false);
    });
  });
});
