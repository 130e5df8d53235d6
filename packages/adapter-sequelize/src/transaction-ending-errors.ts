/**
 * Server errors after which the server has already rolled back the whole transaction, so the session is
 * outside it and later statements on the connection would autocommit.
 */
import { type MatrixOneError, isMatrixOneError } from '@matrixone/core';

/** MySQL's and MariaDB's deadlock (ER_LOCK_DEADLOCK); Sequelize reacts to it on its own statements too. */
const MYSQL_DEADLOCK = 1213;

/**
 * MatrixOne's codes that roll back the whole transaction (reference §4.5: deadlock, lock-table faults, lock
 * conflict, lock-wait timeout, CN rolling restart, backend unavailable). Its lock-wait timeout 20710 arrives
 * as 1205, which MySQL also sends without ending the transaction, so it cannot be told apart here.
 */
const MATRIXONE_WHOLE_TRANSACTION_ROLLBACK: ReadonlySet<number> = new Set([
  20701, 20702, 20703, 20704, 20706, 20709, 20634, 20502, 20504, 20505,
]);

/** True when `error` says the server rolled back the whole transaction. */
export function endedTheTransaction(error: unknown): error is MatrixOneError {
  if (!isMatrixOneError(error) || error.errno === undefined) return false;
  return error.errno === MYSQL_DEADLOCK || MATRIXONE_WHOLE_TRANSACTION_ROLLBACK.has(error.errno);
}
