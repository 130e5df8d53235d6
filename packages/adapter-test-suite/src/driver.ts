/**
 * What an adapter package hands the conformance suite: a small driver that opens its ORM on a test database
 * and exposes the adapter's entry points plus a few native ORM operations. The suite only ever talks to this
 * contract, so the same checks prove every adapter (knex, sequelize, typeorm).
 */
import type { QueryEvent, Queryable, Transaction } from '@matrixone/core';

/** A row of the suite's test tables: `(id INT PRIMARY KEY, name VARCHAR(100))`. */
export interface TestRow {
  readonly id: number;
  readonly name: string;
}

/** `mo` inside an ORM transaction: the core `Transaction` an adapter binds to it. */
export type ConformanceTransaction = Transaction;

/**
 * The part of the adapter's client (`matrixone(ormInstance)`) the suite exercises: the core `Queryable`
 * surface, query events and `close()`. The adapter's own client satisfies it structurally (its
 * `transaction()` signature is ORM-specific, so it is reached through {@link AdapterUnderTest.transaction}).
 */
export interface ConformanceClient extends Queryable {
  /** Adds a query-event listener; events of `mo` statements must reach it too. */
  on(event: 'query', listener: (event: QueryEvent) => void): unknown;
  /** Removes a query-event listener. */
  off(event: 'query', listener: (event: QueryEvent) => void): unknown;
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
