/**
 * What an adapter package hands the conformance suite: a small driver that opens its ORM on a test database
 * and exposes the adapter's entry points plus a few native ORM operations. The suite only ever talks to this
 * contract, so the same checks prove every adapter (knex, sequelize, typeorm).
 */
import type { Row, ServerInfo } from '@matrixone/core';

/** A row of the suite's test tables: `(id INT PRIMARY KEY, name VARCHAR(100))`. */
export interface TestRow {
  readonly id: number;
  readonly name: string;
}

/** What running a statement that returns no rows reports (the core `ExecuteResult`). */
export interface ConformanceExecuteResult {
  readonly affectedRows: number;
  readonly insertId?: number | string;
}

/**
 * The part of the core `Queryable` surface the suite exercises. An adapter passes its real objects (the core
 * client and the core `Transaction`); they satisfy this structurally.
 */
export interface ConformanceQueryable {
  execute(sql: string, values?: readonly unknown[]): Promise<ConformanceExecuteResult>;
  query<R = Row>(sql: string, values?: readonly unknown[]): Promise<R[]>;
  serverInfo(): Promise<ServerInfo>;
}

/** The part of the core `Transaction` the suite exercises (`mo` inside an ORM transaction). */
export interface ConformanceTransaction extends ConformanceQueryable {
  afterCommit(hook: () => unknown | Promise<unknown>): void;
  afterRollback(hook: () => unknown | Promise<unknown>): void;
  isOpen(): boolean;
}

/** The part of the adapter's client (`matrixone(ormInstance)`) the suite exercises. */
export interface ConformanceClient extends ConformanceQueryable {
  /** Closes the SDK client only; the ORM instance stays usable. */
  close(): Promise<void>;
}

/** An adapter opened on one test database, with the ORM instance it wraps. */
export interface AdapterUnderTest<OrmTx> {
  /** The adapter's client: `matrixone(ormInstance)`. */
  readonly client: ConformanceClient;
  /** The adapter's own transaction: `client.transaction(async ({ <ormTx>, mo }) => …)`, with the ORM handle as `orm`. */
  transaction<T>(fn: (context: { orm: OrmTx; mo: ConformanceTransaction }) => Promise<T>): Promise<T>;
  /** The ORM's native managed transaction (commit on resolve, rollback on throw), without the adapter. */
  ormTransaction<T>(fn: (orm: OrmTx) => Promise<T>): Promise<T>;
  /** Binds the SDK to an ORM transaction: `matrixone(ormTx)`. */
  bind(orm: OrmTx): ConformanceTransaction;
  /** `SELECT CONNECTION_ID()` sent through the ORM inside `orm`, as a number. */
  ormConnectionId(orm: OrmTx): Promise<number>;
  /** Inserts rows into `table` through the ORM's model or query builder (not raw SQL), inside `orm`. */
  ormInsert(orm: OrmTx, table: string, rows: readonly TestRow[]): Promise<void>;
  /** Runs `fn` in the ORM's nested transaction (savepoint) inside `orm`; a throw in `fn` rolls back only the nested part. */
  ormNested<T>(orm: OrmTx, fn: (inner: OrmTx) => Promise<T>): Promise<T>;
  /** Connections currently checked out of the ORM's pool. */
  checkedOutConnections(): number;
  /** Closes the adapter client and the ORM instance (its pool). */
  close(): Promise<void>;
}

/** Opens an adapter under test; one per adapter package. */
export interface AdapterConformanceDriver<OrmTx> {
  /** The ORM's name, used in test titles: `'knex' | 'sequelize' | 'typeorm'`. */
  readonly name: string;
  /** Opens the ORM on `url` (a `mysql://` URL with the test database selected) with a pool of `poolSize` connections. */
  open(url: string, options: { readonly poolSize: number }): Promise<AdapterUnderTest<OrmTx>>;
}
