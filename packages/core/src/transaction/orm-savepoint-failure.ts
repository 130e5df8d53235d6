/**
 * ORMs run nested transactions as savepoints of their own. MatrixOne cannot roll back to a savepoint
 * (docs/matrixone-facts.md#transactions): the ORM's ROLLBACK TO SAVEPOINT fails, the work meant to be undone stays in the transaction, and most
 * ORMs swallow that failure. Adapters watch the ORM's failed statements with {@link isRollbackToSavepoint} and
 * refuse the outer commit with {@link savepointRollbackFailure}.
 */
import { TransactionError } from '../errors/errors.js';
import { toMatrixOneError } from '../errors/map-driver-error.js';

const ROLLBACK_TO_SAVEPOINT = /^\s*ROLLBACK\s+TO\s+SAVEPOINT\b/i;

/**
 * True for the SQL of a `ROLLBACK TO SAVEPOINT` statement (any case, leading spaces allowed).
 *
 * @example
 * orm.on('query-error', (error, query) => { if (isRollbackToSavepoint(query.sql)) failed = error; });
 */
export function isRollbackToSavepoint(sql: string): boolean {
  return ROLLBACK_TO_SAVEPOINT.test(sql);
}

/**
 * The error an adapter rolls the whole transaction back with, and fails its commit with, after the ORM's
 * ROLLBACK TO SAVEPOINT failed: the failure as `cause`, its errno and server message kept.
 */
export function savepointRollbackFailure(failure: unknown): TransactionError {
  const cause = toMatrixOneError(failure);
  return new TransactionError(
    'A nested transaction could not roll back to its savepoint' +
      (cause.serverMessage ? ` ("${cause.serverMessage}")` : '') +
      ', so the whole transaction was rolled back instead of committing work that was meant to be undone. ' +
      'MatrixOne cannot roll back to a savepoint: there, let a nested failure end the outer transaction ' +
      'rather than catching it inside.',
    {
      cause,
      ...(cause.errno !== undefined && { errno: cause.errno }),
      ...(cause.serverMessage !== undefined && { serverMessage: cause.serverMessage }),
    },
  );
}
