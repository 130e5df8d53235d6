/**
 * The contract between everything that builds SQL (the client, the transaction wrapper, the managers) and
 * whatever runs it (mysql2's pool, one pooled connection, or an ORM's transaction through an adapter).
 * Managers only ever see these types; they never see mysql2 or an ORM.
 */
import type { Readable } from 'node:stream';

/** A statement and the values bound to its `?` placeholders. */
export interface Statement {
  /** SQL text; every user-supplied value is a `?` placeholder or was escaped by `sql/literal.ts`. */
  readonly sql: string;
  /** Values for the `?` placeholders, in order. */
  readonly values?: readonly unknown[];
  /**
   * Secrets written into `sql` as literals (passwords in `IDENTIFIED BY '…'`, where the grammar takes no
   * placeholder). Every error this statement causes, and its whole cause chain, is cleaned of them before it
   * is thrown or reported in a query event.
   */
  readonly secrets?: readonly string[];
  /**
   * For `LOAD DATA LOCAL INFILE`: gives the stream of the file the server asks the client for (called with the
   * name written in the statement). Drivers that cannot answer that request leave it unused, and the load fails.
   */
  readonly localInfile?: (requestedName: string) => Readable;
}

/** A row as the driver returns it: column name to value. */
export type Row = Record<string, unknown>;

/** What running one statement gives back. */
export interface StatementResult<R = Row> {
  /** Rows of a statement that returns a result set; empty for statements that return none. */
  readonly rows: R[];
  /** Column names of the result set, in order; empty when there is none. */
  readonly columns: readonly string[];
  /** Rows changed by INSERT/UPDATE/DELETE/DDL; 0 for queries. */
  readonly affectedRows: number;
  /**
   * The **first** auto-increment id the statement generated (MySQL's meaning, kept on MatrixOne too, which
   * reports the last id of a multi-row INSERT). Absent when there is none, and on MatrixOne when the first id
   * cannot be known: an `INSERT … ON DUPLICATE KEY UPDATE` that did more than insert one row, or a multi-row
   * `INSERT IGNORE`, `REPLACE` or `INSERT … SELECT`. See docs/matrixone-facts.md.
   */
  readonly insertId?: number | string;
  /** The warning count of the server's OK packet, when the driver reports one and it is not 0. */
  readonly warningCount?: number;
}

/**
 * Runs statements. Implemented by the pooled client (each call may use another connection), by a
 * transaction (every call on its one connection) and by adapters.
 */
export interface Executor {
  /** True when every statement runs inside one open transaction on one connection. */
  readonly inTransaction: boolean;
  /** Runs one statement with bound values. */
  run<R = Row>(statement: Statement): Promise<StatementResult<R>>;
}

/**
 * The transactional form: an executor pinned to one connection inside one open transaction. An adapter
 * implements it over an ORM's transaction object (the ORM commits and rolls back).
 */
export interface TransactionalExecutor extends Executor {
  readonly inTransaction: true;
  /**
   * Whether the transaction is still open. Every statement is checked against it first, because ORMs keep
   * pointing at their connection after a transaction ends (a stale statement would run in someone else's).
   */
  isOpen(): boolean;
}

/** A transaction the SDK owns: it can end it and give the connection back. Returned by {@link SqlDriver.begin}. */
export interface TransactionConnection extends TransactionalExecutor {
  /** Sends COMMIT. */
  commit(): Promise<void>;
  /** Sends ROLLBACK. */
  rollback(): Promise<void>;
  /** Gives the connection back to its pool; pass the error that broke it so the pool discards it. Called once. */
  release(error?: unknown): Promise<void>;
}

/** How a transaction starts. */
export interface TransactionOptions {
  /** Isolation level for this transaction; the server default when omitted. */
  readonly isolationLevel?: IsolationLevel;
  /** Start the transaction READ ONLY (MatrixOne refuses access modes: see the reference). */
  readonly readOnly?: boolean;
}

/** Isolation levels, as an `as const` object and a matching union. */
export const IsolationLevel = {
  ReadUncommitted: 'READ UNCOMMITTED',
  ReadCommitted: 'READ COMMITTED',
  RepeatableRead: 'REPEATABLE READ',
  Serializable: 'SERIALIZABLE',
} as const;
/** One of {@link IsolationLevel}'s values. */
export type IsolationLevel = (typeof IsolationLevel)[keyof typeof IsolationLevel];

/**
 * A source of connections: what a client runs on. The core's mysql2 pool implements it, and so does each
 * adapter's wrapper around its ORM's own pool (so there is never a second pool).
 */
export interface SqlDriver extends Executor {
  readonly inTransaction: false;
  /** Checks out one connection and begins a transaction on it. */
  begin(options?: TransactionOptions): Promise<TransactionConnection>;
  /**
   * Streams the rows of a query from one connection without buffering the whole result.
   * Drivers that cannot stream leave it out; the client then reports a typed error.
   */
  stream?<R = Row>(statement: Statement): AsyncIterable<R>;
  /** Closes the pool (the core's) or does nothing (an ORM's pool belongs to the ORM). */
  close(): Promise<void>;
}
