/** Prints a run: each suite's raw figures, then every ratio with its target, then the environment. */
import type { Environment } from './environment.js';
import { type Figure, type Ratio, meetsTarget, targetText } from './results.js';
import { formatNumber, markdownTable } from './table.js';

/** The raw figures of one suite as a table. */
export function figuresTable(figures: readonly Figure[]): string {
  return markdownTable(
    ['contender', 'metric', 'median', 'min', 'max', 'unit', 'rounds'],
    figures.map((f) => [
      f.contender,
      f.metric,
      formatNumber(f.median),
      formatNumber(f.min),
      formatNumber(f.max),
      f.unit,
      String(f.rounds),
    ]),
  );
}

/** Every ratio, with its target and whether the run met it. */
export function ratiosTable(ratios: readonly Ratio[]): string {
  return markdownTable(
    ['suite', 'metric', 'subject', 'baseline', 'ratio', 'target', 'met'],
    ratios.map((r) => {
      const met = meetsTarget(r);
      return [
        r.suite,
        r.metric,
        r.subject,
        r.baseline,
        r.ratio.toFixed(3),
        targetText(r.target),
        met === undefined ? '' : met ? 'yes' : 'no',
      ];
    }),
  );
}

/** The environment as a table. */
export function environmentTable(environment: Environment): string {
  const rows: string[][] = [
    ['node', environment.node],
    ['platform', environment.platform],
    ['cpu', `${environment.cpu} × ${environment.cpuCount}`],
    ['memory', `${environment.memoryGiB} GiB`],
    ['server', environment.server],
    ...Object.entries(environment.packages).map(([name, version]) => [name, version]),
  ];
  return markdownTable(['', 'version'], rows);
}
