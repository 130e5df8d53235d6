/**
 * Work that must run on one connection (a session variable and the statement it affects, a LOCAL INFILE load and
 * its data, a checked load's staging table): on a transaction,
 * its connection; on a pooled client, the connection the client hands out for the call (a short transaction).
 */
import type { Executor } from '../connection/executor.js';
import { InvalidInputError } from '../errors/errors.js';
import type { ManagerContext } from './manager-context.js';
import type { OnOneConnection } from './session-variables.js';

/**
 * Runs `work` on one connection of `context`: the transaction's own when the context is a transaction, else
 * through `pin`. Without `pin` (a context that cannot hand out a connection) it refuses with
 * {@link InvalidInputError} before any SQL is sent.
 */
export function runOnOneConnection<T>(
  context: ManagerContext,
  pin: OnOneConnection | undefined,
  operation: string,
  work: (executor: Executor) => Promise<T>,
): Promise<T> {
  if (context.executor.inTransaction) return work(context.executor);
  if (pin !== undefined) return pin(work);
  return Promise.reject(
    new InvalidInputError(
      'session',
      `${operation}() needs one connection: run it in a transaction (client.transaction((tx) => tx.${operation}(…))).`,
    ),
  );
}
