/**
 * Binds the core `Transaction` to a TypeORM transaction: statements run on the transaction's query runner, and
 * `afterCommit` / `afterRollback` hooks run when TypeORM reports the real COMMIT or ROLLBACK.
 * A query runner has at most one binding at a time, so binding the same transaction twice (or from a nested
 * `manager.transaction`) gives the same `Transaction` and one set of hooks.
 */
import { type ServerFlavor, type Transaction, TransactionError } from '@matrixone/core';
import {
  type BoundTransaction,
  type QueryEvents,
  bindTransaction,
  serverInfoSource,
} from '@matrixone/core/adapter';
import type { QueryRunner } from 'typeorm';
import { type TransactionOutcome, onTransactionEnd } from './commit-signal.js';
import { dataSourceOf } from './data-source-of.js';
import { QueryRunnerExecutor } from './query-runner-executor.js';

/** What a binding reports to and how it detects the server. */
export interface QueryRunnerBindOptions {
  /** Query events of the bound transaction go here (the client's, when the client started the transaction). */
  readonly events: QueryEvents;
  /** Forces the server flavor instead of reading `SELECT version()`. */
  readonly serverFlavor?: ServerFlavor;
  /** Limits every SDK statement of the transaction, in milliseconds; no limit when `undefined`. */
  readonly queryTimeoutMs?: number | undefined;
}

const bindings = new WeakMap<QueryRunner, Transaction>();

/**
 * Throws a `TransactionError` unless `queryRunner` is inside an open transaction: the SDK never falls back to
 * autocommit when the caller meant to be in a transaction.
 */
function assertInTransaction(queryRunner: QueryRunner): void {
  if (queryRunner.isReleased) {
    throw new TransactionError('The TypeORM query runner was released: its transaction is over.');
  }
  if (!queryRunner.isTransactionActive) {
    throw new TransactionError(
      'The TypeORM query runner has no open transaction. Call queryRunner.startTransaction() first, or use the ' +
        'manager that dataSource.transaction(...) hands you.',
    );
  }
}

function bind(
  queryRunner: QueryRunner,
  options: QueryRunnerBindOptions,
  onEnd: (outcome: TransactionOutcome, bound: BoundTransaction) => void | Promise<void>,
): BoundTransaction {
  assertInTransaction(queryRunner);
  const executor = new QueryRunnerExecutor(queryRunner, options.queryTimeoutMs);
  const bound = bindTransaction(executor, {
    events: options.events,
    // Detection runs on the transaction's own connection: asking the pool instead could wait forever for a
    // connection while every pooled one is held by a transaction waiting for the answer.
    serverInfo: serverInfoSource(executor, {
      sharedBy: dataSourceOf(queryRunner),
      ...(options.serverFlavor !== undefined && { serverFlavor: options.serverFlavor }),
    }),
  });
  bindings.set(queryRunner, bound.tx);
  onTransactionEnd(
    queryRunner,
    (outcome) => {
      executor.end();
      bindings.delete(queryRunner);
      return onEnd(outcome, bound);
    },
    () => bound.rollbackOnly,
  );
  return bound;
}

/**
 * The core `Transaction` bound to the transaction open on `queryRunner`, or the one already bound to it.
 * Its hooks run inside TypeORM's `commitTransaction()` / `rollbackTransaction()` right after the COMMIT or
 * ROLLBACK, while the runner still holds its connection; a failing hook makes that call reject with a
 * `HookError` (the commit stands).
 */
export function bindQueryRunner(queryRunner: QueryRunner, options: QueryRunnerBindOptions): Transaction {
  const existing = bindings.get(queryRunner);
  if (existing?.isOpen()) return existing;
  return bind(queryRunner, options, (outcome, bound) => bound.settle(outcome)).tx;
}

/** A binding whose hooks its creator runs, once TypeORM has finished with the transaction and its connection. */
export interface DeferredBinding extends BoundTransaction {
  /** How TypeORM ended the transaction; `undefined` until it reported a COMMIT or ROLLBACK. */
  outcome(): TransactionOutcome | undefined;
}

/**
 * Binds like {@link bindQueryRunner} but only records how the transaction ended, so that the hooks can run
 * after TypeORM released the connection (a hook using the client then never waits for the connection the
 * transaction still holds).
 */
export function bindQueryRunnerDeferred(
  queryRunner: QueryRunner,
  options: QueryRunnerBindOptions,
): DeferredBinding {
  let ended: TransactionOutcome | undefined;
  const bound = bind(queryRunner, options, (outcome) => {
    ended = outcome;
  });
  return {
    tx: bound.tx,
    settle: (outcome) => bound.settle(outcome),
    get rollbackOnly() {
      return bound.rollbackOnly;
    },
    get endedByServer() {
      return bound.endedByServer;
    },
    outcome: () => ended,
  };
}
