import {
  AdapterClient,
  QueryEvents,
  type ServerFlavor,
  type TransactionOptions,
  assertReadOnlyEnforced,
  sharedQueryEvents,
  validQueryTimeout,
} from '@matrixone/core';
import type { Knex } from 'knex';
import { type TransactionBody, finishKnexTransaction } from './finish-transaction.js';
import { correctKnexInsertIds } from './insert-ids.js';
import { type KnexBinding, bindKnexTransaction, claimHookFailures } from './knex-binding.js';
import { KnexDriver, knexTransactionConfig } from './knex-driver.js';
import { knexInstanceKey } from './knex-instance-key.js';
import { serverInfoFor } from './knex-server-info.js';
import type { KnexTransactionContext, MatrixOneKnexClient, MatrixOneKnexOptions } from './types.js';

/** Builds the SDK client over `knex`'s own pool. */
export function createKnexClient(knex: Knex, options: MatrixOneKnexOptions = {}): MatrixOneKnexClient {
  correctKnexInsertIds(knex, options.serverFlavor);
  return new KnexClient(knex, options);
}

/** The core's adapter client on Knex's pool, with `transaction()` running a Knex-managed transaction. */
class KnexClient extends AdapterClient implements MatrixOneKnexClient {
  readonly knex: Knex;
  readonly #serverFlavor: ServerFlavor | undefined;
  readonly #queryTimeoutMs: number | undefined;

  constructor(knex: Knex, options: MatrixOneKnexOptions) {
    const queryTimeoutMs = validQueryTimeout(options.queryTimeoutMs);
    super(new KnexDriver(knex, queryTimeoutMs), {
      events: new QueryEvents(options.logger),
      forwardFrom: sharedQueryEvents(knexInstanceKey(knex)),
      serverInfoSharedBy: knexInstanceKey(knex),
      ...(options.serverFlavor !== undefined && { serverFlavor: options.serverFlavor }),
    });
    this.knex = knex;
    this.#serverFlavor = options.serverFlavor;
    this.#queryTimeoutMs = queryTimeoutMs;
  }

  async transaction<T>(
    fn: (context: KnexTransactionContext) => Promise<T>,
    options?: TransactionOptions,
  ): Promise<T> {
    this.assertOpen();
    // MatrixOne refuses `SET TRANSACTION READ ONLY` (what Knex sends for `readOnly`): refuse before starting.
    if (options?.readOnly === true) assertReadOnlyEnforced(await this.core.serverInfo());
    let binding: KnexBinding | undefined;
    const body: TransactionBody = { failed: false };
    const run = this.knex.transaction(async (trx) => {
      binding = bindKnexTransaction(trx, {
        serverInfo: serverInfoFor(trx, this.#serverFlavor, this.#queryTimeoutMs),
        events: this.events,
        queryTimeoutMs: this.#queryTimeoutMs,
      });
      claimHookFailures(binding);
      try {
        return await fn({ trx, mo: binding.tx });
      } catch (error) {
        body.failed = true;
        body.error = error;
        throw error;
      }
    }, knexTransactionConfig(options));
    return finishKnexTransaction(run, () => binding, body);
  }
}
