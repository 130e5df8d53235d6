/**
 * The lifecycle of a transaction the SDK owns (`client.transaction(fn)`): BEGIN was sent by the driver;
 * COMMIT when `fn` resolves, ROLLBACK when it throws, the connection always released, hooks after the outcome.
 */
import type { TransactionConnection } from '../connection/executor.js';
import { NO_ROWS, observe } from '../connection/observe-statement.js';
import type { MatrixOneError } from '../errors/errors.js';
import { commitOutcomeUnknownError, isCommitOutcomeUnknown } from './commit-outcome.js';
import { attachFailure } from './failure-details.js';
import type { Transaction, TransactionScope } from './transaction.js';

/**
 * Runs `fn` on `scope` (opened over `connection`) and ends the transaction:
 * - `fn` resolves: COMMIT, release, then `afterCommit` hooks (a failing hook → HookError, the commit stands);
 * - `fn` throws: ROLLBACK, release, `afterRollback` hooks, and the original error is re-thrown with a ROLLBACK
 *   failure (`rollbackError`) and hook failures (`hookError`) attached;
 * - COMMIT fails on a broken connection: TransactionError with `outcomeUnknown: true`, no hooks run;
 * - COMMIT is refused by the server: ROLLBACK, release, `afterRollback` hooks, the COMMIT error is thrown.
 */
export async function runTransaction<T>(
  connection: TransactionConnection,
  scope: TransactionScope,
  fn: (tx: Transaction) => Promise<T>,
): Promise<T> {
  let result: T;
  try {
    result = await fn(scope);
  } catch (error) {
    throw await rollBack(connection, scope, error);
  }
  const mustRollBack = scope.rollbackOnly;
  if (mustRollBack) throw await rollBack(connection, scope, mustRollBack);
  try {
    await scope.enqueue(() =>
      observe(scope.events, { sql: 'COMMIT' }, true, () => connection.commit(), NO_ROWS),
    );
  } catch (commitError) {
    throw await commitFailed(connection, scope, commitError as MatrixOneError);
  }
  scope.end();
  await release(connection);
  await scope.runHooks('afterCommit');
  return result;
}

/** Rolls back after `error` and returns the error to throw. */
async function rollBack(
  connection: TransactionConnection,
  scope: TransactionScope,
  error: unknown,
): Promise<unknown> {
  let failure = error;
  let rollbackError: MatrixOneError | undefined;
  try {
    await scope.enqueue(() =>
      observe(scope.events, { sql: 'ROLLBACK' }, true, () => connection.rollback(), NO_ROWS),
    );
  } catch (caught) {
    rollbackError = caught as MatrixOneError;
    failure = attachFailure(failure, 'rollbackError', rollbackError);
  }
  scope.end();
  // A connection whose ROLLBACK failed is in an unknown state: the pool discards it.
  await release(connection, rollbackError);
  try {
    await scope.runHooks('afterRollback');
  } catch (hookError) {
    failure = attachFailure(failure, 'hookError', hookError);
  }
  return failure;
}

async function commitFailed(
  connection: TransactionConnection,
  scope: TransactionScope,
  commitError: MatrixOneError,
): Promise<unknown> {
  if (!isCommitOutcomeUnknown(commitError)) return rollBack(connection, scope, commitError);
  scope.end();
  await release(connection, commitError);
  return commitOutcomeUnknownError(commitError);
}

/** Gives the connection back; a failure to do so is reported as a warning, never instead of the outcome. */
async function release(connection: TransactionConnection, error?: unknown): Promise<void> {
  try {
    await connection.release(error);
  } catch (releaseError) {
    process.emitWarning(
      `Releasing a transaction's connection failed: ${releaseError instanceof Error ? releaseError.message : String(releaseError)}`,
      'MatrixOneReleaseWarning',
    );
  }
}
