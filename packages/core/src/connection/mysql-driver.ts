/**
 * The core's {@link SqlDriver}: a mysql2 pool.
 *
 * Statements go through mysql2's `query()` (text protocol; values escaped client-side by mysql2), not
 * `execute()` (server-side prepared statements): much of MatrixOne's own SQL (SHOW SNAPSHOTS, CREATE SNAPSHOT,
 * RESTORE …) is not meant to be prepared, and `execute()` would keep one prepared statement per distinct SQL
 * text on every connection.
 *
 * Every statement checks a connection out itself (rather than `pool.query()`), so that pre-ping and recycle
 * apply to every use of a connection. All errors leave as typed errors (`toMatrixOneError`).
 */
import type { Readable } from 'node:stream';
import type { Connection as CoreConnection, QueryOptions } from 'mysql2';
import mysql, { type Pool, type PoolConnection } from 'mysql2/promise';
import { toMysqlPoolOptions } from '../config/pool-options.js';
import type { ResolvedClientConfig } from '../config/resolve-config.js';
import { ConnectionError, InvalidInputError } from '../errors/errors.js';
import { toMatrixOneError } from '../errors/map-driver-error.js';
import type { ServerFlavor } from '../server/server-info.js';
import { eachPoolConnection } from './each-pool-connection.js';
import {
  IsolationLevel,
  type Row,
  type SqlDriver,
  type Statement,
  type StatementResult,
  type TransactionConnection,
  type TransactionOptions,
} from './executor.js';
import { correctInsertIds } from './matrixone-insert-ids.js';
import { statementResultOf } from './mysql2-result.js';
import { type PoolSockets, trackPoolSockets } from './pool-sockets.js';

/** Pool usage, for monitoring and leak checks. */
export interface PoolStats {
  /** Open connections (idle and busy). */
  readonly total: number;
  /** Open connections waiting in the pool. */
  readonly idle: number;
  /** Connections checked out: running a statement, a stream or a transaction. */
  readonly busy: number;
  /** Callers waiting for a connection. */
  readonly queued: number;
}

/** What the driver needs beyond mysql2's own pool options. */
export interface MysqlDriverOptions {
  /** Per-statement timeout (mysql2 closes the connection when it fires). */
  readonly queryTimeoutMs?: number;
  /** Ping a connection idle at least this long before using it. */
  readonly prePingIdleMs?: number;
  /** Close connections older than this instead of using them. */
  readonly recycleMs?: number;
  /** The forced server flavor (`serverFlavor` option), for the insert-id correction of MatrixOne connections. */
  readonly serverFlavor?: ServerFlavor;
}

/** The parts of mysql2's pool internals read by {@link MysqlDriver.poolStats}. */
interface PoolInternals {
  readonly _allConnections?: { readonly length: number };
  readonly _freeConnections?: { readonly length: number };
  readonly _connectionQueue?: { readonly length: number };
}

const ISOLATION_LEVELS = new Set<string>(Object.values(IsolationLevel));

/** A {@link SqlDriver} over a mysql2/promise pool. */
export class MysqlDriver implements SqlDriver {
  readonly inTransaction = false as const;
  readonly #pool: Pool;
  readonly #options: MysqlDriverOptions;
  readonly #sockets: PoolSockets;
  /**
   * When each connection was first checked out, for recycling, and last given back, for pre-ping. Keyed by
   * mysql2's own connection object: the promise wrapper is a new object at every checkout.
   */
  readonly #firstUsedAt = new WeakMap<object, number>();
  readonly #releasedAt = new WeakMap<object, number>();
  #busy = 0;
  #waiting = 0;

  constructor(pool: Pool, options: MysqlDriverOptions = {}) {
    this.#pool = pool;
    this.#options = options;
    this.#sockets = trackPoolSockets(pool);
    // Once per connection, before its first statement, rather than at every checkout.
    const correction = { serverFlavor: options.serverFlavor };
    eachPoolConnection(pool, (connection) => correctInsertIds(connection, correction));
  }

  /** Creates the pool for a validated configuration; no connection is opened until the first statement. */
  static fromConfig(config: ResolvedClientConfig): MysqlDriver {
    return new MysqlDriver(mysql.createPool(toMysqlPoolOptions(config)), {
      ...(config.queryTimeoutMs !== undefined && { queryTimeoutMs: config.queryTimeoutMs }),
      ...(config.pool.prePingIdleMs !== undefined && { prePingIdleMs: config.pool.prePingIdleMs }),
      ...(config.pool.recycleMs !== undefined && { recycleMs: config.pool.recycleMs }),
      ...(config.serverFlavor !== undefined && { serverFlavor: config.serverFlavor }),
    });
  }

  async run<R = Row>(statement: Statement): Promise<StatementResult<R>> {
    const connection = await this.#checkOut();
    let failure: unknown;
    try {
      return statementResultOf<R>(await this.#query(connection, statement));
    } catch (error) {
      failure = error;
      throw toMatrixOneError(error, statement);
    } finally {
      this.#checkIn(connection, leavesConnectionUnusable(failure));
    }
  }

  async begin(options: TransactionOptions = {}): Promise<TransactionConnection> {
    const start = beginStatements(options);
    const connection = await this.#checkOut();
    try {
      for (const sql of start) await this.#query(connection, { sql });
    } catch (error) {
      this.#checkIn(connection, true);
      throw toMatrixOneError(error, { sql: start.at(-1) ?? '' });
    }
    return new PooledTransaction(connection, this.#transactionIo);
  }

  async *stream<R = Row>(statement: Statement): AsyncIterable<R> {
    const connection = await this.#checkOut();
    let finished = false;
    try {
      // The promise wrapper's `connection` is mysql2's callback connection (typed as the promise one).
      const core = connection.connection as unknown as CoreConnection;
      const rows: Readable = core.query(this.#queryOptions(statement)).stream();
      for await (const row of rows) yield row as R;
      finished = true;
    } catch (error) {
      throw toMatrixOneError(error, statement);
    } finally {
      // Stopped early: the rest of the result is still on the wire, so the connection cannot be reused.
      this.#checkIn(connection, !finished);
    }
  }

  /**
   * Ends the pool (every connection gets `COM_QUIT`), then destroys every socket the pool opened: MatrixOne keeps
   * a connection open after `COM_QUIT`, which would keep the process alive (see `pool-sockets.ts`).
   */
  async close(): Promise<void> {
    try {
      await this.#pool.end();
    } catch (error) {
      throw toMatrixOneError(error);
    } finally {
      await this.#sockets.destroyAll();
    }
  }

  /**
   * Pool usage. `busy` and `queued` are this driver's own counters (every checkout goes through it);
   * `total` and `idle` are read from mysql2's pool internals (`_allConnections`, `_freeConnections`), which
   * have no public accessor; they read 0 if a mysql2 release renames them.
   */
  poolStats(): PoolStats {
    const internals = (this.#pool as unknown as { pool?: PoolInternals }).pool;
    return {
      total: internals?._allConnections?.length ?? 0,
      idle: internals?._freeConnections?.length ?? 0,
      busy: this.#busy,
      queued: this.#waiting,
    };
  }

  /**
   * Sends a statement on a checked-out connection. Without per-statement options it is sent as
   * `query(sql, values)`, the call hand-written mysql2 code makes: mysql2 copies an options object into a new
   * one for every statement, measurable on the transaction path (docs/performance.md). mysql2 only reads the
   * values.
   */
  #query(connection: PoolConnection, statement: Statement): Promise<unknown> {
    if (statement.localInfile === undefined && this.#options.queryTimeoutMs === undefined) {
      return connection.query(statement.sql, statement.values as QueryOptions['values']);
    }
    return connection.query(this.#queryOptions(statement));
  }

  /** What a {@link PooledTransaction} needs of its driver, made once per driver. */
  readonly #transactionIo: TransactionIo = {
    query: (connection, statement) => this.#query(connection, statement),
    checkIn: (connection, discard) => this.#checkIn(connection, discard),
  };

  #queryOptions(statement: Statement): QueryOptions {
    return {
      sql: statement.sql,
      ...(statement.values !== undefined && { values: [...statement.values] }),
      ...(statement.localInfile !== undefined && { infileStreamFactory: statement.localInfile }),
      ...(this.#options.queryTimeoutMs !== undefined && { timeout: this.#options.queryTimeoutMs }),
    };
  }

  /** Checks a connection out, skipping ones that are too old (recycle) or do not answer a ping (pre-ping). */
  async #checkOut(): Promise<PoolConnection> {
    for (;;) {
      let connection: PoolConnection;
      this.#waiting += 1;
      try {
        connection = await this.#pool.getConnection();
      } catch (error) {
        throw toMatrixOneError(error);
      } finally {
        this.#waiting -= 1;
      }
      this.#busy += 1;
      const now = Date.now();
      const firstUsedAt = this.#firstUsedAt.get(connection.connection);
      if (firstUsedAt === undefined) this.#firstUsedAt.set(connection.connection, now);
      else if (this.#options.recycleMs !== undefined && now - firstUsedAt >= this.#options.recycleMs) {
        this.#checkIn(connection, true);
        continue;
      }
      const releasedAt = this.#releasedAt.get(connection.connection);
      if (
        this.#options.prePingIdleMs !== undefined &&
        releasedAt !== undefined &&
        now - releasedAt >= this.#options.prePingIdleMs
      ) {
        try {
          await connection.ping();
        } catch {
          // A dead connection is replaced, exactly what pre-ping is for.
          this.#checkIn(connection, true);
          continue;
        }
      }
      return connection;
    }
  }

  /** Gives a connection back, or closes it when it may be broken. */
  #checkIn(connection: PoolConnection, discard: boolean): void {
    this.#busy -= 1;
    if (discard) {
      connection.destroy();
      return;
    }
    this.#releasedAt.set(connection.connection, Date.now());
    connection.release();
  }
}

/** What a {@link PooledTransaction} uses of the driver that checked its connection out. */
interface TransactionIo {
  query(connection: PoolConnection, statement: Statement): Promise<unknown>;
  checkIn(connection: PoolConnection, discard: boolean): void;
}

/** A transaction on one checked-out connection, until released. One object per transaction, no closures. */
class PooledTransaction implements TransactionConnection {
  readonly inTransaction = true as const;
  readonly #connection: PoolConnection;
  readonly #io: TransactionIo;
  #open = true;
  #released = false;
  #unusable = false;

  constructor(connection: PoolConnection, io: TransactionIo) {
    this.#connection = connection;
    this.#io = io;
  }

  isOpen(): boolean {
    return this.#open;
  }

  async run<R = Row>(statement: Statement): Promise<StatementResult<R>> {
    this.#assertUsable();
    try {
      return statementResultOf<R>(await this.#io.query(this.#connection, statement));
    } catch (error) {
      throw this.#failed(error, statement);
    }
  }

  commit(): Promise<void> {
    return this.#end(COMMIT);
  }

  rollback(): Promise<void> {
    return this.#end(ROLLBACK);
  }

  async release(error?: unknown): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    // Released while still open (no COMMIT/ROLLBACK), after a timeout or after a failure: never reuse it.
    this.#io.checkIn(this.#connection, this.#open || this.#unusable || error !== undefined);
    this.#open = false;
  }

  async #end(statement: Statement): Promise<void> {
    this.#open = false;
    this.#assertUsable();
    try {
      await this.#io.query(this.#connection, statement);
    } catch (error) {
      throw this.#failed(error, statement);
    }
  }

  #assertUsable(): void {
    // After a timeout mysql2 still waits for the old statement's answer and would queue this one behind it
    // (forever, if the server stalled); the connection is closed on release, which ends the transaction.
    if (this.#unusable) {
      throw new ConnectionError(
        'The statement was not sent: an earlier statement of this transaction timed out or broke the connection, ' +
          'so the connection is being closed (the server rolls back the open transaction when it closes).',
      );
    }
  }

  #failed(error: unknown, statement: Statement): unknown {
    this.#unusable ||= leavesConnectionUnusable(error);
    return toMatrixOneError(error, statement);
  }
}

const COMMIT: Statement = { sql: 'COMMIT' };
const ROLLBACK: Statement = { sql: 'ROLLBACK' };
const START_TRANSACTION: readonly string[] = ['START TRANSACTION'];

/** The statements that start a transaction with the requested options. */
function beginStatements(options: TransactionOptions): readonly string[] {
  // The usual case, without options: no array per transaction.
  if (options.isolationLevel === undefined && options.readOnly === undefined) return START_TRANSACTION;
  const statements: string[] = [];
  if (options.isolationLevel !== undefined) {
    if (!ISOLATION_LEVELS.has(options.isolationLevel)) {
      throw new InvalidInputError(
        'isolationLevel',
        `The isolation level must be one of ${[...ISOLATION_LEVELS].join(', ')}, got ${String(options.isolationLevel)}.`,
      );
    }
    statements.push(`SET TRANSACTION ISOLATION LEVEL ${options.isolationLevel}`);
  }
  statements.push(options.readOnly === true ? 'START TRANSACTION READ ONLY' : 'START TRANSACTION');
  return statements;
}

/**
 * Whether a failed connection must not be reused: fatal driver errors, and mysql2's query timeout, which
 * gives up waiting but leaves the statement running and its answer still to come on that connection.
 */
function leavesConnectionUnusable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { fatal, code } = error as { fatal?: unknown; code?: unknown };
  return fatal === true || code === 'PROTOCOL_SEQUENCE_TIMEOUT';
}
