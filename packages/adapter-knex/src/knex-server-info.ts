import { type ServerFlavor, type ServerInfo, serverInfoSource } from '@matrixone/core';
import type { Knex } from 'knex';
import { knexInstanceKey } from './knex-instance-key.js';
import { KnexTransactionExecutor } from './knex-transaction-executor.js';

/**
 * How a bound Knex transaction learns the server: the forced flavor, or `SELECT version()` on the transaction's
 * own connection (never a second pooled one, which a pool of one would never hand out) the first time a manager
 * asks, then the answer shared by the Knex instance's client and every transaction of it.
 */
export function serverInfoFor(
  trx: Knex.Transaction,
  forcedFlavor?: ServerFlavor,
  queryTimeoutMs?: number,
): () => Promise<ServerInfo> {
  return serverInfoSource(new KnexTransactionExecutor(trx, queryTimeoutMs), {
    sharedBy: knexInstanceKey(trx),
    ...(forcedFlavor !== undefined && { serverFlavor: forcedFlavor }),
  });
}
