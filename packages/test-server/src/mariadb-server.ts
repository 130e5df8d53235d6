import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import mysql from 'mysql2/promise';
import { endConnection } from './end-connection.js';
import { NoTestServerError } from './no-test-server-error.js';
import { exitedWithLog, waitForLogin } from './wait-for-login.js';

/** A private MariaDB server started for one test run. */
export interface PrivateMariaDb {
  /** `mysql://` URL of a user with every privilege, on 127.0.0.1 and a free port. */
  readonly url: string;
  /** Stops the server and deletes its data directory. Safe to call twice. */
  stop(): Promise<void>;
}

const SYSTEM_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/bin', '/usr/local/bin'];

/** Finds an executable on PATH or in the usual system folders; `undefined` when absent. */
export function findExecutable(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...SYSTEM_DIRS];
  return dirs.map((dir) => join(dir, name)).find((candidate) => existsSync(candidate));
}

/** Text shown when no server can be had: says exactly what to install or set. */
export const NO_SERVER_MESSAGE =
  'No test server available: `mariadbd` was not found. Install MariaDB (Debian: `apt-get update && apt-get install -y mariadb-server`), ' +
  'or set TEST_DATABASE_URL=mysql://user:password@host:port/ to use an existing MySQL-protocol server, ' +
  'or MATRIXONE_URL=mysql://account%23user:password@host:6001/ to run against MatrixOne (`#` written as %23).';

/** A free TCP port on 127.0.0.1, found by binding port 0 and closing the probe. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not read the port of a probe socket'));
      });
    });
  });
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} exited with ${code}: ${stderr.trim()}`));
    });
  });
}

/**
 * Spawns a detached shell that stops the server and removes its directory once this process is gone,
 * so a killed test run (Ctrl-C, crash, SIGKILL) leaves nothing behind.
 */
export function startWatchdog(serverPid: number, dir: string): void {
  const script = `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${serverPid} 2>/dev/null; do sleep 1; done
kill -TERM ${serverPid} 2>/dev/null
for i in $(seq 1 100); do kill -0 ${serverPid} 2>/dev/null || break; sleep 0.2; done
kill -KILL ${serverPid} 2>/dev/null
rm -rf "$1"`;
  const watchdog = spawn('bash', ['-c', script, 'watchdog', dir], { detached: true, stdio: 'ignore' });
  watchdog.unref();
}

/** SIGTERM, then SIGKILL after 30 s; resolves once the process has exited. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts a private MariaDB (`mariadbd` from Debian's mariadb-server) on a free loopback port with a fresh
 * temporary data directory, waits until it answers, and creates a user with every privilege.
 * Throws {@link NoTestServerError} (with {@link NO_SERVER_MESSAGE}) when MariaDB is not installed.
 */
export async function startPrivateMariaDb(): Promise<PrivateMariaDb> {
  const mariadbd = findExecutable('mariadbd') ?? findExecutable('mysqld');
  const installDb = findExecutable('mariadb-install-db') ?? findExecutable('mysql_install_db');
  if (!mariadbd || !installDb) throw new NoTestServerError(NO_SERVER_MESSAGE);

  const dir = await mkdtemp(join(tmpdir(), 'matrixone-sdk-mariadb-'));
  const dataDir = join(dir, 'data');
  const socketPath = join(dir, 'mariadb.sock');
  const logFile = join(dir, 'mariadb.log');
  // A private tmpdir: servers sharing /tmp collide on internal temporary table files (`#sql-temptable-…`).
  const tmpDir = join(dir, 'tmp');
  await mkdir(tmpDir);
  const runAsRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
  try {
    await run(installDb, [
      '--no-defaults',
      `--datadir=${dataDir}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      ...runAsRoot,
    ]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  const port = await freePort();
  const server = spawn(
    mariadbd,
    [
      '--no-defaults',
      ...runAsRoot,
      `--datadir=${dataDir}`,
      `--socket=${socketPath}`,
      `--pid-file=${join(dir, 'mariadb.pid')}`,
      `--log-error=${logFile}`,
      `--tmpdir=${tmpDir}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      '--skip-name-resolve',
      '--skip-log-bin',
      '--max-connections=1000',
      '--max-allowed-packet=64M',
      '--innodb-buffer-pool-size=256M',
      '--innodb-flush-log-at-trx-commit=2',
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_bin',
    ],
    { stdio: 'ignore' },
  );
  if (server.pid === undefined) throw new Error(`could not start ${mariadbd}`);
  startWatchdog(server.pid, dir);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await stopProcess(server);
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await waitForLogin(
      { socketPath, user: 'root' },
      { name: 'mariadbd', timeoutMs: 60_000, intervalMs: 100, gone: exitedWithLog(server, logFile) },
    );
    const password = randomBytes(12).toString('hex');
    const admin = await mysql.createConnection({ socketPath, user: 'root' });
    await admin.query(`CREATE USER 'sdk_test'@'%' IDENTIFIED BY '${password}'`);
    await admin.query(`GRANT ALL PRIVILEGES ON *.* TO 'sdk_test'@'%' WITH GRANT OPTION`);
    await endConnection(admin);
    return { url: `mysql://sdk_test:${password}@127.0.0.1:${port}/`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
