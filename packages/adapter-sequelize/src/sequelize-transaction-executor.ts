import {
  type Row,
  type Statement,
  type StatementResult,
  TransactionError,
  type TransactionalExecutor,
} from '@matrixone/core';
import type { Transaction } from 'sequelize';
import { runOnConnection } from './run-on-connection.js';
import { finishedStateOf, isSequelizeTransactionOpen, lineageOf } from './sequelize-transaction-state.js';

/** The connection a transaction (or a savepoint, through its root) pinned. */
function connectionOf(transaction: Transaction): unknown {
  return (transaction as unknown as { readonly connection?: unknown }).connection;
}

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

  constructor(transaction: Transaction) {
    this.#transaction = transaction;
  }

  isOpen(): boolean {
    return isSequelizeTransactionOpen(this.#transaction);
  }

  run<R = Row>(statement: Statement): Promise<StatementResult<R>> {
    if (!this.isOpen()) {
      return Promise.reject(
        new TransactionError(
          `The Sequelize transaction ${describeClosed(this.#transaction)}: run this statement in an open ` +
            'transaction, or on the client outside any transaction.',
        ),
      );
    }
    return runOnConnection<R>(connectionOf(this.#transaction), statement);
  }
}
