/**
 * TypeORM's commit signal. TypeORM has no per-transaction hook; it broadcasts `afterTransactionCommit` and
 * `afterTransactionRollback` to the DataSource's subscribers, also for RELEASE / ROLLBACK TO SAVEPOINT of a
 * nested transaction. The real end of a transaction is the broadcast after which the runner's
 * `isTransactionActive` is false (TypeORM clears it on COMMIT and ROLLBACK, not on savepoints).
 *
 * One subscriber object per DataSource is added to `dataSource.subscribers` the first time a transaction of
 * that DataSource is bound; TypeORM reads that array at every broadcast, so no decorator or restart is needed.
 */
import type {
  DataSource,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';

/** How a TypeORM transaction ended. */
export type TransactionOutcome = 'commit' | 'rollback';

/** What to do when a watched runner's transaction ends; TypeORM awaits the returned promise. */
export type TransactionEndListener = (outcome: TransactionOutcome) => void | Promise<void>;

const listeners = new WeakMap<QueryRunner, TransactionEndListener>();
const watchedDataSources = new WeakSet<DataSource>();

function onTransactionEvent(queryRunner: QueryRunner, outcome: TransactionOutcome): void | Promise<void> {
  if (queryRunner.isTransactionActive) return;
  const listener = listeners.get(queryRunner);
  if (!listener) return;
  listeners.delete(queryRunner);
  return listener(outcome);
}

const subscriber: EntitySubscriberInterface = {
  afterTransactionCommit: (event: TransactionCommitEvent) => onTransactionEvent(event.queryRunner, 'commit'),
  afterTransactionRollback: (event: TransactionRollbackEvent) =>
    onTransactionEvent(event.queryRunner, 'rollback'),
};

/**
 * Calls `listener` once, when the transaction now open on `queryRunner` commits or rolls back (savepoints do
 * not count). A rejected promise from the listener makes TypeORM's `commitTransaction()` /
 * `rollbackTransaction()` reject with it, after the COMMIT or ROLLBACK itself.
 */
export function onTransactionEnd(queryRunner: QueryRunner, listener: TransactionEndListener): void {
  const dataSource = queryRunner.dataSource;
  if (!watchedDataSources.has(dataSource)) {
    watchedDataSources.add(dataSource);
    dataSource.subscribers.push(subscriber);
  }
  listeners.set(queryRunner, listener);
}
