/**
 * A transaction the SDK itself owns, on a query runner checked out of TypeORM's pool: what the core client
 * uses when it needs a connection of its own (the `TransactionConnection` returned by the driver's `begin`).
 */
import {
  type Row,
  type Statement,
  type StatementResult,
  type TransactionConnection,
  toMatrixOneError,
} from '@matrixone/core';
import type { QueryRunner } from 'typeorm';
import { QueryRunnerExecutor } from './query-runner-executor.js';

/** Commits, rolls back and releases through TypeORM's own query runner methods. */
export class QueryRunnerConnection implements TransactionConnection {
  readonly inTransaction = true as const;
  readonly #queryRunner: QueryRunner;
  readonly #executor: QueryRunnerExecutor;

  /** `queryTimeoutMs` limits every SDK statement sent in the transaction (no limit when `undefined`). */
  constructor(queryRunner: QueryRunner, queryTimeoutMs?: number) {
    this.#queryRunner = queryRunner;
    this.#executor = new QueryRunnerExecutor(queryRunner, queryTimeoutMs);
  }

  isOpen(): boolean {
    return this.#executor.isOpen();
  }

  run<R = Row>(statement: Statement): Promise<StatementResult<R>> {
    return this.#executor.run<R>(statement);
  }

  async commit(): Promise<void> {
    try {
      await this.#queryRunner.commitTransaction();
    } catch (error) {
      throw toMatrixOneError(error, { sql: 'COMMIT' });
    }
  }

  async rollback(): Promise<void> {
    try {
      await this.#queryRunner.rollbackTransaction();
    } catch (error) {
      throw toMatrixOneError(error, { sql: 'ROLLBACK' });
    }
  }

  /**
   * Gives the connection back to TypeORM's pool. TypeORM has no way to discard a pooled connection, so the
   * error is not used; mysql2 drops connections that failed fatally by itself.
   */
  async release(): Promise<void> {
    await this.#queryRunner.release();
  }
}
