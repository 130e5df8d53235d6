/**
 * Which test files asked for a server while they were collected (`testServer()`, `useTestDatabase()`), and which
 * files are done being collected (a later request comes from a hook, too late to skip the file).
 * The test files and the runner that skips them load this module separately, so the record lives on
 * `globalThis` under a registered symbol that every copy finds.
 */
const RECORD = Symbol.for('@matrixone/test-server/server-demand');

interface DemandRecord {
  readonly needingServer: Set<string>;
  readonly collected: Set<string>;
}

function record(): DemandRecord {
  const holder = globalThis as { [RECORD]?: DemandRecord };
  holder[RECORD] ??= { needingServer: new Set(), collected: new Set() };
  return holder[RECORD];
}

/** Records that the test file at `filepath` needs a server. */
export function recordServerDemand(filepath: string): void {
  record().needingServer.add(filepath);
}

/** Whether the test file at `filepath` asked for a server while it was collected. */
export function needsServer(filepath: string): boolean {
  return record().needingServer.has(filepath);
}

/** Records that the test file at `filepath` has been collected: its tests and hooks may now run. */
export function recordCollected(filepath: string): void {
  record().collected.add(filepath);
}

/** Whether the test file at `filepath` has been collected. */
export function wasCollected(filepath: string): boolean {
  return record().collected.has(filepath);
}
