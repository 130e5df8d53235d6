/**
 * When a transaction fails, the error the caller sees is the one that caused the failure (the callback's own
 * error, unchanged). Later failures (a ROLLBACK that failed too, `afterRollback` hooks that threw) are attached
 * to it as the properties `rollbackError` and `hookError`, never swallowed. These helpers read them back.
 */
import { type HookError, TransactionError } from '../errors/errors.js';

type Attachment = 'rollbackError' | 'hookError';

/**
 * Attaches a later failure to `error` and returns the error to throw: `error` itself, or a
 * {@link TransactionError} wrapping it when it is not an object that can carry a property. Adapters use it
 * for the transactions their ORM ends, so `rollbackErrorOf` / `hookErrorOf` read every failure the same way.
 *
 * @example
 * throw attachFailure(callbackError, 'rollbackError', rollbackFailure);
 */
export function attachFailure(error: unknown, key: 'rollbackError' | 'hookError', failure: unknown): unknown {
  if (
    (typeof error === 'object' || typeof error === 'function') &&
    error !== null &&
    Object.isExtensible(error)
  ) {
    Object.defineProperty(error, key, {
      value: failure,
      enumerable: true,
      configurable: true,
      writable: true,
    });
    return error;
  }
  const wrapped = new TransactionError(
    `The transaction callback threw ${String(error)} (see cause); the transaction was rolled back.`,
    { cause: error },
  );
  Object.defineProperty(wrapped, key, {
    value: failure,
    enumerable: true,
    configurable: true,
    writable: true,
  });
  return wrapped;
}

/**
 * The ROLLBACK failure attached to an error a transaction threw, if the rollback failed too.
 *
 * @example
 * try { await client.transaction(work); } catch (error) { const lost = rollbackErrorOf(error); }
 */
export function rollbackErrorOf(error: unknown): unknown {
  return readAttachment(error, 'rollbackError');
}

/** The {@link HookError} of `afterRollback` hooks attached to an error a transaction threw, if any failed. */
export function hookErrorOf(error: unknown): HookError | undefined {
  return readAttachment(error, 'hookError') as HookError | undefined;
}

function readAttachment(error: unknown, key: Attachment): unknown {
  if (typeof error !== 'object' || error === null) return undefined;
  return (error as Record<Attachment, unknown>)[key];
}
