/** The migration that failed, for runners that record each migration as it completes. */

/** The first of `before` (pending before the run, in order) that is still in `after`; `undefined` if none. */
export function firstStillPending(before: readonly string[], after: readonly string[]): string | undefined {
  const still = new Set(after);
  return before.find((name) => still.has(name));
}
