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
  esbuildOptions(options, { format }) {
    // In the CommonJS build those import() calls become require(): Jest runs CommonJS test files in a VM context
    // where import() throws unless Node runs with --experimental-vm-modules.
    if (format === 'cjs') options.supported = { ...options.supported, 'dynamic-import': false };
  },
});
