/**
 * Query events: the SDK's counterpart of SQLAlchemy's before/after cursor-execute events. Every statement the
 * client or a transaction runs produces one {@link QueryEvent} after it finishes. Events carry the SQL text with
 * placeholders (password literals removed by {@link redactSql}) and never the bound values.
 */
import type { MatrixOneError } from '../errors/errors.js';
import { redactSql } from '../redaction/redact-sql.js';

/** One finished statement. */
export interface QueryEvent {
  /** The statement's SQL with `?` placeholders; password literals replaced by `'***'`. Never the bound values. */
  readonly sql: string;
  /** Wall-clock time from sending the statement to its answer (for `stream()`, to the last row). */
  readonly durationMs: number;
  /** Rows the statement returned (for `stream()`, rows read). */
  readonly rowCount: number;
  /** Rows the statement changed. */
  readonly affectedRows: number;
  /** The typed error, when the statement failed. */
  readonly error?: MatrixOneError;
  /** True when the statement ran inside a transaction. */
  readonly inTransaction: boolean;
}

/** Receives query events; also the shape of the `logger` option. */
export type QueryListener = (event: QueryEvent) => void;

/** The `logger` configuration option: called with every query event, like a `client.on('query')` listener. */
export type QueryLogger = QueryListener;

/**
 * The listeners of one client. Pass the same instance to `createClientFromDriver` and `bindTransaction` so that
 * statements an adapter runs on an ORM's transaction reach the client's `on('query')` listeners too.
 *
 * @example
 * const events = new QueryEvents();
 * const client = createClientFromDriver(driver, { events });
 * const bound = bindTransaction(executor, { serverInfo: () => client.serverInfo(), events });
 */
export class QueryEvents {
  readonly #listeners = new Set<QueryListener>();
  readonly #forwardTo: QueryEvents | undefined;

  /**
   * @param logger A listener that stays registered for the lifetime of these events.
   * @param forwardTo Other events that also receive every event emitted here (a client's, for a transaction).
   */
  constructor(logger?: QueryLogger, forwardTo?: QueryEvents) {
    if (logger) this.#listeners.add(logger);
    this.#forwardTo = forwardTo;
  }

  /** Registers a listener; registering the same function twice has no effect. */
  on(listener: QueryListener): void {
    this.#listeners.add(listener);
  }

  /** Removes a listener. */
  off(listener: QueryListener): void {
    this.#listeners.delete(listener);
  }

  /**
   * Delivers an event to every listener. A listener that throws does not fail the statement: its error is
   * reported as a process warning and the other listeners still run.
   */
  emit(event: QueryEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        process.emitWarning(
          `A query event listener threw: ${error instanceof Error ? error.message : String(error)}`,
          'MatrixOneQueryListenerWarning',
        );
      }
    }
    this.#forwardTo?.emit(event);
  }

  /** True when an event emitted here reaches at least one listener. */
  hasListeners(): boolean {
    return this.#listeners.size > 0 || this.#forwardTo?.hasListeners() === true;
  }

  /** Builds and emits the event of a statement from its raw SQL text. */
  report(sql: string, details: Omit<QueryEvent, 'sql'>): void {
    if (!this.hasListeners()) return;
    this.emit({ sql: redactSql(sql), ...details });
  }
}
