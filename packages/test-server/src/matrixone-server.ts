/**
 * A private MatrixOne for one test run, started the way the private MariaDB is: from the `mo-service` binary named
 * by MATRIXONE_BIN (MatrixOne's release archives ship one), as a standalone instance whose launch files, data and
 * log live in a fresh temporary folder, every port a free loopback port, the SQL port on 127.0.0.1 only. It is
 * ready when a real login answers; it is stopped with SIGTERM and its folder removed afterwards, and a watchdog
 * does both if this process dies first (Ctrl-C, crash, SIGKILL). Or, with MATRIXONE_DOCKER_IMAGE, from that
 * image in a container (matrixone-container.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWatchdog, stopProcess } from './mariadb-server.js';
import {
  type MatrixOnePorts,
  SQL_HOST,
  chooseMatrixOnePorts,
  writeLaunchFiles,
} from './matrixone-launch-config.js';
import { exitedWithLog, waitForLogin } from './wait-for-login.js';

/** A MatrixOne started for one test run. */
export interface LocalMatrixOne {
  /** `mysql://` URL of the `sys` account's `root` (MatrixOne's first login) on 127.0.0.1. */
  readonly url: string;
  /** Stops the server and removes what it left. Safe to call twice. */
  stop(): Promise<void>;
}

/** How to start one; every field has a default. */
export interface LocalMatrixOneOptions {
  /** How long the first login may take (default 180 s: first boot took about 40 s on 2 cores). */
  readonly readyTimeoutMs?: number;
  /** Where the instance's folder is made (default: the system temp folder). */
  readonly parentDir?: string;
}

/** MatrixOne's first login: account `sys`, user `root`, password `111` (observed on MatrixOne 4.2.0). */
const FIRST_LOGIN = { user: 'root', password: '111' } as const;

/** How long a started MatrixOne's first login may take by default: first boot took about 40 s on 2 cores. */
export const DEFAULT_READY_TIMEOUT_MS = 180_000;

/** The URL of the first login on the instance's SQL port. */
export function firstLoginUrl(host: string, port: number): string {
  return `mysql://${FIRST_LOGIN.user}:${FIRST_LOGIN.password}@${host}:${port}/`;
}

/**
 * Starts `mo-service -launch <folder>/launch.toml` in a fresh folder and waits until a login answers. On any
 * failure (the binary missing, the process exiting, no login before the deadline) the process is stopped and the
 * folder removed before the error is thrown.
 *
 * @example
 * const matrixone = await startLocalMatrixOne(process.env.MATRIXONE_BIN!);
 * // … tests against matrixone.url …
 * await matrixone.stop();
 */
export async function startLocalMatrixOne(
  bin: string,
  options: LocalMatrixOneOptions = {},
): Promise<LocalMatrixOne> {
  if (!existsSync(bin)) {
    throw new Error(
      `MATRIXONE_BIN names ${bin}, which does not exist (it should be MatrixOne's mo-service binary).`,
    );
  }
  const dir = await mkdtemp(join(options.parentDir ?? tmpdir(), 'matrixone-sdk-mo-'));
  let server: ChildProcess | undefined;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (server !== undefined) await stopProcess(server);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const ports: MatrixOnePorts = await chooseMatrixOnePorts();
    const launchFile = await writeLaunchFiles(dir, ports);
    const logFile = join(dir, 'mo-service.log');
    const log = openSync(logFile, 'a');
    // The working directory is the folder: any path MatrixOne resolves relative to it stays inside.
    server = spawn(bin, ['-launch', launchFile], { cwd: dir, stdio: ['ignore', log, log] });
    const child = server;
    try {
      await new Promise<void>((resolve, reject) => {
        child.once('spawn', resolve);
        child.once('error', reject);
      });
    } finally {
      closeSync(log); // the child holds its own copy
    }
    if (child.pid !== undefined) startWatchdog(child.pid, dir);
    const url = firstLoginUrl(SQL_HOST, ports.sql);
    await waitForLogin(url, {
      name: 'mo-service',
      timeoutMs: options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
      gone: exitedWithLog(child, logFile),
    });
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
