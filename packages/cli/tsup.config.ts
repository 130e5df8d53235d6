import { defineConfig } from 'tsup';

export default defineConfig({
  // `bin` is the `matrixone` command (its shebang makes tsup mark it executable); `index` is the programmatic
  // entry (`runCli`, `ExitCode`) for tools that embed the command.
  entry: { index: 'src/index.ts', bin: 'src/bin.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  sourcemap: true,
  // `bin` reads its package.json next to it through import.meta.url, in the CommonJS build too.
  shims: true,
  clean: true,
  target: 'node20',
});
