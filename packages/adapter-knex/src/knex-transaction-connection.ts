import { type TransactionConnection, toMatrixOneError } from '@matrixone/core';
import type { Knex } from 'knex';
import { KnexTransactionExecutor } from './knex-transaction-executor.js';

/**
 * A transaction the SDK owns, opened on the Knex pool (`knex.transaction()` without a callback). Knex sends
 * BEGIN, COMMIT and ROLLBACK and gives the connection back to its pool once the transaction has ended.
 */
export class KnexTransactionConnection extends KnexTransactionExecutor implements TransactionConnection {
  readonly #trx: Knex.Transaction;

  /** `queryTimeoutMs` limits every SDK statement sent in the transaction (no limit when `undefined`). */
  constructor(trx: Knex.Transaction, queryTimeoutMs?: number) {
    super(trx, queryTimeoutMs);
    this.#trx = trx;
  }

  /**
   * Sends COMMIT. Knex's own `commit()` resolves even when COMMIT fails and reports the failure through
   * `executionPromise` instead, so that is what decides the outcome here.
   */
  async commit(): Promise<void> {
    await this.#trx.commit();
    await this.#outcome();
  }

  /** Sends ROLLBACK. */
  async rollback(): Promise<void> {
    await this.#trx.rollback();
    await this.#outcome();
  }

  /**
   * Ends the transaction if it is still open (ROLLBACK), which returns the connection to the Knex pool.
   * Knex decides itself whether the connection is still usable; `error` is not needed for that.
   */
  async release(_error?: unknown): Promise<void> {
    if (!this.#trx.isCompleted()) await this.#trx.rollback();
    await this.#trx.executionPromise.then(
      () => undefined,
      () => undefined,
    );
  }

  async #outcome(): Promise<void> {
    try {
      await this.#trx.executionPromise;
    } catch (error) {
      throw toMatrixOneError(error);
    }
  }
}
