/**
 * TypeORM's commit signal, and a guard for nested transactions whose savepoint rollback failed.
 *
 * TypeORM has no per-transaction hook; it broadcasts `afterTransactionCommit` and `afterTransactionRollback` to
 * the DataSource's subscribers, also for RELEASE / ROLLBACK TO SAVEPOINT of a nested transaction. The real end
 * of a transaction is the broadcast after which the runner's `isTransactionActive` is false (TypeORM clears it
 * on COMMIT and ROLLBACK, not on savepoints).
 *
 * When `ROLLBACK TO SAVEPOINT` fails (always on MatrixOne, which cannot roll back to a savepoint), TypeORM's
 * `manager.transaction` swallows the failure and keeps counting the savepoint as open: its next "commit" would
 * send RELEASE SAVEPOINT instead of COMMIT and hand the connection back to the pool with the transaction still
 * open. For a bound transaction the guard refuses that commit: it rolls the whole transaction back and fails
 * with a TransactionError.
 *
 * One subscriber object per DataSource is added to `dataSource.subscribers` the first time a transaction of
 * that DataSource is bound; TypeORM reads that array at every broadcast, so no decorator or restart is needed.
 */
import { toMatrixOneError } from '@matrixone/core';
import { attachFailure, isRollbackToSavepoint, savepointRollbackFailure } from '@matrixone/core/adapter';
import type {
  DataSource,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import { dataSourceOf } from './data-source-of.js';

/**
 * The event of a subscriber's `afterQuery`. Derived rather than imported: TypeORM 0.3 does not export
 * `AfterQueryEvent` from its root (1.x does).
 */
type AfterQueryEvent = Parameters<NonNullable<EntitySubscriberInterface['afterQuery']>>[0];

/** How a TypeORM transaction ended. */
export type TransactionOutcome = 'commit' | 'rollback';

/** What to do when a watched runner's transaction ends; TypeORM awaits the returned promise. */
export type TransactionEndListener = (outcome: TransactionOutcome) => void | Promise<void>;

interface Watch {
  readonly onEnd: TransactionEndListener;
  /** Why the SDK's side says the transaction can only roll back (the core's `BoundTransaction.rollbackOnly`). */
  readonly rollbackOnly: () => Error | undefined;
  /** The error of a failed ROLLBACK TO SAVEPOINT: the transaction can only be rolled back as a whole. */
  savepointRollbackError?: unknown;
}

const watches = new WeakMap<QueryRunner, Watch>();
const watchedDataSources = new WeakSet<DataSource>();

function transactionEnded(queryRunner: QueryRunner, outcome: TransactionOutcome): void | Promise<void> {
  if (queryRunner.isTransactionActive) return;
  const watch = watches.get(queryRunner);
  if (!watch) return;
  watches.delete(queryRunner);
  return watch.onEnd(outcome);
}

function savepointRollbackFailed(event: AfterQueryEvent): void {
  if (event.success || !event.queryRunner || !isRollbackToSavepoint(event.query)) return;
  const watch = watches.get(event.queryRunner);
  if (watch) watch.savepointRollbackError ??= event.error;
}

/**
 * Before TypeORM commits or rolls back a transaction whose savepoint rollback failed, or commits one the SDK
 * must roll back (an SDK nested transaction could not roll back to its savepoint, or the server ended the whole
 * transaction): sends a full ROLLBACK, runs the afterRollback hooks, and throws, so that TypeORM neither
 * "commits" with a RELEASE SAVEPOINT or a COMMIT nor releases a connection that is still inside the transaction.
 */
async function refuseRollbackOnly(queryRunner: QueryRunner, ending: TransactionOutcome): Promise<void> {
  const watch = watches.get(queryRunner);
  if (!watch) return;
  // The SDK's own reason first: it names what happened (its nested transaction, or the server's rollback).
  const failure =
    (ending === 'commit' ? watch.rollbackOnly() : undefined) ??
    (watch.savepointRollbackError === undefined
      ? undefined
      : savepointRollbackFailure(watch.savepointRollbackError));
  if (failure === undefined) return;
  watches.delete(queryRunner);
  let thrown: unknown = failure;
  try {
    await queryRunner.query('ROLLBACK');
  } catch (error) {
    thrown = attachFailure(thrown, 'rollbackError', toMatrixOneError(error, { sql: 'ROLLBACK' }));
  }
  try {
    await watch.onEnd('rollback');
  } catch (error) {
    thrown = attachFailure(thrown, 'hookError', error);
  }
  throw thrown;
}

const subscriber: EntitySubscriberInterface = {
  afterQuery: (event: AfterQueryEvent) => savepointRollbackFailed(event),
  beforeTransactionCommit: (event: TransactionCommitEvent) => refuseRollbackOnly(event.queryRunner, 'commit'),
  beforeTransactionRollback: (event: TransactionRollbackEvent) =>
    refuseRollbackOnly(event.queryRunner, 'rollback'),
  afterTransactionCommit: (event: TransactionCommitEvent) => transactionEnded(event.queryRunner, 'commit'),
  afterTransactionRollback: (event: TransactionRollbackEvent) =>
    transactionEnded(event.queryRunner, 'rollback'),
};

/**
 * Calls `listener` once, when the transaction now open on `queryRunner` commits or rolls back (savepoints do
 * not count), and guards that transaction against a commit after a failed savepoint rollback or while
 * `rollbackOnly()` returns an error. A rejected promise from the listener makes TypeORM's `commitTransaction()`
 * / `rollbackTransaction()` reject with it, after the COMMIT or ROLLBACK itself.
 */
export function onTransactionEnd(
  queryRunner: QueryRunner,
  listener: TransactionEndListener,
  rollbackOnly: () => Error | undefined,
): void {
  const dataSource = dataSourceOf(queryRunner);
  if (!watchedDataSources.has(dataSource)) {
    watchedDataSources.add(dataSource);
    dataSource.subscribers.push(subscriber);
  }
  watches.set(queryRunner, { onEnd: listener, rollbackOnly });
}
