import { type ServerFlavor, correctInsertIds } from '@matrixone/core';
import type { Knex } from 'knex';

/** The part of Knex's client patched here: its connection checkout (Knex's own queries and transactions use it). */
interface CheckoutClient {
  acquireConnection: (...args: unknown[]) => Promise<unknown>;
}

const patched = new WeakSet<object>();

/**
 * Makes `insertId` the first id of the statement on every connection Knex hands out, so `knex(table).insert([...])`
 * returns the first row's id on MatrixOne as on MySQL (MatrixOne reports the last id of a multi-row INSERT,
 * observed on MatrixOne 4.2.0). Wraps this Knex instance's `client.acquireConnection` (the instance's own
 * property, not Knex's prototype) so each mysql2 connection goes through `correctInsertIds` before Knex uses it:
 * connections opened before and after the call alike. On other servers nothing changes. Where the first id
 * cannot be known (an upsert that updated a row, a multi-row `INSERT IGNORE`), Knex returns `[0]`. Idempotent.
 */
export function correctKnexInsertIds(knex: Knex, serverFlavor: ServerFlavor | undefined): void {
  const client = knex.client as unknown as CheckoutClient;
  if (patched.has(client)) return;
  patched.add(client);
  const acquire = client.acquireConnection;
  client.acquireConnection = async function (this: unknown, ...args: unknown[]) {
    const connection = await acquire.apply(this, args);
    correctInsertIds(connection, { serverFlavor });
    return connection;
  };
}
