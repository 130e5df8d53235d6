/**
 * Makes Sequelize's own teardown free the sockets it ends. Sequelize's mysql dialect closes a connection with
 * mysql2's `connection.end()`, which only sends `COM_QUIT` (and skips connections mysql2 already half-closed with
 * `destroy()`); MatrixOne keeps the TCP connection open after it (observed on MatrixOne 4.2.0), so after
 * `sequelize.close()` the process would never exit. A named `afterDisconnect` hook, Sequelize's public hook for
 * every connection its pool lets go, destroys the socket once the QUIT is flushed. Added once per instance.
 */
import { destroyAfterQuit } from '@matrixone/core';
import type { Sequelize } from 'sequelize';

const HOOK_NAME = 'matrixone:release-socket';
const hooked = new WeakSet<Sequelize>();

/** Frees, from now on, the socket of every connection `sequelize` disconnects (idle, broken or at `close()`). */
export function releaseSockets(sequelize: Sequelize): void {
  if (hooked.has(sequelize)) return;
  hooked.add(sequelize);
  sequelize.addHook('afterDisconnect', HOOK_NAME, (connection: unknown) => destroyAfterQuit(connection));
}
