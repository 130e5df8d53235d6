import type { MatrixOneError } from '../errors/errors.js';
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
    throw failed(events, statement, inTransaction, started, error);
  }
}

/**
 * Runs a statement on an executor like {@link observe}. This is the path of every statement, so it takes no
 * closures: `onFailure`, when given, sees the typed error before it is thrown.
 */
export async function observeRun<R = Row>(
  events: QueryEvents,
  executor: Executor,
  statement: Statement,
  onFailure?: (error: MatrixOneError) => void,
): Promise<StatementResult<R>> {
  const { inTransaction } = executor;
  const started = performance.now();
  try {
    const result = await executor.run<R>(statement);
    events.report(statement.sql, {
      durationMs: performance.now() - started,
      rowCount: result.rows.length,
      affectedRows: result.affectedRows,
      inTransaction,
    });
    return result;
  } catch (error) {
    const typed = failed(events, statement, inTransaction, started, error);
    onFailure?.(typed);
    throw typed;
  }
}

/** The typed error of a failed statement, reported as a query event. */
function failed(
  events: QueryEvents,
  statement: Statement,
  inTransaction: boolean,
  started: number,
  error: unknown,
): MatrixOneError {
  const typed = toMatrixOneError(error, statement);
  events.report(statement.sql, {
    durationMs: performance.now() - started,
    rowCount: 0,
    affectedRows: 0,
    error: typed,
    inTransaction,
  });
  return typed;
}

/** Counts for statements that return nothing (COMMIT, ROLLBACK). */
export const NO_ROWS = (): { rowCount: number; affectedRows: number } => ({ rowCount: 0, affectedRows: 0 });
