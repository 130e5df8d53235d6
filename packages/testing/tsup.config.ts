import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // The ORMs are optional peers, loaded with import() only when their helper is called.
  external: ['knex', 'sequelize', 'typeorm', 'drizzle-orm', 'mysql2'],
});
