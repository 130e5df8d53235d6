/** Deterministic vectors for the vector suites: the same seed gives the same vectors on every run. */

/**
 * `count` vectors of `dimension` components from a linear congruential generator started at `seed`; each
 * component is `component(state)` of the generator's next 32-bit state.
 */
export function seededVectors(
  count: number,
  dimension: number,
  seed: number,
  component: (state: number) => number,
): number[][] {
  let state = seed >>> 0;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return component(state);
  };
  return Array.from({ length: count }, () => Array.from({ length: dimension }, next));
}
