/**
 * A MatrixOne for one test run from a container image (MATRIXONE_DOCKER_IMAGE), through testcontainers: it maps
 * the SQL port 6001 to a free host port, and its reaper container removes the MatrixOne container when this
 * process dies without stopping it (crash, Ctrl-C, SIGKILL). testcontainers is imported only on this path, so a
 * run without the variable never loads it.
 */
import { DEFAULT_READY_TIMEOUT_MS, type LocalMatrixOne, firstLoginUrl } from './matrixone-server.js';
import { waitForLogin } from './wait-for-login.js';

/** MatrixOne's SQL port inside its image (the default `[cn.frontend] port`). */
const SQL_PORT = 6001;

/**
 * Starts a container of `image` and waits until a login on its mapped SQL port answers. Throws when Docker (or
 * another container runtime testcontainers finds) is not available.
 *
 * @example
 * const matrixone = await startMatrixOneContainer('matrixorigin/matrixone:4.2.0');
 */
export async function startMatrixOneContainer(
  image: string,
  options: { readonly readyTimeoutMs?: number } = {},
): Promise<LocalMatrixOne> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const timeoutMs = options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  const container = await new GenericContainer(image)
    .withExposedPorts(SQL_PORT)
    .withWaitStrategy(Wait.forListeningPorts())
    .withStartupTimeout(timeoutMs)
    .start();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await container.stop();
  };
  const url = firstLoginUrl(container.getHost(), container.getMappedPort(SQL_PORT));
  try {
    // A listening port is not a login: MatrixOne keeps bootstrapping after it opens the port.
    await waitForLogin(url, { name: `MatrixOne container (${image})`, timeoutMs });
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
