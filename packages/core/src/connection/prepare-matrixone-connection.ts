/**
 * The one entry the adapter kit calls on every mysql2 connection an ORM hands out (`prepareConnections`): what a
 * connection to MatrixOne needs so that the ORM's own APIs work there as on MySQL, or fail with a typed error —
 * for models, entities and queries that never touch the SDK. Each concern is a module of its own, and they tell
 * the server once between them (`connection-server.ts`: at most one `SELECT version()` per connection):
 * - insert ids of multi-row INSERTs (`matrixone-insert-ids.ts`);
 * - nested-transaction rollbacks, statements refused before sending, upserts on key columns, MySQL error codes,
 *   and transactions left open on a connection handed out again (`matrixone/guard-matrixone-connection.ts`).
 * On other servers nothing is changed.
 */
import { type InsertIdCorrectionOptions, correctInsertIds } from './matrixone-insert-ids.js';
import { guardMatrixOneConnection, settleCheckout } from './matrixone/guard-matrixone-connection.js';

/** Options of {@link prepareMatrixOneConnection}: the server flavor if forced, and how the ORM reads insert ids. */
export type MatrixOneConnectionOptions = InsertIdCorrectionOptions;

/**
 * Prepares `connection` (a mysql2 connection, callback or promise API) for MatrixOne the first time it is seen,
 * and, every time, rolls back a transaction a previous user left open on it. Call it each time the connection is
 * handed out, before the ORM uses it.
 *
 * @example
 * binding.prepareConnections(orm, (connection) => prepareMatrixOneConnection(connection, { rowIds: 'consecutive' }));
 */
export function prepareMatrixOneConnection(
  connection: unknown,
  options: MatrixOneConnectionOptions = {},
): void {
  correctInsertIds(connection, options);
  guardMatrixOneConnection(connection, options);
  settleCheckout(connection);
}
