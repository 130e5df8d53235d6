import {
  type Row,
  type Statement,
  type StatementResult,
  TransactionError,
  type TransactionalExecutor,
} from '@matrixone/core';
import type { Knex } from 'knex';
import { runRaw } from './run-raw.js';

/**
 * Runs the SDK's statements on a Knex transaction's connection, through `trx.raw`.
 * Knex keeps a finished transaction pointing at its connection, and the pool may already have handed that
 * connection to someone else's transaction, so every statement first checks that `trx` is still open.
 */
export class KnexTransactionExecutor implements TransactionalExecutor {
  readonly inTransaction = true as const;
  readonly #trx: Knex.Transaction;
  readonly #queryTimeoutMs: number | undefined;

  /** `queryTimeoutMs` limits every statement sent (no limit when `undefined`). */
  constructor(trx: Knex.Transaction, queryTimeoutMs?: number) {
    this.#trx = trx;
    this.#queryTimeoutMs = queryTimeoutMs;
  }

  /** False once Knex has sent COMMIT or ROLLBACK for this transaction or any transaction around it. */
  isOpen(): boolean {
    return !this.#trx.isCompleted();
  }

  /** Runs one statement inside the transaction; refuses with {@link TransactionError} once it has ended. */
  async run<R = Row>(statement: Statement): Promise<StatementResult<R>> {
    if (!this.isOpen()) {
      throw new TransactionError(
        'The Knex transaction this SDK transaction is bound to has already committed or rolled back, so the ' +
          'statement was not sent. Run it inside an open transaction, or on the client.',
      );
    }
    return runRaw<R>(this.#trx, statement, this.#queryTimeoutMs);
  }
}
