/** A loopback port with nothing listening on it: a server the CLI cannot reach. */
import { createServer } from 'node:net';

/**
 * Opens a listener on a free loopback port, closes it, and answers the port.
 *
 * @example
 * const url = `mysql://root:pw@127.0.0.1:${await closedPort()}/`;
 */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
