import { ConfigurationError } from '@matrixone/core';

/** The largest timeout Node.js timers accept, as in the core client's configuration. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/**
 * Validates the `queryTimeoutMs` option the way the core client validates its own: a whole number of
 * milliseconds from 1 to 2147483647, or `undefined` for no timeout. Throws `ConfigurationError{field}` otherwise.
 */
export function validQueryTimeout(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_TIMEOUT_MS) {
    throw new ConfigurationError(
      'queryTimeoutMs',
      `expected a whole number from 1 to ${MAX_TIMEOUT_MS}, got ${String(value)}`,
    );
  }
  return value;
}
