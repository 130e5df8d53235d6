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
import type { Sequelize, Transaction } from 'sequelize';
import { acquireConnection } from './acquire-connection.js';
import { runOnConnection } from './run-on-connection.js';
import { SequelizeTransactionConnection } from './sequelize-transaction-connection.js';
import { streamOnConnection } from './stream-on-connection.js';

/**
 * The SDK's connection source over Sequelize's own pool: each statement borrows a pooled connection and
 * gives it back, and `begin` starts an unmanaged Sequelize transaction. There is never a second pool, and
 * closing the driver leaves Sequelize open (the application owns it).
 */
export class SequelizeDriver implements SqlDriver {
  readonly inTransaction = false as const;
  readonly #sequelize: Sequelize;
  readonly #queryTimeoutMs: number | undefined;

  /** `queryTimeoutMs` limits every statement run (no limit when `undefined`); row streams have no limit. */
  constructor(sequelize: Sequelize, queryTimeoutMs?: number) {
    this.#sequelize = sequelize;
    this.#queryTimeoutMs = queryTimeoutMs;
  }

  async run<R = Row>(statement: Statement): Promise<StatementResult<R>> {
    const manager = this.#sequelize.connectionManager;
    let connection: object;
    try {
      connection = await acquireConnection(manager, { type: 'write' });
    } catch (error) {
      throw toMatrixOneError(error, statement);
    }
    try {
      return await runOnConnection<R>(connection, statement, this.#queryTimeoutMs);
    } finally {
      manager.releaseConnection(connection);
    }
  }

  /**
   * Streams a query's rows from one pooled connection; the connection goes back to the pool after the last
   * row, and is destroyed when the loop stops early (mysql2 would otherwise keep sending the rest).
   */
  async *stream<R = Row>(statement: Statement): AsyncGenerator<R> {
    const manager = this.#sequelize.connectionManager;
    let connection: object;
    try {
      connection = await acquireConnection(manager, { type: 'write' });
    } catch (error) {
      throw toMatrixOneError(error, statement);
    }
    yield* streamOnConnection<R>(connection, statement, async (complete) => {
      if (complete) manager.releaseConnection(connection);
      else await manager.destroyConnection(connection);
    });
  }

  /**
   * Begins an unmanaged Sequelize transaction: always a root transaction (`transaction: null`), and one that
   * Sequelize does not put in its CLS namespace.
   */
  async begin(options: TransactionOptions = {}): Promise<TransactionConnection> {
    if (options.readOnly) {
      throw new InvalidInputError(
        'readOnly',
        'Sequelize cannot start a READ ONLY transaction (its `readOnly` option only picks a read replica).',
      );
    }
    try {
      const transaction = await this.#sequelize.transaction({
        transaction: null,
        ...(options.isolationLevel !== undefined && {
          isolationLevel: options.isolationLevel as Transaction.ISOLATION_LEVELS,
        }),
      });
      return new SequelizeTransactionConnection(transaction, this.#queryTimeoutMs);
    } catch (error) {
      throw toMatrixOneError(error);
    }
  }

  /** Does nothing: the pool belongs to Sequelize; call `sequelize.close()` to close it. */
  async close(): Promise<void> {}
}
