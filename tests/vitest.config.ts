import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Repository-level tests of the built and packed packages. Unlike the package projects this one has no
 * source aliases: these tests check what users get, so they load `dist` through each package's `exports` map.
 */
export default defineProject({
  test: {
    name: 'tests',
    root,
    include: ['**/*.test.ts'],
    globalSetup: [join(root, '..', 'packages', 'test-server', 'src', 'global-setup.ts')],
    runner: join(root, '..', 'packages', 'test-server', 'src', 'server-aware-runner.ts'),
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
