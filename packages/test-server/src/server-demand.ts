/**
 * Which test files asked for a server while they were collected (`testServer()`, `useTestDatabase()`).
 * The test files and the runner that skips them load this module separately, so the record lives on
 * `globalThis` under a registered symbol that every copy finds.
 */
const FILES_NEEDING_A_SERVER = Symbol.for('@matrixone/test-server/files-needing-a-server');

function registry(): Set<string> {
  const holder = globalThis as { [FILES_NEEDING_A_SERVER]?: Set<string> };
  holder[FILES_NEEDING_A_SERVER] ??= new Set();
  return holder[FILES_NEEDING_A_SERVER];
}

/** Records that the test file at `filepath` needs a server. */
export function recordServerDemand(filepath: string): void {
  registry().add(filepath);
}

/** Whether the test file at `filepath` asked for a server while it was collected. */
export function needsServer(filepath: string): boolean {
  return registry().has(filepath);
}
