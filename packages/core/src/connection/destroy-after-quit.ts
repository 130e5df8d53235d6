/**
 * Frees the socket of a mysql2 connection that was told to quit. MatrixOne does not close the TCP connection
 * after `COM_QUIT` (observed on MatrixOne 4.2.0, see docs/matrixone-facts.md), and mysql2's `end()` resolves as soon
 * as it wrote the QUIT while its `destroy()` only half-closes the socket (`stream.end()`): either way a socket to
 * MatrixOne stays open and keeps the Node.js process alive. This ends the write side once everything queued (the
 * QUIT) is flushed, then destroys the socket, which a server that closes by itself (MySQL, MariaDB) makes a no-op.
 */
import type { Duplex } from 'node:stream';

/**
 * Destroys the socket of a mysql2 connection (callback API, as ORMs hold them, or promise API) once what was
 * written to it is flushed. Call it after the connection's `end()` called back (the QUIT is queued on the socket by then), or
 * after mysql2's `destroy()`; on a connection without a socket, or one already closed, it does nothing.
 * Resolves once the socket is closed; never rejects.
 *
 * @example
 * await new Promise((resolve) => connection.end(resolve)); // COM_QUIT queued
 * await destroyAfterQuit(connection); // the socket is gone, even if the server keeps its side open
 */
export function destroyAfterQuit(connection: unknown): Promise<void> {
  const socket = socketOf(connection);
  if (socket === undefined || socket.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    socket.once('close', () => resolve());
    const destroy = () => socket.destroy();
    if (socket.writableFinished) destroy();
    else if (socket.writableEnded) socket.once('finish', destroy);
    // end() sends the FIN after the queued QUIT; its callback runs once both are written out (or writing failed).
    else socket.end(destroy);
  });
}

/** mysql2 keeps a connection's socket in `stream`; a promise-API connection wraps the callback one as `connection`. */
function socketOf(connection: unknown): Duplex | undefined {
  if (typeof connection !== 'object' || connection === null) return undefined;
  const { stream, connection: wrapped } = connection as { stream?: unknown; connection?: unknown };
  if (stream === undefined && wrapped !== undefined) return socketOf(wrapped);
  if (typeof stream !== 'object' || stream === null) return undefined;
  const candidate = stream as Partial<Duplex>;
  return typeof candidate.end === 'function' && typeof candidate.destroy === 'function'
    ? (stream as Duplex)
    : undefined;
}
