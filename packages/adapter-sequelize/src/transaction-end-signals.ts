/**
 * Tells the adapter when Sequelize really committed or rolled back a transaction.
 *
 * Sequelize's public `afterCommit` cannot serve: v6 runs those hooks in a `finally`, so they also fire when
 * COMMIT itself failed, and a savepoint's hooks fire when the savepoint "commits" (which sends no SQL) even if
 * the outer transaction later rolls back. So the adapter wraps `commit` and `rollback` on the transaction
 * objects it binds (own properties of those instances, delegating to Sequelize's methods) and reports only
 * what the server confirmed. Managed transactions call the same instance methods, so they are covered too.
 *
 * Once bound, a failing `commit()` / `rollback()` rejects with the SDK's typed error (the Sequelize error is
 * its `cause`, the server's errno is kept); a COMMIT that got no answer rejects with a `TransactionError`
 * whose `outcomeUnknown` is true.
 */
import { toMatrixOneError } from '@matrixone/core';
import { attachFailure, commitOutcomeUnknownError, isCommitOutcomeUnknown } from '@matrixone/core/adapter';
import type { Transaction } from 'sequelize';
import { finishedStateOf } from './sequelize-transaction-state.js';

/** What to do when a bound transaction ends. Every list runs in registration order. */
export interface EndListeners {
  /**
   * Run before COMMIT is sent. A check that returns an error refuses the commit: the transaction is rolled
   * back instead (the `rolledBack` listeners run) and `commit()` rejects with that error.
   */
  readonly beforeCommit: Array<() => Promise<Error | undefined>>;
  /** Run after a COMMIT the server confirmed, before `commit()` resolves; a throw rejects `commit()`. */
  readonly committed: Array<() => Promise<void>>;
  /** Run after a ROLLBACK (or ROLLBACK TO SAVEPOINT) the server confirmed, before `rollback()` resolves. */
  readonly rolledBack: Array<() => Promise<void>>;
  /** Run after the server refused COMMIT (which ends the transaction unapplied); not after a lost answer. */
  readonly commitRefused: Array<() => Promise<void>>;
}

/** Why the last `rollback()` of a bound transaction rejected: the ROLLBACK itself, or its listeners. */
export interface RollbackFailure {
  readonly key: 'rollbackError' | 'hookError';
  readonly error: unknown;
}

const listenersByTransaction = new WeakMap<Transaction, EndListeners>();
const rollbackFailures = new WeakMap<Transaction, RollbackFailure>();

/** Runs every listener even when one throws; rethrows the only failure, or an AggregateError of several. */
async function runAll(listeners: ReadonlyArray<() => Promise<void>>): Promise<void> {
  const errors: unknown[] = [];
  for (const listener of listeners) {
    try {
      await listener();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, 'Several transaction listeners failed');
}

/** Runs the checks in order; the first refusal wins, and a check that throws refuses with its error. */
async function firstRefusal(
  checks: ReadonlyArray<() => Promise<Error | undefined>>,
): Promise<Error | undefined> {
  for (const check of checks) {
    try {
      const refusal = await check();
      if (refusal) return refusal;
    } catch (error) {
      return toMatrixOneError(error);
    }
  }
  return undefined;
}

/**
 * The failure of the last `rollback()` of a bound transaction. Sequelize's managed `transaction(cb)` ignores
 * a failing rollback and rethrows the callback's error, so the adapter reads it back from here.
 */
export function rollbackFailureOf(transaction: Transaction): RollbackFailure | undefined {
  return rollbackFailures.get(transaction);
}

/**
 * The end listeners of `transaction`, installing the `commit`/`rollback` wrappers on the first call.
 * Later calls return the same lists.
 */
export function endListenersOf(transaction: Transaction): EndListeners {
  const existing = listenersByTransaction.get(transaction);
  if (existing) return existing;
  const listeners: EndListeners = { beforeCommit: [], committed: [], rolledBack: [], commitRefused: [] };
  listenersByTransaction.set(transaction, listeners);

  const sequelizeCommit = transaction.commit.bind(transaction);
  const sequelizeRollback = transaction.rollback.bind(transaction);
  const rollback = async (): Promise<void> => {
    // Ending an ended transaction: Sequelize's own error, nothing to report.
    if (finishedStateOf(transaction) !== undefined) return sequelizeRollback();
    try {
      await sequelizeRollback();
    } catch (error) {
      const failure = toMatrixOneError(error);
      rollbackFailures.set(transaction, { key: 'rollbackError', error: failure });
      throw failure;
    }
    try {
      await runAll(listeners.rolledBack);
    } catch (error) {
      rollbackFailures.set(transaction, { key: 'hookError', error });
      throw error;
    }
  };
  const commit = async (): Promise<void> => {
    if (finishedStateOf(transaction) !== undefined) return sequelizeCommit();
    const refusal = await firstRefusal(listeners.beforeCommit);
    if (refusal) {
      try {
        await rollback();
      } catch (rollbackError) {
        throw attachFailure(refusal, rollbackFailureOf(transaction)?.key ?? 'rollbackError', rollbackError);
      }
      throw refusal;
    }
    try {
      await sequelizeCommit();
    } catch (error) {
      const failure = toMatrixOneError(error);
      if (!isCommitOutcomeUnknown(failure)) {
        try {
          await runAll(listeners.commitRefused);
        } catch (hookError) {
          throw attachFailure(failure, 'hookError', hookError);
        }
        throw failure;
      }
      throw commitOutcomeUnknownError(failure);
    }
    await runAll(listeners.committed);
  };
  Object.defineProperties(transaction, {
    commit: { configurable: true, writable: true, value: commit },
    rollback: { configurable: true, writable: true, value: rollback },
  });
  return listeners;
}
