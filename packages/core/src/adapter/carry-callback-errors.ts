/**
 * Carries the application's error of a nested ORM transaction to the MatrixOne guard of its connection, for ORMs
 * that hand that error to no rollback path or hook (Sequelize's `sequelize.transaction(options, callback)`,
 * TypeORM's `manager.transaction(callback)`): the callback is wrapped, and its error noted ({@link
 * noteRollbackCause}) right before the ORM rolls back to its savepoint. On MatrixOne the whole transaction is then
 * rolled back, and the `TransactionError` its later statements fail with has that error as `cause`.
 */
import { noteRollbackCause } from '../connection/matrixone/guard-matrixone-connection.js';

const WRAPPED = Symbol('matrixone.carriesCallbackErrors');

/**
 * Wraps an ORM's transaction method whose last argument is the callback: a callback that throws has its error
 * noted on the connection `connectionOf(callbackArgument)` returns before the ORM rolls back, then rethrown
 * unchanged. Noting is harmless outside a nested transaction (the guard forgets it when the transaction ends).
 * Wrapping an already wrapped method returns it as is.
 *
 * @example
 * sequelize.transaction = carryCallbackErrors(sequelize.transaction, (t) => (t as Transaction).connection);
 */
export function carryCallbackErrors<M extends (...args: never[]) => unknown>(
  method: M,
  connectionOf: (callbackArgument: unknown) => unknown,
): M {
  if ((method as { [WRAPPED]?: true })[WRAPPED]) return method;
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = async function (this: unknown, argument: unknown, ...rest: unknown[]) {
        try {
          return await callback.call(this, argument, ...rest);
        } catch (error) {
          noteRollbackCause(connectionOf(argument), error);
          throw error;
        }
      };
    }
    return (method as unknown as (...args: unknown[]) => unknown).apply(this, args);
  };
  return Object.assign(wrapped, { [WRAPPED]: true as const }) as unknown as M;
}
