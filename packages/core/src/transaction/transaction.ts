/**
 * A transaction as users and managers see it: a {@link Queryable} pinned to one connection inside one open
 * transaction, with nested transactions as savepoints and hooks that run after the outcome is known.
 * Whoever owns the transaction (the client's `transaction()` or an adapter through `bindTransaction`) ends it;
 * this module only runs statements on it, in order, while it is open.
 */
import {
  type BulkInsertOptions,
  type BulkInsertResult,
  planBulkInsert,
  runBulkInsert,
} from '../bulk/bulk-insert.js';
import type { BulkRows } from '../bulk/bulk-rows.js';
import { MaxAllowedPacket } from '../bulk/max-allowed-packet.js';
import type { Row, Statement, StatementResult, TransactionalExecutor } from '../connection/executor.js';
import { observeRun } from '../connection/observe-statement.js';
import { TransactionError, isMatrixOneError } from '../errors/errors.js';
import type { QueryEvents } from '../events/query-events.js';
import { ManagedQueryable, type Queryable } from '../managers/queryable.js';
import type { ServerInfo } from '../server/server-info.js';
import { IdentifierKind, type TableRef, quoteIdentifier } from '../sql/identifier.js';
import { attachFailure } from './failure-details.js';
import { endsWholeTransaction } from './server-abort.js';
import { StatementQueue } from './statement-queue.js';
import { type HookPhase, type TransactionHook, TransactionHooks } from './transaction-hooks.js';

/** A transaction: everything a client can run, on the transaction's connection, plus nesting and hooks. */
export interface Transaction extends Queryable {
  /**
   * Runs `fn` in a nested transaction (a savepoint): RELEASE SAVEPOINT when it resolves, ROLLBACK TO SAVEPOINT
   * when it throws (then the error is re-thrown). MatrixOne cannot roll back to a savepoint: there the inner
   * failure becomes a {@link TransactionError} and the whole transaction rolls back.
   *
   * @example
   * await client.transaction(async (tx) => {
   *   await tx.execute('INSERT INTO orders (id) VALUES (?)', [1]);
   *   await tx.transaction(async (inner) => inner.execute('INSERT INTO audit (id) VALUES (?)', [1]));
   * });
   */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /**
   * Schedules `hook` to run after the outermost transaction commits, in registration order. A failing hook
   * does not undo the commit: the transaction resolves with a `HookError` after every hook ran.
   *
   * @example
   * tx.afterCommit(() => client.snapshots.create({ name: 'after_import', level: 'account' }));
   */
  afterCommit(hook: TransactionHook): void;
  /** Schedules `hook` to run after the transaction (or this nested transaction) rolls back. */
  afterRollback(hook: TransactionHook): void;
  /**
   * Inserts many rows with multi-row INSERT statements and bound values, on this transaction's connection, in
   * batches that fit the server's `max_allowed_packet` (read once per transaction) and at most
   * `maxRowsPerBatch` rows (default 1000). A failing batch rejects the call; the rows of earlier batches stay
   * in the transaction until it rolls back, which letting the error propagate does.
   *
   * @example
   * await client.transaction(async (tx) => {
   *   await tx.execute('DELETE FROM events WHERE day = ?', [day]);
   *   await tx.bulkInsert('events', rows, { maxRowsPerBatch: 5000 });
   * });
   */
  bulkInsert(
    table: string | TableRef,
    rows: BulkRows,
    options?: BulkInsertOptions,
  ): Promise<BulkInsertResult>;
  /** False once this transaction (or the outermost one) has ended; statements then fail with a TransactionError. */
  isOpen(): boolean;
  /** The executor managers run on: pinned to this transaction's connection, `inTransaction` true. */
  readonly executor: TransactionalExecutor;
}

/** What a transaction and all its nested savepoint scopes share. */
interface TransactionRoot {
  readonly connection: TransactionalExecutor;
  readonly queue: StatementQueue;
  readonly events: QueryEvents;
  readonly serverInfo: () => Promise<ServerInfo>;
  readonly maxAllowedPacket: MaxAllowedPacket;
  ended: boolean;
  savepoints: number;
  /** Set when a nested rollback could not be done or the server ended the transaction: it must roll back. */
  rollbackOnly: TransactionError | undefined;
  /** Set when the server ended the transaction itself: later statements would run outside it. */
  endedByServer: TransactionError | undefined;
}

/** Whether one scope (outermost or nested) is still open. */
interface ScopeState {
  open: boolean;
}

/**
 * One transaction scope: the outermost transaction or one nested savepoint. Created by the client's
 * `transaction()` and by `bindTransaction`; not exported from the package.
 */
export class TransactionScope extends ManagedQueryable implements Transaction {
  readonly executor: TransactionalExecutor;
  readonly #root: TransactionRoot;
  readonly #state: ScopeState;
  readonly #hooks = new TransactionHooks();

  private constructor(root: TransactionRoot, state: ScopeState) {
    const executor = new ScopeExecutor(root, state);
    super({ executor, serverInfo: root.serverInfo });
    this.executor = executor;
    this.#root = root;
    this.#state = state;
  }

  /** Starts the outermost scope over a connection that already has an open transaction. */
  static open(
    connection: TransactionalExecutor,
    events: QueryEvents,
    serverInfo: () => Promise<ServerInfo>,
  ): TransactionScope {
    const root: TransactionRoot = {
      connection,
      queue: new StatementQueue(),
      events,
      serverInfo,
      maxAllowedPacket: new MaxAllowedPacket(),
      ended: false,
      savepoints: 0,
      rollbackOnly: undefined,
      endedByServer: undefined,
    };
    return new TransactionScope(root, { open: true });
  }

  isOpen(): boolean {
    return this.#state.open && isRootOpen(this.#root);
  }

  afterCommit(hook: TransactionHook): void {
    this.#addHook('afterCommit', hook);
  }

  afterRollback(hook: TransactionHook): void {
    this.#addHook('afterRollback', hook);
  }

  async bulkInsert(
    table: string | TableRef,
    rows: BulkRows,
    options: BulkInsertOptions = {},
  ): Promise<BulkInsertResult> {
    const plan = await planBulkInsert(table, rows, options, () =>
      this.#root.maxAllowedPacket.read(this.executor),
    );
    return runBulkInsert(this.executor, plan);
  }

  async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    this.#root.savepoints += 1;
    const savepoint = quoteIdentifier(`mo_sdk_savepoint_${this.#root.savepoints}`, IdentifierKind.Savepoint);
    await this.executor.run({ sql: `SAVEPOINT ${savepoint}` });
    const inner = new TransactionScope(this.#root, { open: true });
    let result: T;
    try {
      result = await fn(inner);
    } catch (error) {
      inner.#state.open = false;
      throw await this.#rollbackToSavepoint(inner, savepoint, error);
    }
    inner.#state.open = false;
    this.#hooks.adopt(inner.#hooks);
    await this.executor.run({ sql: `RELEASE SAVEPOINT ${savepoint}` });
    return result;
  }

  /**
   * Ends the outermost transaction for statements: later ones fail with a TransactionError.
   * Called by the transaction's owner when it commits or rolls back.
   */
  end(): void {
    this.#state.open = false;
    this.#root.ended = true;
  }

  /** Runs a task on the transaction's connection after every statement queued before it. */
  enqueue<T>(task: () => Promise<T>): Promise<T> {
    return this.#root.queue.run(task);
  }

  /** The events of this transaction. */
  get events(): QueryEvents {
    return this.#root.events;
  }

  /**
   * The reason the whole transaction must roll back, when a nested rollback could not be done or the server
   * ended the transaction.
   */
  get rollbackOnly(): TransactionError | undefined {
    return this.#root.rollbackOnly;
  }

  /** Set when a statement failed with an error after which the server had rolled back the whole transaction. */
  get endedByServer(): TransactionError | undefined {
    return this.#root.endedByServer;
  }

  /** Runs this scope's hooks of one phase; see {@link TransactionHooks.run}. */
  runHooks(phase: HookPhase): Promise<void> {
    return this.#hooks.run(phase);
  }

  #addHook(phase: HookPhase, hook: TransactionHook): void {
    if (!this.isOpen()) {
      throw new TransactionError(`${phase}() was called on a transaction that has already ended.`);
    }
    this.#hooks.add(phase, hook);
  }

  /** Returns the error the nested transaction() call throws. */
  async #rollbackToSavepoint(inner: TransactionScope, savepoint: string, error: unknown): Promise<unknown> {
    try {
      await this.executor.run({ sql: `ROLLBACK TO SAVEPOINT ${savepoint}` });
    } catch (rollbackError) {
      // MatrixOne (docs/matrixone-facts.md#transactions) and broken connections: the inner work cannot be
      // undone on its own.
      this.#hooks.adopt(inner.#hooks);
      const failure = new TransactionError(
        'A nested transaction failed and rolling back to its savepoint failed too' +
          (isMatrixOneError(rollbackError) && rollbackError.serverMessage
            ? ` ("${rollbackError.serverMessage}")`
            : '') +
          ': the whole transaction must roll back. MatrixOne cannot roll back to a savepoint, so nested ' +
          'transactions cannot be undone on their own there. The original error is the `cause`.',
        { cause: error, rollbackError },
      );
      this.#root.rollbackOnly ??= failure;
      return failure;
    }
    try {
      await inner.#hooks.run('afterRollback');
    } catch (hookError) {
      return attachFailure(error, 'hookError', hookError);
    }
    return error;
  }
}

function isRootOpen(root: TransactionRoot): boolean {
  return !root.ended && root.connection.isOpen();
}

/** The executor of one scope: checks that the scope is open, then queues the statement on the connection. */
class ScopeExecutor implements TransactionalExecutor {
  readonly inTransaction = true as const;
  readonly #root: TransactionRoot;
  readonly #state: ScopeState;

  constructor(root: TransactionRoot, state: ScopeState) {
    this.#root = root;
    this.#state = state;
  }

  isOpen(): boolean {
    return this.#state.open && isRootOpen(this.#root);
  }

  run<R = Row>(statement: Statement): Promise<StatementResult<R>> {
    try {
      this.#assertOpen();
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#root.queue.run(() => {
      this.#assertOpen();
      return observeRun<R>(this.#root.events, this.#root.connection, statement, this.#onFailure);
    });
  }

  /** Sees every failed statement of this scope (one function per scope, not one per statement). */
  readonly #onFailure = (error: unknown): void => {
    if (endsWholeTransaction(error)) this.#markEndedByServer(error);
  };

  #markEndedByServer(error: unknown): void {
    const ended = new TransactionError(
      'The server rolled back the whole transaction (deadlock, lock-wait timeout or lost backend; the `cause` ' +
        'says which), so later statements would run outside it and are refused. Let the error propagate so the ' +
        'transaction ends, then run it again.',
      { cause: error },
    );
    this.#root.endedByServer ??= ended;
    this.#root.rollbackOnly ??= ended;
  }

  #assertOpen(): void {
    if (this.#root.endedByServer && isRootOpen(this.#root)) throw this.#root.endedByServer;
    if (this.isOpen()) return;
    const which = isRootOpen(this.#root) ? 'This nested transaction' : 'This transaction';
    throw new TransactionError(
      `${which} has already ended (committed or rolled back), so the statement was not sent. ` +
        'Run it on the client, or inside a new transaction.',
    );
  }
}
