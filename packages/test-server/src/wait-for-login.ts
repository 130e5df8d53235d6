/**
 * Readiness of a server that is still booting: retry a real login (and one statement) until it answers or a
 * deadline passes. A port that accepts connections is not enough: MatrixOne opens its SQL port before it can log
 * anyone in (observed on MatrixOne 4.2.0: a login answered about 40 s after start on 2 cores).
 */
import type { ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import mysql from 'mysql2/promise';
import { endConnection } from './end-connection.js';

/** How long and how often to try, and how to notice that the server died meanwhile. */
export interface WaitForLoginOptions {
  /** Give up after this long (milliseconds). */
  readonly timeoutMs: number;
  /** Pause between attempts (milliseconds; default 500). */
  readonly intervalMs?: number;
  /** Returns why waiting is pointless (the process exited, with its log), or `undefined` while it runs. */
  readonly gone?: () => Promise<string | undefined>;
  /** What to call the server in messages. */
  readonly name: string;
}

/**
 * Resolves once `server` (a URL, or connection options such as a socket path and user) accepts a login and answers
 * `SELECT 1`; rejects at the deadline with the last error, or as soon as `gone` reports the server dead.
 *
 * @example
 * await waitForLogin('mysql://root:111@127.0.0.1:6001/', { timeoutMs: 180_000, name: 'MatrixOne' });
 */
export async function waitForLogin(
  server: string | mysql.ConnectionOptions,
  options: WaitForLoginOptions,
): Promise<void> {
  const login = typeof server === 'string' ? { uri: server } : server;
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    const gone = await options.gone?.();
    if (gone !== undefined) throw new Error(`${options.name} stopped before answering: ${gone}`);
    try {
      const connection = await mysql.createConnection({ ...login, connectTimeout: 5_000 });
      try {
        await connection.query('SELECT 1');
        return;
      } finally {
        await endConnection(connection);
      }
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `${options.name} did not accept a login within ${Math.round(options.timeoutMs / 1000)} s: ${String(lastError)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 500));
  }
}

/**
 * A {@link WaitForLoginOptions.gone} for a server run as `child`: once it has exited, how (exit code or signal) and
 * the last 2,000 characters of its log.
 */
export function exitedWithLog(child: ChildProcess, logFile: string): () => Promise<string | undefined> {
  return async () => {
    if (child.exitCode === null && child.signalCode === null) return undefined;
    const tail = (await readFile(logFile, 'utf8').catch(() => '')).slice(-2000);
    return `it exited with ${child.exitCode ?? child.signalCode}:\n${tail}`;
  };
}
