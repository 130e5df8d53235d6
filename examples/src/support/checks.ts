/** Checks the advanced examples share: what a user should be able to rely on, printed as facts. */
import { ConstraintError, type QueryEvent } from '@matrixone/core';
import type { Reporter } from './report.js';

/** The failure is the SDK's typed duplicate-key error, with the server's code (1062) kept. */
export function checkDuplicateKey(report: Reporter, failure: unknown): void {
  report.check(failure instanceof ConstraintError && failure.errno === 1062, 'typed error with errno 1062');
}

/** Query events were emitted, and none of them carries the bound `value` (events hold placeholders only). */
export function checkEventsHideValue(report: Reporter, events: readonly QueryEvent[], value: string): void {
  report.check(
    events.length > 0 && events.every((event) => !event.sql.includes(value)),
    `${events.length} query events seen, none carrying bound values`,
  );
}
