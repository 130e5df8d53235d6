import {
  IsolationLevel,
  type Row,
  type SqlDriver,
  type Statement,
  type StatementResult,
  type TransactionConnection,
  type TransactionOptions,
  toMatrixOneError,
} from '@matrixone/core';
import type { Knex } from 'knex';
import { KnexTransactionConnection } from './knex-transaction-connection.js';
import { rawQuery, runRaw } from './run-raw.js';

const KNEX_ISOLATION_LEVELS: Record<IsolationLevel, Knex.IsolationLevels> = {
  [IsolationLevel.ReadUncommitted]: 'read uncommitted',
  [IsolationLevel.ReadCommitted]: 'read committed',
  [IsolationLevel.RepeatableRead]: 'repeatable read',
  [IsolationLevel.Serializable]: 'serializable',
};

/** The Knex transaction settings matching the core's transaction options. */
export function knexTransactionConfig(options: TransactionOptions = {}): Knex.TransactionConfig {
  return {
    ...(options.isolationLevel ? { isolationLevel: KNEX_ISOLATION_LEVELS[options.isolationLevel] } : {}),
    ...(options.readOnly ? { readOnly: true } : {}),
  };
}

/**
 * The core's `SqlDriver` over a Knex instance's own pool: statements go through `knex.raw`, transactions
 * through `knex.transaction()`, streams through Knex's query streams. There is no second pool; closing the
 * driver leaves the Knex instance (and its pool) to its owner.
 */
export class KnexDriver implements SqlDriver {
  readonly inTransaction = false as const;
  readonly #knex: Knex;
  readonly #queryTimeoutMs: number | undefined;

  /** `queryTimeoutMs` limits every statement run (no limit when `undefined`); row streams have no limit. */
  constructor(knex: Knex, queryTimeoutMs?: number) {
    this.#knex = knex;
    this.#queryTimeoutMs = queryTimeoutMs;
  }

  /** Runs one statement on a pooled connection. */
  run<R = Row>(statement: Statement): Promise<StatementResult<R>> {
    return runRaw<R>(this.#knex, statement, this.#queryTimeoutMs);
  }

  /** Checks out a connection from the Knex pool and sends BEGIN (with the isolation level, when given). */
  async begin(options?: TransactionOptions): Promise<TransactionConnection> {
    try {
      const trx = await this.#knex.transaction(knexTransactionConfig(options));
      return new KnexTransactionConnection(trx, this.#queryTimeoutMs);
    } catch (error) {
      throw toMatrixOneError(error);
    }
  }

  /** Streams a query's rows from one pooled connection; Knex returns the connection when the stream closes. */
  async *stream<R = Row>(statement: Statement): AsyncIterable<R> {
    const query = rawQuery(this.#knex, statement);
    try {
      for await (const row of query.stream()) yield row as R;
    } catch (error) {
      throw toMatrixOneError(error, statement);
    }
  }

  /** Does nothing: the pool belongs to the Knex instance (`knex.destroy()` closes it). */
  async close(): Promise<void> {}
}
