import { startPrivateMariaDb } from './mariadb-server.js';
import { startLocalMatrixOne } from './matrixone-server.js';
import { NoTestServerError } from './no-test-server-error.js';

/**
 * Where the test server came from: `matrixone` (MATRIXONE_URL), `local-matrixone` (started from MATRIXONE_BIN or
 * MATRIXONE_DOCKER_IMAGE), `given` (TEST_DATABASE_URL) or `private-mariadb`.
 */
export type TestServerOrigin = 'matrixone' | 'local-matrixone' | 'given' | 'private-mariadb';

/** A MySQL-protocol server the tests may use, and how to give it back. */
export interface AcquiredServer {
  readonly url: string;
  readonly origin: TestServerOrigin;
  /** Stops a server the harness started; does nothing for a server it was given. */
  release(): Promise<void>;
}

/** No server could be had; `reason` says what to install or set. */
export interface NoTestServer {
  readonly origin: 'none';
  readonly reason: string;
  /** Does nothing: there is no server to give back. */
  release(): Promise<void>;
}

const noop = async () => {};

/**
 * Picks the test server: `MATRIXONE_URL` (a real MatrixOne, enables the live suite), else a MatrixOne started
 * for this run from `MATRIXONE_BIN` (its `mo-service`) or from the image `MATRIXONE_DOCKER_IMAGE`, else
 * `TEST_DATABASE_URL`, else a private MariaDB started for this run.
 * Throws {@link NoTestServerError} when none is set and MariaDB is not installed.
 */
export async function acquireTestServer(env: NodeJS.ProcessEnv = process.env): Promise<AcquiredServer> {
  if (env.MATRIXONE_URL) return { url: env.MATRIXONE_URL, origin: 'matrixone', release: noop };
  if (env.MATRIXONE_BIN) {
    const server = await startLocalMatrixOne(env.MATRIXONE_BIN);
    return { url: server.url, origin: 'local-matrixone', release: server.stop };
  }
  if (env.MATRIXONE_DOCKER_IMAGE) {
    // Loaded here only: the container library is not paid for by runs that do not use it.
    const { startMatrixOneContainer } = await import('./matrixone-container.js');
    const server = await startMatrixOneContainer(env.MATRIXONE_DOCKER_IMAGE);
    return { url: server.url, origin: 'local-matrixone', release: server.stop };
  }
  if (env.TEST_DATABASE_URL) return { url: env.TEST_DATABASE_URL, origin: 'given', release: noop };
  const server = await startPrivateMariaDb();
  return { url: server.url, origin: 'private-mariadb', release: server.stop };
}

/**
 * Like {@link acquireTestServer}, but answers {@link NoTestServer} instead of throwing when there is simply no
 * server to be had, so tests that need none still run. A server that is named or installed but fails stays an error.
 */
export async function acquireTestServerIfAny(
  env: NodeJS.ProcessEnv = process.env,
): Promise<AcquiredServer | NoTestServer> {
  try {
    return await acquireTestServer(env);
  } catch (error) {
    if (error instanceof NoTestServerError) return { origin: 'none', reason: error.message, release: noop };
    throw error;
  }
}
