/**
 * Attaches a later failure (a failed ROLLBACK, failing `afterRollback` hooks) to the error that caused a
 * transaction to end, under the property names `rollbackErrorOf` / `hookErrorOf` of @matrixone/core read.
 * An error that cannot carry a property is returned unchanged.
 */
export function attachFailure(error: unknown, key: 'rollbackError' | 'hookError', failure: unknown): unknown {
  if (typeof error !== 'object' || error === null || !Object.isExtensible(error)) return error;
  Object.defineProperty(error, key, { value: failure, enumerable: true, configurable: true, writable: true });
  return error;
}
