/**
 * Ends a mysql2 connection of the harness and frees its socket. MatrixOne does not close the TCP connection after
 * `COM_QUIT` (observed on MatrixOne 4.2.0), so `connection.end()` alone leaves the socket open and the process
 * alive. This is the harness's own copy of what `@matrixone/core`'s `destroyAfterQuit` does: the core's tests
 * depend on this package, so it cannot depend on the core.
 */
import type { Duplex } from 'node:stream';
import type mysql from 'mysql2/promise';

/** Sends `COM_QUIT`, then destroys the socket once the QUIT is written out. Never leaves the socket open. */
export async function endConnection(connection: mysql.Connection): Promise<void> {
  try {
    await connection.end();
  } finally {
    const socket = (connection as unknown as { connection: { stream?: Duplex } }).connection.stream;
    if (socket !== undefined && !socket.destroyed) {
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        // end() flushes the QUIT before the FIN; its callback runs once both are written (or writing failed).
        socket.end(() => socket.destroy());
      });
    }
  }
}
