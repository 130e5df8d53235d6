import type { TestDatabase } from '@matrixone/test-server';
// Brings in the harness's typing of vitest's `inject('testServer')` (a module augmentation); erased at runtime.
import type {} from '@matrixone/test-server/global-setup';
import type { AdapterUnderTest } from './driver.js';
import type { TestTables } from './test-tables.js';

/** What every group of checks gets: the adapter opened for the test file, its database and its tables. */
export interface SuiteContext<OrmTx> {
  /** The adapter under test; read it inside tests (it is opened in `beforeAll`). */
  adapter(): AdapterUnderTest<OrmTx>;
  /** The test file's private database. */
  readonly db: TestDatabase;
  /** Creates and reads test tables through an independent connection. */
  readonly tables: TestTables;
}

/** The pool size every adapter is opened with; the concurrency check runs 100 transactions on it. */
export const POOL_SIZE = 5;

/** Runs `fn` and returns what it threw; fails the test when it did not throw. */
export async function caught(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
