/**
 * The packages this repository publishes, in dependency order (core first).
 * The release script packs exactly these; the package-exports and packed-install tests check them.
 */
export const PUBLISHABLE_PACKAGES = [
  { name: '@matrixone/core', directory: 'packages/core' },
  { name: '@matrixone/adapter-knex', directory: 'packages/adapter-knex' },
  { name: '@matrixone/adapter-sequelize', directory: 'packages/adapter-sequelize' },
  { name: '@matrixone/adapter-typeorm', directory: 'packages/adapter-typeorm' },
  { name: '@matrixone/adapter-drizzle', directory: 'packages/adapter-drizzle' },
  { name: '@matrixone/cli', directory: 'packages/cli' },
  { name: '@matrixone/testing', directory: 'packages/testing' },
] as const;

/** One publishable package: its npm name and its folder relative to the repository root. */
export type PublishablePackage = (typeof PUBLISHABLE_PACKAGES)[number];
