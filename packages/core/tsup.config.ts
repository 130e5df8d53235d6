import { defineConfig } from 'tsup';

export default defineConfig({
  // The user API and the adapter kit (`@matrixone/core/adapter`).
  entry: { index: 'src/index.ts', adapter: 'src/adapter/index.ts' },
  format: ['esm', 'cjs'],
  // Both entries share one copy of every module (also in CommonJS): an error class, the per-ORM detected
  // server and query-event hubs must be the same objects whichever entry loaded them.
  splitting: true,
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
});
