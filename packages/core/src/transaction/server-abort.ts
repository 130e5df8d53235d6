/**
 * Errors after which the server has already ended the whole transaction
 * (docs/matrixone-facts.md#transactions): MatrixOne rolls back
 * and leaves the session outside any transaction, so later statements would autocommit one by one.
 * MySQL and MariaDB roll back the whole transaction on a deadlock (1213) too. A lock-wait timeout is 1205 on the
 * wire for MatrixOne's 20710 (whole transaction) while MySQL rolls back only the statement; the SDK treats both
 * alike, on the safe side: the transaction must be run again.
 */
import { type MatrixOneError, isMatrixOneError } from '../errors/errors.js';

const ENDS_WHOLE_TRANSACTION = new Set([
  1205, 1213, 20502, 20504, 20505, 20634, 20701, 20702, 20703, 20704, 20706, 20709, 20710,
]);

/**
 * True when `error` means the server rolled back the whole transaction. Adapters use it on the SDK's statements
 * in an ORM's transaction, to end the ORM's side of it too.
 *
 * @example
 * if (endsWholeTransaction(error)) await ormTransaction.rollback();
 */
export function endsWholeTransaction(error: unknown): error is MatrixOneError {
  return isMatrixOneError(error) && error.errno !== undefined && ENDS_WHOLE_TRANSACTION.has(error.errno);
}
