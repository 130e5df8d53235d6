import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UserWorkspaceConfig } from 'vitest/config';

const packagesDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Workspace packages resolve to their TypeScript sources in tests, so tests need no build
 * (the package-exports test checks the built output separately). A subpath comes before its package: the first
 * alias whose name starts the import wins.
 */
export const sourceAliases: Record<string, string> = {
  '@matrixone/core/adapter': join(packagesDir, 'core', 'src', 'adapter', 'index.ts'),
  '@matrixone/core': join(packagesDir, 'core', 'src', 'index.ts'),
  '@matrixone/adapter-knex': join(packagesDir, 'adapter-knex', 'src', 'index.ts'),
  '@matrixone/adapter-drizzle': join(packagesDir, 'adapter-drizzle', 'src', 'index.ts'),
  '@matrixone/adapter-sequelize': join(packagesDir, 'adapter-sequelize', 'src', 'index.ts'),
  '@matrixone/adapter-typeorm': join(packagesDir, 'adapter-typeorm', 'src', 'index.ts'),
  '@matrixone/adapter-test-suite': join(packagesDir, 'adapter-test-suite', 'src', 'index.ts'),
  '@matrixone/cli': join(packagesDir, 'cli', 'src', 'index.ts'),
  '@matrixone/testing': join(packagesDir, 'testing', 'src', 'index.ts'),
};

/** The vitest project settings every package shares; pass the config file's `import.meta.url`. */
export function sharedTestConfig(configUrl: string): UserWorkspaceConfig {
  const root = dirname(fileURLToPath(configUrl));
  return {
    resolve: { alias: sourceAliases },
    test: {
      name: relative(join(packagesDir, '..'), root).replace(/^packages\//, ''),
      root,
      include: ['test/**/*.test.ts'],
      globalSetup: [join(packagesDir, 'test-server', 'src', 'global-setup.ts')],
      runner: join(packagesDir, 'test-server', 'src', 'server-aware-runner.ts'),
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  };
}
