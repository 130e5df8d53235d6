/** What the suites hand back: raw figures and ratios measured in the same run. */

/** One measured figure of one contender. */
export interface Figure {
  readonly suite: string;
  readonly contender: string;
  /** What was measured, such as `point select`. */
  readonly metric: string;
  readonly unit: string;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** Samples behind the figure. */
  readonly rounds: number;
}

/** A ratio between two contenders' medians, with the issue's target when it has one. */
export interface Ratio {
  readonly suite: string;
  readonly metric: string;
  /** `subject / baseline`, such as `core client / raw mysql2`. */
  readonly subject: string;
  readonly baseline: string;
  readonly ratio: number;
  /** The target, such as `≤ 1.03` or `≥ 0.9` (for throughput-like figures), when the issue sets one. */
  readonly target?: Target;
}

/** A bound the ratio should stay on the right side of. */
export interface Target {
  readonly bound: number;
  /** `at-most` for times (lower is better), `at-least` for throughput-like ratios. */
  readonly kind: 'at-most' | 'at-least';
}

/** Everything one suite produced. */
export interface SuiteResult {
  readonly figures: readonly Figure[];
  readonly ratios: readonly Ratio[];
  /** How the suite measured, printed under its table. */
  readonly notes: readonly string[];
}

/** Whether a ratio meets its target. */
export function meetsTarget(ratio: Ratio): boolean | undefined {
  if (!ratio.target) return undefined;
  return ratio.target.kind === 'at-most'
    ? ratio.ratio <= ratio.target.bound
    : ratio.ratio >= ratio.target.bound;
}

/** The target as text: `≤ 1.03` or `≥ 0.90`. */
export function targetText(target: Target | undefined): string {
  if (!target) return '';
  return `${target.kind === 'at-most' ? '≤' : '≥'} ${target.bound.toFixed(2)}`;
}
