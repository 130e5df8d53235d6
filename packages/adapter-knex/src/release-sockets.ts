/**
 * Makes Knex's own teardown free the sockets it ends. Knex closes a mysql2 connection with `connection.end()`,
 * which only sends `COM_QUIT`; MatrixOne keeps the TCP connection open after it (observed on MatrixOne 4.2.0), so
 * after `knex.destroy()` the process would never exit. The instance's `client.destroyRawConnection` (what Knex's
 * pool calls for every connection it drops or destroys) is wrapped to destroy the socket once the QUIT is flushed.
 * A bound transaction's client is a separate object that does not lead back to the instance's client, so for
 * `matrixone(trx)` the transaction's own connection is patched instead: its `end()` destroys the socket afterwards.
 * Only instances are patched, never a prototype; patching twice does nothing.
 */
import { destroyAfterQuit } from '@matrixone/core';
import type { Knex } from 'knex';

const patched = new WeakSet<object>();

/** mysql2's `connection.end(callback)`, as Knex calls it. */
type EndConnection = (callback?: (...args: unknown[]) => void) => unknown;

/**
 * Frees the sockets Knex ends from now on: every connection of the instance for a Knex instance, the
 * transaction's connection for a Knex transaction.
 */
export function releaseSockets(knexOrTrx: Knex | Knex.Transaction): void {
  const client = knexOrTrx.client as Knex.Client & { transacting?: boolean };
  if (client.transacting === true) {
    // A transaction's client hands out its one connection at once.
    void client.acquireConnection().then(patchEnd, () => undefined);
    return;
  }
  if (patched.has(client)) return;
  patched.add(client);
  const destroyRawConnection = client.destroyRawConnection;
  client.destroyRawConnection = async function (this: Knex.Client, connection: unknown) {
    try {
      return await destroyRawConnection.call(this, connection);
    } finally {
      await destroyAfterQuit(connection);
    }
  };
}

function patchEnd(connection: unknown): void {
  if (typeof connection !== 'object' || connection === null || patched.has(connection)) return;
  const holder = connection as { end?: EndConnection };
  const end = holder.end;
  if (typeof end !== 'function') return;
  patched.add(connection);
  holder.end = function (this: unknown, callback) {
    return end.call(this, (...args: unknown[]) => {
      callback?.(...args);
      // mysql2 calls back just before it writes the QUIT: wait for the write before ending the socket.
      setImmediate(() => void destroyAfterQuit(connection));
    });
  };
}
