/**
 * The core `TransactionalExecutor` over a TypeORM `QueryRunner` that is inside a transaction TypeORM started
 * (by `dataSource.transaction`, `manager.transaction` or `queryRunner.startTransaction`). TypeORM commits and
 * rolls back; this only runs the SDK's statements on the runner's connection while that transaction is open.
 */
import {
  type Row,
  type Statement,
  type StatementResult,
  TransactionError,
  type TransactionalExecutor,
} from '@matrixone/core';
import type { QueryRunner } from 'typeorm';
import { runOnQueryRunner } from './query-runner-statement.js';

/** Runs statements inside one TypeORM transaction and refuses them once that transaction has ended. */
export class QueryRunnerExecutor implements TransactionalExecutor {
  readonly inTransaction = true as const;
  readonly #queryRunner: QueryRunner;
  readonly #queryTimeoutMs: number | undefined;
  #ended = false;

  /** `queryTimeoutMs` limits every statement sent (no limit when `undefined`). */
  constructor(queryRunner: QueryRunner, queryTimeoutMs?: number) {
    this.#queryRunner = queryRunner;
    this.#queryTimeoutMs = queryTimeoutMs;
  }

  /**
   * Open while TypeORM's transaction is active, its runner not released, and no commit or rollback of that
   * transaction has been seen. The last check matters because a runner can start a new transaction after the
   * old one ended: a statement kept from the old one must not slip into the new one.
   */
  isOpen(): boolean {
    return !this.#ended && this.#queryRunner.isTransactionActive && !this.#queryRunner.isReleased;
  }

  /** Marks the transaction as ended; called when TypeORM reports its commit or rollback. */
  end(): void {
    this.#ended = true;
  }

  async run<R = Row>(statement: Statement): Promise<StatementResult<R>> {
    if (!this.isOpen()) {
      throw new TransactionError(
        'The TypeORM transaction this SDK transaction was bound to has ended (committed, rolled back or its ' +
          'query runner released). Bind the SDK to the transaction you are in: matrixone(manager) inside ' +
          'dataSource.transaction(...), or use the client outside a transaction.',
      );
    }
    return runOnQueryRunner<R>(this.#queryRunner, statement, this.#queryTimeoutMs);
  }
}
