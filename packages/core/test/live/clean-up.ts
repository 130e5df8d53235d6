/**
 * Clean-up for the live suites: every step runs even when an earlier one fails, so one failed drop never
 * leaves the snapshots, PITRs, accounts or databases after it behind for the next run. The failures are
 * reported together once all steps ran.
 */
export async function cleanUp(steps: ReadonlyArray<() => Promise<unknown>>): Promise<void> {
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) {
    throw new AggregateError(failures, `${failures.length} live-suite clean-up step(s) failed`);
  }
}
