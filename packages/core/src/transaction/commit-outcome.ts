/**
 * A COMMIT that failed is one of two things: the server answered with an error (nothing was committed), or no
 * answer came (the connection broke or timed out): then the transaction may or may not have committed, and
 * neither `afterCommit` nor `afterRollback` hooks may run. The client and every adapter tell them apart here.
 */
import { ErrorKind, TransactionError, isMatrixOneErrorOfKind } from '../errors/errors.js';

/**
 * True when a failed COMMIT got no answer: a connection or timeout error, or a {@link TransactionError} that
 * already says the outcome is unknown.
 *
 * @example
 * if (isCommitOutcomeUnknown(toMatrixOneError(error))) throw commitOutcomeUnknownError(error);
 */
export function isCommitOutcomeUnknown(commitError: unknown): boolean {
  return (
    isMatrixOneErrorOfKind(commitError, ErrorKind.Connection) ||
    isMatrixOneErrorOfKind(commitError, ErrorKind.Timeout) ||
    (isMatrixOneErrorOfKind(commitError, ErrorKind.Transaction) &&
      (commitError as TransactionError).outcomeUnknown)
  );
}

/** The error a transaction fails with when its COMMIT got no answer (`outcomeUnknown: true`, the COMMIT's error as `cause`). */
export function commitOutcomeUnknownError(commitError: unknown): TransactionError {
  return new TransactionError(
    'COMMIT was sent but no answer came back, so the transaction may or may not have committed. ' +
      'Check the data before running it again; no afterCommit or afterRollback hook was run.',
    { cause: commitError, outcomeUnknown: true },
  );
}
