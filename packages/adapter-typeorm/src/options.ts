import type { IsolationLevel, Transaction } from '@matrixone/core';
import type { AdapterOptions, OrmClient } from '@matrixone/core/adapter';
import type { DataSource, EntityManager } from 'typeorm';

/** Options of {@link matrixone}: the kit's, the same in every adapter. */
export type MatrixOneTypeOrmOptions = AdapterOptions;

/** What the callback of a {@link MatrixOneTypeOrmClient}'s `transaction()` receives. */
export interface TypeOrmTransactionContext {
  /** TypeORM's transactional EntityManager: repositories and query builders from it run in the transaction. */
  readonly manager: EntityManager;
  /** The SDK bound to the same transaction and connection: raw SQL, managers and after-commit hooks. */
  readonly mo: Transaction;
}

/** How a {@link MatrixOneTypeOrmClient}'s `transaction()` starts TypeORM's transaction. */
export interface TypeOrmTransactionOptions {
  /** Isolation level passed to `dataSource.transaction`; the server default when omitted. */
  readonly isolationLevel?: IsolationLevel;
}

/**
 * The SDK client over an initialized DataSource: everything of the core `MatrixOneClient`, every statement on a
 * query runner borrowed from TypeORM's own pool (there is no second pool; `close()` leaves the DataSource
 * initialized). `transaction()` runs `dataSource.transaction(...)` with the SDK bound to it; its hooks run once
 * TypeORM has released the connection.
 *
 * @example
 * await client.transaction(async ({ manager, mo }) => {
 *   await manager.getRepository(Order).save(order);
 *   await mo.clones.table({ table: 'orders_backup' }, { table: 'orders' });
 *   mo.afterCommit(() => client.snapshots.create({ name: 'orders_saved', level: 'account' }));
 * });
 */
export interface MatrixOneTypeOrmClient
  extends OrmClient<TypeOrmTransactionContext, TypeOrmTransactionOptions> {
  /** The DataSource this client runs on. */
  readonly dataSource: DataSource;
}
