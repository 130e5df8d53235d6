/**
 * Freeing the socket of one mysql2 connection when it is ended: its `end()` only sends COM_QUIT, which MatrixOne
 * answers by keeping the socket open (see `destroyAfterQuit`).
 */
import { destroyAfterQuit } from '../connection/destroy-after-quit.js';

/** A connection with mysql2's callback-style `end()`. */
interface Endable {
  end(callback?: (...args: unknown[]) => void): unknown;
}

/**
 * Patches the `end()` of a mysql2 callback-API connection so that its socket is destroyed once the QUIT is
 * written, whoever ends it (the ORM's teardown of a transaction's connection, say). Does nothing for a value
 * without an `end()`.
 *
 * @example
 * void client.acquireConnection().then((connection) => releaseAfterEnd(connection));
 */
export function releaseAfterEnd(connection: unknown): void {
  const holder = connection as Partial<Endable> | null | undefined;
  const end = holder?.end;
  if (typeof end !== 'function') return;
  (holder as Endable).end = function (this: unknown, callback) {
    return end.call(this, (...args: unknown[]) => {
      // mysql2 calls back just before it writes the QUIT: wait for the write.
      setImmediate(() => void destroyAfterQuit(connection));
      callback?.(...args);
    });
  };
}
