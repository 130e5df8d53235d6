import { type Transaction as MatrixOneTransaction, type ServerInfo, TransactionError } from '@matrixone/core';
import {
  type BoundTransaction,
  bindTransaction,
  serverInfoSource,
  sharedQueryEvents,
  validQueryTimeout,
} from '@matrixone/core/adapter';
import type { Transaction } from 'sequelize';
import { assertMysqlDialect } from './assert-mysql-dialect.js';
import type { MatrixOneSequelizeOptions } from './options.js';
import { SequelizeTransactionExecutor } from './sequelize-transaction-executor.js';
import {
  finishedStateOf,
  isSequelizeTransactionOpen,
  lineageOf,
  rootOf,
  savepointsUnder,
  sequelizeOf,
} from './sequelize-transaction-state.js';
import { endListenersOf } from './transaction-end-signals.js';

const boundBySequelizeTransaction = new WeakMap<Transaction, MatrixOneTransaction>();
const guardedRoots = new WeakSet<Transaction>();

/**
 * Binds the SDK to a Sequelize transaction (root or savepoint): managers and raw SQL run on its connection
 * while it is open; `afterCommit` hooks run once the outermost transaction's COMMIT succeeded, `afterRollback`
 * hooks once it (or the bound savepoint, or one enclosing it) rolled back. Binding the same Sequelize
 * transaction again returns the same SDK transaction. Without `options.events`, its query events go to the
 * open clients of the same Sequelize instance.
 */
export function bindSequelizeTransaction(
  transaction: Transaction,
  options: MatrixOneSequelizeOptions = {},
): MatrixOneTransaction {
  const existing = boundBySequelizeTransaction.get(transaction);
  if (existing) return existing;
  const queryTimeoutMs = validQueryTimeout(options.queryTimeoutMs);
  assertMysqlDialect(sequelizeOf(transaction));
  if (!isSequelizeTransactionOpen(transaction)) {
    const state = finishedStateOf(transaction);
    throw new TransactionError(
      `Cannot bind a Sequelize transaction that ${state ? `has ended (${state})` : 'is not open'}: ` +
        'pass a transaction inside its callback, or before commit() / rollback().',
    );
  }
  const executor = new SequelizeTransactionExecutor(transaction, queryTimeoutMs);
  const bound = bindTransaction(executor, {
    serverInfo: serverInfoThrough(executor, transaction, options),
    events: options.events ?? sharedQueryEvents(sequelizeOf(transaction)),
    ...(options.logger !== undefined && { logger: options.logger }),
  });
  settleOnEnd(transaction, bound);
  guardSavepointRollbacks(rootOf(transaction), bound, options);
  boundBySequelizeTransaction.set(transaction, bound.tx);
  return bound.tx;
}

/**
 * Detects the server on the transaction's own connection (so it never waits for a second pooled connection,
 * which a pool of one never hands out), once per Sequelize instance, or forces it.
 */
function serverInfoThrough(
  executor: SequelizeTransactionExecutor,
  transaction: Transaction,
  options: MatrixOneSequelizeOptions,
): () => Promise<ServerInfo> {
  return serverInfoSource(executor, {
    sharedBy: sequelizeOf(transaction),
    ...(options.serverFlavor !== undefined && { serverFlavor: options.serverFlavor }),
  });
}

/** Settles the bound transaction from the server-confirmed end of the outermost transaction or a savepoint. */
function settleOnEnd(transaction: Transaction, bound: BoundTransaction): void {
  const root = endListenersOf(rootOf(transaction));
  root.committed.push(() => bound.settle('commit'));
  root.commitRefused.push(() => bound.settle('rollback'));
  for (const member of lineageOf(transaction)) {
    endListenersOf(member).rolledBack.push(() => bound.settle('rollback'));
  }
}

/**
 * MatrixOne cannot roll back to a savepoint (docs/matrixone-facts.md#transactions): a Sequelize savepoint's
 * `rollback()` fails and
 * leaves its work pending, and Sequelize's managed nested transaction ignores that failure. Committing then
 * would keep work the application believes undone. So a bound transaction refuses to commit on MatrixOne
 * when any of its savepoints was rolled back (or an SDK nested transaction could not roll back, or the server ended the whole transaction): it rolls
 * back as a whole and `commit()` rejects with a TransactionError.
 */
function guardSavepointRollbacks(
  root: Transaction,
  bound: BoundTransaction,
  options: MatrixOneSequelizeOptions,
): void {
  endListenersOf(root).beforeCommit.push(async () => bound.rollbackOnly);
  if (guardedRoots.has(root)) return;
  guardedRoots.add(root);
  const serverInfo = serverInfoThrough(
    new SequelizeTransactionExecutor(root, options.queryTimeoutMs),
    root,
    options,
  );
  endListenersOf(root).beforeCommit.push(async () => {
    const undone = savepointsUnder(root).filter((savepoint) => finishedStateOf(savepoint) === 'rollback');
    if (undone.length === 0 || (await serverInfo()).flavor !== 'matrixone') return undefined;
    return new TransactionError(
      `${undone.length} nested transaction(s) (savepoints) rolled back, but MatrixOne cannot roll back to a ` +
        'savepoint, so their work was still pending: the whole transaction was rolled back instead of ' +
        'committed. Let a nested failure propagate out of the outer transaction on MatrixOne.',
    );
  });
}
