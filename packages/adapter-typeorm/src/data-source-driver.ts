/**
 * The core `SqlDriver` over a TypeORM `DataSource`: every statement borrows a query runner from TypeORM's own
 * pool (there is never a second pool), and closing the driver leaves the DataSource alone.
 */
import {
  InvalidInputError,
  type Row,
  type SqlDriver,
  type Statement,
  type StatementResult,
  type TransactionConnection,
  type TransactionOptions,
  toMatrixOneError,
} from '@matrixone/core';
import type { DataSource } from 'typeorm';
import { QueryRunnerConnection } from './query-runner-connection.js';
import { boundValues, runOnQueryRunner } from './query-runner-statement.js';

/** What `queryRunner.connect()` resolves to for the mysql driver: a pooled mysql2 connection. */
interface PausableConnection {
  resume?(): void;
}

/** Runs the SDK client's statements on a TypeORM DataSource's pool. */
export class DataSourceDriver implements SqlDriver {
  readonly inTransaction = false as const;
  readonly #dataSource: DataSource;
  readonly #queryTimeoutMs: number | undefined;

  /** `queryTimeoutMs` limits every statement run (no limit when `undefined`); row streams have no limit. */
  constructor(dataSource: DataSource, queryTimeoutMs?: number) {
    this.#dataSource = dataSource;
    this.#queryTimeoutMs = queryTimeoutMs;
  }

  async run<R = Row>(statement: Statement): Promise<StatementResult<R>> {
    const queryRunner = this.#dataSource.createQueryRunner();
    try {
      return await runOnQueryRunner<R>(queryRunner, statement, this.#queryTimeoutMs);
    } finally {
      await queryRunner.release();
    }
  }

  /**
   * Checks out a query runner and starts a transaction with TypeORM's `startTransaction`. TypeORM cannot start
   * a READ ONLY transaction, so `readOnly` is refused rather than ignored.
   */
  async begin(options: TransactionOptions = {}): Promise<TransactionConnection> {
    if (options.readOnly) {
      throw new InvalidInputError(
        'readOnly',
        'TypeORM starts transactions with a plain START TRANSACTION and cannot make them READ ONLY; ' +
          'leave readOnly unset.',
      );
    }
    const queryRunner = this.#dataSource.createQueryRunner();
    try {
      await queryRunner.connect();
      await queryRunner.startTransaction(options.isolationLevel);
    } catch (error) {
      await queryRunner.release();
      throw toMatrixOneError(error, { sql: 'START TRANSACTION' });
    }
    return new QueryRunnerConnection(queryRunner, this.#queryTimeoutMs);
  }

  /**
   * Streams rows from one pooled connection. When the consumer stops early, the rest of the result is read and
   * dropped before the connection goes back to the pool: mysql2 pauses a connection whose stream is not being
   * read, and a paused connection would block its next user.
   */
  async *stream<R = Row>(statement: Statement): AsyncIterable<R> {
    const queryRunner = this.#dataSource.createQueryRunner();
    let connection: PausableConnection | undefined;
    try {
      connection = await queryRunner.connect();
      const rows = await queryRunner.stream(statement.sql, boundValues(statement));
      for await (const row of rows) yield row as R;
    } catch (error) {
      throw toMatrixOneError(error, statement);
    } finally {
      connection?.resume?.();
      await queryRunner.release();
    }
  }

  /** Does nothing: the pool belongs to the DataSource, which the application destroys. */
  async close(): Promise<void> {}
}
