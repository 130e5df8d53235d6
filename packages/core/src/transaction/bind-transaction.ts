/**
 * Binding a transaction someone else owns (an ORM's, through an adapter): the ORM begins, commits and rolls
 * back; the SDK runs statements on its connection while it is open and runs the hooks when told the outcome.
 */
import type { TransactionalExecutor } from '../connection/executor.js';
import type { TransactionError } from '../errors/errors.js';
import { QueryEvents } from '../events/query-events.js';
import type { ServerInfo } from '../server/server-info.js';
import { type Transaction, TransactionScope } from './transaction.js';

/** How {@link bindTransaction} reports and detects. */
export interface BindOptions {
  /** The detected server, usually `() => client.serverInfo()` of the client built on the same ORM. */
  readonly serverInfo: () => Promise<ServerInfo>;
  /** Query events of the transaction go to these listeners (pass the client's `events`). */
  readonly events?: QueryEvents;
}

/** An ORM-owned transaction seen through the SDK. */
export interface BoundTransaction {
  /** Managers and `execute`/`query` on the ORM's connection; fails with a TransactionError once it ended. */
  readonly tx: Transaction;
  /**
   * Tells the SDK how the ORM ended the transaction; runs the `afterCommit` or `afterRollback` hooks in order
   * and throws a `HookError` when any failed. Call it once from the ORM's commit/rollback signal (only for the
   * outermost transaction); later calls do nothing.
   */
  settle(outcome: 'commit' | 'rollback'): Promise<void>;
  /**
   * Why the transaction can now only roll back, or `undefined`: a nested `tx.transaction()` whose
   * ROLLBACK TO SAVEPOINT failed (MatrixOne cannot roll back to a savepoint,
   * docs/matrixone-facts.md#transactions), or a statement
   * after which the server ended the whole transaction (see {@link BoundTransaction.endedByServer}). An adapter
   * reads it before letting its ORM commit, and rolls back instead, failing with this error.
   */
  readonly rollbackOnly: TransactionError | undefined;
  /**
   * Set once an SDK statement failed with an error after which the server has rolled back the whole
   * transaction (deadlock, lock-wait timeout, lost backend: docs/matrixone-facts.md#transactions). Later SDK
   * statements are refused;
   * the ORM's own statements would run outside the transaction, so an adapter ends the ORM's transaction too.
   */
  readonly endedByServer: TransactionError | undefined;
}

/**
 * Wraps an ORM's open transaction so managers and raw SQL run on its connection.
 *
 * @example
 * const bound = bindTransaction(executorOverKnexTrx, { serverInfo: () => client.serverInfo() });
 * await bound.tx.clones.table({ table: 'orders_copy' }, { table: 'orders' });
 * trx.executionPromise.then(() => bound.settle('commit'), () => bound.settle('rollback'));
 */
export function bindTransaction(executor: TransactionalExecutor, options: BindOptions): BoundTransaction {
  const scope = TransactionScope.open(executor, options.events ?? new QueryEvents(), options.serverInfo);
  let settled = false;
  return {
    tx: scope,
    async settle(outcome) {
      if (settled) return;
      settled = true;
      scope.end();
      await scope.runHooks(outcome === 'commit' ? 'afterCommit' : 'afterRollback');
    },
    get rollbackOnly() {
      return scope.rollbackOnly;
    },
    get endedByServer() {
      return scope.endedByServer;
    },
  };
}
