import { startPrivateMariaDb } from './mariadb-server.js';

/** Where the test server came from. */
export type TestServerOrigin = 'matrixone' | 'given' | 'private-mariadb';

/** A MySQL-protocol server the tests may use, and how to give it back. */
export interface AcquiredServer {
  readonly url: string;
  readonly origin: TestServerOrigin;
  /** Stops a server the harness started; does nothing for a server it was given. */
  release(): Promise<void>;
}

/**
 * Picks the test server: `MATRIXONE_URL` (a real MatrixOne, enables the live suite), else
 * `TEST_DATABASE_URL`, else a private MariaDB started for this run.
 */
export async function acquireTestServer(env: NodeJS.ProcessEnv = process.env): Promise<AcquiredServer> {
  const noop = async () => {};
  if (env.MATRIXONE_URL) return { url: env.MATRIXONE_URL, origin: 'matrixone', release: noop };
  if (env.TEST_DATABASE_URL) return { url: env.TEST_DATABASE_URL, origin: 'given', release: noop };
  const server = await startPrivateMariaDb();
  return { url: server.url, origin: 'private-mariadb', release: server.stop };
}
