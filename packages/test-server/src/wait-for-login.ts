/**
 * Readiness of a server that is still booting: retry a real login (and one statement) until it answers or a
 * deadline passes. A port that accepts connections is not enough: MatrixOne opens its SQL port before it can log
 * anyone in (observed on MatrixOne 4.2.0: a login answered about 40 s after start on 2 cores).
 */
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
 * Resolves once `url` accepts a login and answers `SELECT 1`; rejects at the deadline with the last error, or as
 * soon as `gone` reports the server dead.
 *
 * @example
 * await waitForLogin('mysql://root:111@127.0.0.1:6001/', { timeoutMs: 180_000, name: 'MatrixOne' });
 */
export async function waitForLogin(url: string, options: WaitForLoginOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    const gone = await options.gone?.();
    if (gone !== undefined) throw new Error(`${options.name} stopped before answering: ${gone}`);
    try {
      const connection = await mysql.createConnection({ uri: url, connectTimeout: 5_000 });
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
