/**
 * Shared pieces of each adapter's `queryTimeoutMs` option test: the values core's `validQueryTimeout` refuses, and
 * the assertion that creating an adapter client or binding with one fails with `ConfigurationError{queryTimeoutMs}`.
 */
import { ErrorKind } from '@matrixone/core';
import { expect } from 'vitest';

/** `queryTimeoutMs` values an adapter must refuse: not a whole number of milliseconds from 1 to 2147483647. */
export const INVALID_QUERY_TIMEOUTS: readonly number[] = [0, -1, 1.5, Number.NaN, 2_147_483_648];

/** Asserts that `create` (a `matrixone(…, { queryTimeoutMs })` call) throws `ConfigurationError{queryTimeoutMs}`. */
export function expectInvalidQueryTimeout(create: () => unknown): void {
  let error: unknown;
  try {
    create();
  } catch (caught) {
    error = caught;
  }
  expect(error).toMatchObject({ kind: ErrorKind.Configuration, field: 'queryTimeoutMs' });
}
