import { type TransactionConnection, toMatrixOneError } from '@matrixone/core';
import type { Transaction } from 'sequelize';
import { SequelizeTransactionExecutor } from './sequelize-transaction-executor.js';
import { finishedStateOf, isSequelizeTransactionOpen } from './sequelize-transaction-state.js';

/**
 * A transaction the SDK began through Sequelize (an unmanaged `sequelize.transaction()`), so it can end it.
 * Sequelize gives the connection back to its pool on COMMIT or ROLLBACK, and destroys it when either fails.
 */
export class SequelizeTransactionConnection
  extends SequelizeTransactionExecutor
  implements TransactionConnection
{
  readonly #transaction: Transaction;

  /** `queryTimeoutMs` limits every SDK statement sent in the transaction (no limit when `undefined`). */
  constructor(transaction: Transaction, queryTimeoutMs?: number) {
    super(transaction, queryTimeoutMs);
    this.#transaction = transaction;
  }

  async commit(): Promise<void> {
    try {
      await this.#transaction.commit();
    } catch (error) {
      throw toMatrixOneError(error);
    }
  }

  /** Sends ROLLBACK; does nothing when Sequelize already rolled back (after a deadlock, say). */
  async rollback(): Promise<void> {
    if (finishedStateOf(this.#transaction) === 'rollback') return;
    try {
      await this.#transaction.rollback();
    } catch (error) {
      throw toMatrixOneError(error);
    }
  }

  /** Rolls back a transaction that neither committed nor rolled back, which returns its connection. */
  async release(): Promise<void> {
    if (isSequelizeTransactionOpen(this.#transaction)) await this.rollback();
  }
}
