/**
 * The whole contract between the SDK and one ORM: what an adapter implements, and nothing else. Hand an
 * {@link OrmBinding} to `defineOrmAdapter` and core builds everything users get from it: `matrixone(orm)` and
 * `matrixone(ormTransaction)`, the client over the ORM's pool, `transaction(({ …, mo }) => …)`, hooks, server
 * detection, query events, timeouts, the savepoint rules, read-only handling, outcome-unknown errors and error
 * mapping. An adapter holds no MatrixOne SQL and maps no errors: it throws what its ORM threw.
 *
 * `Orm` is the ORM instance (a Knex instance, a Sequelize, a DataSource); `OrmTx` is its transaction object (a
 * Knex `trx`, a Sequelize `Transaction`, a TypeORM `QueryRunner`); `OrmTxOptions` what its `transaction()` takes.
 */
import type { Row, Statement, StatementResult, TransactionOptions } from '../connection/executor.js';
import type { RowIdNumbering } from '../connection/matrixone-insert-ids.js';

/**
 * How one ORM is reached. Every method receives the ORM object it acts on; a binding keeps no state of its own
 * beyond what it patches on those objects.
 *
 * @example
 * const knexBinding: OrmBinding<Knex, Knex.Transaction> = {
 *   ormName: 'Knex',
 *   rowIds: 'first-only',
 *   isOrm: (value): value is Knex => typeof value === 'function' && 'raw' in value,
 *   isTransaction: (value): value is Knex.Transaction => (value as Knex.Transaction)?.isTransaction === true,
 *   identity: (target) => target.client.config,
 *   run: (target, statement) => target.raw(statement.sql, statement.values).then(toResult),
 *   // … the other members, see packages/adapter-knex/src/binding.ts
 * };
 */
export interface OrmBinding<Orm extends object, OrmTx extends object, OrmTxOptions = TransactionOptions> {
  /** The ORM's name as messages show it: `'Knex'`, `'Sequelize'`, `'TypeORM'`. */
  readonly ormName: string;
  /**
   * How the ORM reads the `insertId` of a multi-row INSERT: `first-only`, or `consecutive` when it numbers the
   * rows `first, first + 1, …` itself (see `correctInsertIds`).
   */
  readonly rowIds: RowIdNumbering;
  /** True for an ORM instance. */
  isOrm(value: unknown): value is Orm;
  /** True for a transaction object of the ORM, nested ones included. Checked before {@link isOrm}. */
  isTransaction(value: unknown): value is OrmTx;
  /**
   * The object that stands for the ORM instance, the same for the instance and every transaction of it: the
   * detected server, the query events of bound transactions and the connection patches are shared by it.
   */
  identity(target: Orm | OrmTx): object;
  /**
   * Runs one statement on the ORM's pool (`target` an instance) or on the transaction's connection (`target`
   * a transaction), with `statement.values` bound to its `?` placeholders and no values sent when there are
   * none. With `timeoutMs`, gives up after that many milliseconds and makes sure the connection is not reused.
   * Rejects with whatever the ORM threw: core maps it.
   */
  run(target: Orm | OrmTx, statement: Statement, timeoutMs: number | undefined): Promise<StatementResult>;
  /** Streams a query's rows from one pooled connection. Leave it out when the ORM cannot stream. */
  stream?(orm: Orm, statement: Statement): AsyncIterable<Row>;
  /** False once the ORM has committed or rolled back `tx` or any transaction around it. */
  isOpen(tx: OrmTx): boolean;
  /** The transaction `tx` is nested in (a savepoint's), or `undefined` for an outermost one. */
  parentOf(tx: OrmTx): OrmTx | undefined;
  /**
   * Runs `work` in the ORM's own managed transaction (COMMIT when it resolves, ROLLBACK when it throws) and
   * settles as the ORM does. `client.transaction()` runs on it.
   */
  transaction<T>(orm: Orm, work: (tx: OrmTx) => Promise<T>, options?: OrmTxOptions): Promise<T>;
  /** True when `options` ask for a read-only transaction (refused on MatrixOne before anything is sent). */
  isReadOnly(options: OrmTxOptions | undefined): boolean;
  /** Begins a transaction the SDK itself ends with {@link end} (the client's `bulkInsert`). */
  begin(orm: Orm, options?: TransactionOptions): Promise<OrmTx>;
  /** Sends COMMIT or ROLLBACK for a transaction from {@link begin}; rejects when it failed. */
  end(tx: OrmTx, outcome: 'commit' | 'rollback'): Promise<void>;
  /**
   * Reports how `tx` ends to `watcher`, by intercepting the ORM's commit and rollback of that transaction
   * object (called once per transaction the SDK is bound to, and for the transactions around it).
   */
  watch(tx: OrmTx, watcher: TransactionWatcher): void;
  /** Calls `prepare` on every mysql2 connection the ORM hands out from now on, before the ORM uses it. */
  prepareConnections(orm: Orm, prepare: (connection: unknown) => void): void;
  /**
   * Frees the socket of every mysql2 connection the ORM ends from now on, once its `end()` sent COM_QUIT
   * (`destroyAfterQuit` from `@matrixone/core`; MatrixOne keeps the socket open): every connection of an
   * instance, the one connection of a transaction.
   */
  releaseSockets(target: Orm | OrmTx): void;
}

/** What an adapter tells core about one transaction it watches (see {@link OrmBinding.watch}). */
export interface TransactionWatcher {
  /**
   * Call right before the ORM sends COMMIT of an outermost transaction. An error means the transaction must
   * not commit: roll it back instead, and fail the commit with that error.
   */
  refuseCommit(): Error | undefined;
  /**
   * Call once the ORM's COMMIT or ROLLBACK of the transaction finished (for a nested one: its rollback). The
   * promise resolves once the hooks it settled have run (their failures are reported elsewhere, never here): an
   * adapter that wraps the ORM's `commit()` can await it, so that call resolves after the hooks.
   */
  ended(end: TransactionEnd): Promise<void>;
  /** Call with each statement of the ORM's own that failed in the transaction (a ROLLBACK TO SAVEPOINT …). */
  statementFailed(sql: string, error: unknown): void;
}

/** How a watched transaction ended: committed, rolled back, or its COMMIT failed with `error`. */
export type TransactionEnd = 'committed' | 'rolled-back' | { readonly commitFailed: unknown };
