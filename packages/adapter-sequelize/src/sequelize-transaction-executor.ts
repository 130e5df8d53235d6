import {
  ErrorKind,
  type Row,
  type Statement,
  type StatementResult,
  TransactionError,
  type TransactionalExecutor,
  isMatrixOneErrorOfKind,
} from '@matrixone/core';
import { attachFailure, endsWholeTransaction } from '@matrixone/core/adapter';
import type { Transaction } from 'sequelize';
import { runOnConnection } from './run-on-connection.js';
import {
  connectionOf,
  finishedStateOf,
  isSequelizeTransactionOpen,
  lineageOf,
  rootOf,
} from './sequelize-transaction-state.js';

function describeClosed(transaction: Transaction): string {
  const ended = lineageOf(transaction).find((member) => finishedStateOf(member) !== undefined);
  if (ended === undefined) return 'has not begun';
  const state = finishedStateOf(ended) === 'commit' ? 'committed' : 'rolled back';
  return ended === transaction ? `was ${state}` : `belongs to a transaction that was ${state}`;
}

/**
 * Runs SDK statements on the connection a Sequelize transaction pinned, so they join that transaction.
 * Sequelize begins, commits and rolls back; this executor only sends statements, and refuses to once the
 * transaction (or one enclosing it) has ended: Sequelize keeps the connection reference after the end, and
 * a statement sent on it would run in autocommit mode or inside someone else's transaction.
 */
export class SequelizeTransactionExecutor implements TransactionalExecutor {
  readonly inTransaction = true as const;
  readonly #transaction: Transaction;
  readonly #queryTimeoutMs: number | undefined;

  /** `queryTimeoutMs` limits every statement sent (no limit when `undefined`). */
  constructor(transaction: Transaction, queryTimeoutMs?: number) {
    this.#transaction = transaction;
    this.#queryTimeoutMs = queryTimeoutMs;
  }

  isOpen(): boolean {
    return isSequelizeTransactionOpen(this.#transaction);
  }

  async run<R = Row>(statement: Statement): Promise<StatementResult<R>> {
    if (!this.isOpen()) {
      throw new TransactionError(
        `The Sequelize transaction ${describeClosed(this.#transaction)}: run this statement in an open ` +
          'transaction, or on the client outside any transaction.',
      );
    }
    try {
      return await runOnConnection<R>(connectionOf(this.#transaction), statement, this.#queryTimeoutMs);
    } catch (error) {
      throw await this.#afterFailure(error);
    }
  }

  /**
   * After a deadlock (and the other failures the core's `endsWholeTransaction` lists, a lock-wait timeout
   * included) the server has rolled the transaction back. Sequelize reacts to a deadlock on its own statements by rolling back its transaction object; the
   * same is done here for the SDK's statements, so the application's next model call fails instead of
   * running in autocommit mode.
   */
  async #afterFailure(error: unknown): Promise<unknown> {
    if (!endsWholeTransaction(error)) return error;
    try {
      await rootOf(this.#transaction).rollback();
    } catch (rollbackError) {
      const key = isMatrixOneErrorOfKind(rollbackError, ErrorKind.Hook) ? 'hookError' : 'rollbackError';
      return attachFailure(error, key, rollbackError);
    }
    return error;
  }
}
