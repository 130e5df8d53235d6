/** `matrixone(...)`: the one entry point of the adapter. */
import { ConfigurationError, InvalidInputError, type Transaction, TransactionError } from '@matrixone/core';
import { QueryEvents, sharedQueryEvents, validQueryTimeout } from '@matrixone/core/adapter';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { dataSourceOf } from './data-source-of.js';
import { releaseSockets } from './release-sockets.js';
import { bindQueryRunner } from './transaction-binding.js';
import {
  type MatrixOneTypeOrmClient,
  type MatrixOneTypeOrmOptions,
  createTypeOrmClient,
} from './typeorm-client.js';
import { isDataSource, isEntityManager, isQueryRunner } from './typeorm-objects.js';

const MYSQL_DRIVER_TYPES: readonly string[] = ['mysql', 'mariadb'];

/**
 * The SDK client over an initialized TypeORM DataSource (mysql or mariadb driver): raw SQL, streaming and every
 * manager on TypeORM's own pool, plus `transaction(async ({ manager, mo }) => …)`.
 *
 * @example
 * const dataSource = await new DataSource({ type: 'mysql', url, entities: [Order] }).initialize();
 * const client = matrixone(dataSource);
 * await client.snapshots.create({ name: 'nightly', level: 'account' });
 */
export function matrixone(dataSource: DataSource, options?: MatrixOneTypeOrmOptions): MatrixOneTypeOrmClient;
/**
 * The SDK bound to a TypeORM transaction you already have: the EntityManager of `dataSource.transaction(...)`
 * (or of a nested `manager.transaction`), or a QueryRunner after `startTransaction()`. Statements run on that
 * transaction's connection; `afterCommit` hooks run once TypeORM has committed. Binding the same transaction
 * again returns the same object. A manager or runner without an open transaction is refused with a
 * `TransactionError` rather than run in autocommit.
 *
 * @example
 * await dataSource.transaction(async (manager) => {
 *   await manager.save(order);
 *   const mo = matrixone(manager);
 *   await mo.clones.table({ table: 'orders_backup' }, { table: 'orders' });
 *   mo.afterCommit(() => console.log('orders and their backup committed'));
 * });
 */
export function matrixone(
  transaction: EntityManager | QueryRunner,
  options?: MatrixOneTypeOrmOptions,
): Transaction;
export function matrixone(
  target: DataSource | EntityManager | QueryRunner,
  options: MatrixOneTypeOrmOptions = {},
): MatrixOneTypeOrmClient | Transaction {
  if (isDataSource(target)) {
    assertUsableDataSource(target);
    releaseSockets(target);
    return createTypeOrmClient(target, options);
  }
  const queryRunner = isEntityManager(target) ? managerQueryRunner(target) : target;
  if (!isQueryRunner(queryRunner)) {
    throw new InvalidInputError(
      'target',
      'matrixone() takes a TypeORM DataSource, the EntityManager of a transaction, or a QueryRunner.',
    );
  }
  const dataSource = dataSourceOf(queryRunner);
  assertUsableDataSource(dataSource);
  releaseSockets(dataSource);
  return bindQueryRunner(queryRunner, {
    events: new QueryEvents(options.logger, sharedQueryEvents(dataSource)),
    ...(options.serverFlavor !== undefined && { serverFlavor: options.serverFlavor }),
    queryTimeoutMs: validQueryTimeout(options.queryTimeoutMs),
  });
}

function managerQueryRunner(manager: EntityManager): QueryRunner {
  if (manager.queryRunner) return manager.queryRunner;
  throw new TransactionError(
    'This EntityManager is not in a transaction (dataSource.manager runs every statement in autocommit). ' +
      'Pass the manager that dataSource.transaction(async (manager) => …) hands you, or use matrixone(dataSource).',
  );
}

function assertUsableDataSource(dataSource: DataSource): void {
  if (!MYSQL_DRIVER_TYPES.includes(dataSource.options.type)) {
    throw new ConfigurationError(
      'type',
      `the DataSource uses the "${dataSource.options.type}" driver; MatrixOne speaks the MySQL protocol, so use ` +
        'type "mysql" (or "mariadb").',
    );
  }
  if (!dataSource.isInitialized) {
    throw new ConfigurationError(
      'dataSource',
      'the DataSource is not initialized: await dataSource.initialize() before passing it to matrixone().',
    );
  }
}
