import { toMatrixOneError } from '../errors/map-driver-error.js';
import type { QueryEvents } from '../events/query-events.js';
import type { Executor, Row, Statement, StatementResult } from './executor.js';

/**
 * Runs one action that sends `sql`, maps its failure to a typed error and reports a query event either way.
 * `count` reads the row counts from the action's result.
 */
export async function observe<T>(
  events: QueryEvents,
  statement: Statement,
  inTransaction: boolean,
  action: () => Promise<T>,
  count: (result: T) => { rowCount: number; affectedRows: number },
): Promise<T> {
  const started = performance.now();
  try {
    const result = await action();
    events.report(statement.sql, {
      durationMs: performance.now() - started,
      ...count(result),
      inTransaction,
    });
    return result;
  } catch (error) {
    const typed = toMatrixOneError(error, statement);
    events.report(statement.sql, {
      durationMs: performance.now() - started,
      rowCount: 0,
      affectedRows: 0,
      error: typed,
      inTransaction,
    });
    throw typed;
  }
}

/** Runs a statement on an executor through {@link observe}. */
export function observeRun<R = Row>(
  events: QueryEvents,
  executor: Executor,
  statement: Statement,
): Promise<StatementResult<R>> {
  return observe(
    events,
    statement,
    executor.inTransaction,
    () => executor.run<R>(statement),
    (result) => ({ rowCount: result.rows.length, affectedRows: result.affectedRows }),
  );
}

/** Counts for statements that return nothing (COMMIT, ROLLBACK). */
export const NO_ROWS = (): { rowCount: number; affectedRows: number } => ({ rowCount: 0, affectedRows: 0 });
