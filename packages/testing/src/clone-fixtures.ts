/**
 * The clone fixtures: a vitest fixture (`test.extend`) and hooks for Jest or vitest (`useClone`). Neither imports
 * a test framework: the fixture is a plain function vitest calls, the hooks are passed in.
 */
import { type CloneOptions, type OpenClone, type TestClone, openClone } from './clone-session.js';

/** The two hooks `useClone` registers: `beforeAll`/`afterAll` for a clone per file, `beforeEach`/`afterEach` per test. */
export interface CloneHooks {
  readonly before: (fn: () => Promise<void>) => void;
  readonly after: (fn: () => Promise<void>) => void;
}

/**
 * A vitest fixture giving a test (or, with `{ scope: 'file' }`, a test file) its own clone, dropped after it.
 *
 * @example
 * import { test as base } from 'vitest';
 * const test = base.extend<{ clone: TestClone }>({
 *   clone: cloneFixture({ url: process.env.MATRIXONE_URL!, template: 'app_template' }),
 * });
 * test('deletes a user', async ({ clone }) => {
 *   await clone.client.execute('DELETE FROM users WHERE id = 1');
 * });
 */
export function cloneFixture(
  options: CloneOptions,
): (context: object, use: (clone: TestClone) => Promise<void>) => Promise<void> {
  // vitest reads the fixture's first parameter and requires an object pattern there.
  // biome-ignore lint/correctness/noEmptyPattern: vitest's fixture syntax
  return async ({}, use) => {
    const clone = await openClone(options);
    try {
      await use(clone);
    } finally {
      await clone.close();
    }
  };
}

/**
 * Registers hooks that open a clone before and drop it after; the returned handle reads the current clone. Works
 * with Jest and vitest.
 *
 * @example
 * // a clone per test file (Jest or vitest)
 * const clone = useClone({ before: beforeAll, after: afterAll }, { url: process.env.MATRIXONE_URL!, template: 'app_template' });
 * it('counts users', async () => {
 *   expect(await clone.client.query('SELECT COUNT(*) AS n FROM users')).toEqual([{ n: 1 }]);
 * });
 */
export function useClone(hooks: CloneHooks, options: CloneOptions): TestClone {
  let current: OpenClone | undefined;
  const open = (): OpenClone => {
    if (current === undefined) {
      throw new Error(
        'useClone(): read the clone inside a test or a hook that runs after its `before` hook.',
      );
    }
    return current;
  };
  hooks.before(async () => {
    current = await openClone(options);
  });
  hooks.after(async () => {
    const closing = current;
    current = undefined;
    await closing?.close();
  });
  return {
    get database() {
      return open().database;
    },
    get url() {
      return open().url;
    },
    get client() {
      return open().client;
    },
    knex: (config) => open().knex(config),
    sequelize: (sequelizeOptions) => open().sequelize(sequelizeOptions),
    typeorm: (typeormOptions) => open().typeorm(typeormOptions),
    drizzle: () => open().drizzle(),
  };
}
