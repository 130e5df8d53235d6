import {
  attachFailure,
  commitOutcomeUnknownError,
  isCommitOutcomeUnknown,
  isMatrixOneError,
  toMatrixOneError,
} from '@matrixone/core';
import type { KnexBinding } from './knex-binding.js';

/** What the transaction callback did: resolved, or threw `error`. */
export interface TransactionBody {
  failed: boolean;
  error?: unknown;
}

/**
 * Waits for a Knex-managed transaction run by `client.transaction()` and decides what its caller sees, the
 * same way the core client does for its own transactions:
 * - committed: the callback's result, after the `afterCommit` hooks (a failing hook rejects with `HookError`);
 * - the callback threw: that error unchanged, with a failed ROLLBACK attached as `rollbackError` and failing
 *   `afterRollback` hooks as `hookError`;
 * - COMMIT lost with the connection: `TransactionError{outcomeUnknown: true}`; refused by the server: the typed
 *   error of the COMMIT;
 * - BEGIN failed: its typed error.
 */
export async function finishKnexTransaction<T>(
  run: Promise<T>,
  binding: () => KnexBinding | undefined,
  body: TransactionBody,
): Promise<T> {
  let result: T;
  try {
    result = await run;
  } catch (error) {
    throw await failureOf(error, binding(), body);
  }
  await binding()?.settled;
  return result;
}

async function failureOf(
  error: unknown,
  binding: KnexBinding | undefined,
  body: TransactionBody,
): Promise<unknown> {
  if (!binding) return toMatrixOneError(error);
  const hookError = await binding.settled.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  let thrown: unknown;
  if (body.failed) {
    thrown = body.error;
    if (error !== body.error) thrown = attachFailure(thrown, 'rollbackError', toMatrixOneError(error));
  } else if (isMatrixOneError(error)) {
    thrown = error;
  } else {
    const commitError = toMatrixOneError(error);
    if (isCommitOutcomeUnknown(commitError)) return commitOutcomeUnknownError(commitError);
    thrown = commitError;
  }
  return hookError === undefined ? thrown : attachFailure(thrown, 'hookError', hookError);
}
