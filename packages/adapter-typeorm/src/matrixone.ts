import { ConfigurationError, type Transaction, TransactionError } from '@matrixone/core';
import { carryCallbackErrors, defineOrmAdapter } from '@matrixone/core/adapter';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { RunnerTransaction, dataSourceOf, hasTypeOrmTag, transactionOf, typeormBinding } from './binding.js';
import type {
  MatrixOneTypeOrmClient,
  MatrixOneTypeOrmOptions,
  TypeOrmTransactionContext,
} from './options.js';
import { useSchemaToolsOnMatrixOne } from './schema-tools.js';

const typeormAdapter = defineOrmAdapter(typeormBinding, {
  ormProperty: 'dataSource',
  context: (tx, mo): TypeOrmTransactionContext => ({ manager: tx.queryRunner.manager, mo }),
  assertUsable(target) {
    // The SDK never falls back to autocommit when a transaction was meant.
    const runner = target instanceof RunnerTransaction ? target.queryRunner : undefined;
    if (runner?.isReleased) {
      throw new TransactionError('The TypeORM query runner was released: its transaction is over.');
    }
    if (runner && !runner.isTransactionActive) {
      throw new TransactionError(
        'The TypeORM query runner has no open transaction. Call queryRunner.startTransaction() first, or use ' +
          'the manager that dataSource.transaction(...) hands you.',
      );
    }
    const { options, isInitialized } = dataSourceOf(target);
    // MatrixOne speaks the MySQL protocol, and the SDK reads the mysql driver's mysql2 pools.
    if (options.type !== 'mysql' && options.type !== 'mariadb') {
      const hint = 'MatrixOne speaks the MySQL protocol, so use type "mysql" (or "mariadb").';
      throw new ConfigurationError('type', `the DataSource uses the "${options.type}" driver; ${hint}`);
    }
    if (!isInitialized) {
      const hint = 'await dataSource.initialize() before passing it to matrixone().';
      throw new ConfigurationError('dataSource', `the DataSource is not initialized: ${hint}`);
    }
  },
});

const prepared = new WeakSet<DataSource>();

/**
 * Every query runner `dataSource` creates from now on (TypeORM's schema tools, transactions and the SDK's statements
 * all take theirs from `dataSource.createQueryRunner`): a nested transaction's error, which TypeORM hands to no
 * rollback path, carried from the callback of the runner's manager; and the schema tools corrected on MatrixOne.
 */
function prepareRunners(dataSource: DataSource, { serverFlavor }: MatrixOneTypeOrmOptions = {}): void {
  if (prepared.has(dataSource)) return;
  prepared.add(dataSource);
  const create = dataSource.createQueryRunner;
  dataSource.createQueryRunner = function (this: DataSource, mode) {
    const runner = create.call(this, mode);
    const { manager } = runner;
    // The callback gets this runner's manager back (TypeORM nests on the same runner): its mysql2 connection.
    const connection = () => (runner as { databaseConnection?: unknown }).databaseConnection;
    manager.transaction = carryCallbackErrors(manager.transaction, connection);
    useSchemaToolsOnMatrixOne(runner, dataSource, serverFlavor);
    return runner;
  };
}

/** What the kit binds for a manager or a runner: the transaction open on the runner. Anything else as is. */
function bindable(target: unknown): unknown {
  if (hasTypeOrmTag(target, 'EntityManager')) {
    const { queryRunner } = target as EntityManager;
    if (queryRunner) return transactionOf(queryRunner);
    throw new TransactionError(
      'This EntityManager is not in a transaction (dataSource.manager runs every statement in autocommit). ' +
        'Pass the manager that dataSource.transaction(async (manager) => …) hands you, or use matrixone(dataSource).',
    );
  }
  // Query runners carry no TypeORM tag: recognised by their members.
  const runner = target as Partial<QueryRunner> | null;
  const isRunner = typeof runner?.startTransaction === 'function' && typeof runner.isReleased === 'boolean';
  return isRunner ? transactionOf(runner as QueryRunner) : target;
}

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
 * transaction's connection; `afterCommit` hooks run once TypeORM has committed (a failing one goes to
 * `onHookError`). Binding the same transaction again returns the same object. A manager or runner without an
 * open transaction is refused with a `TransactionError` rather than run in autocommit.
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
  options?: MatrixOneTypeOrmOptions,
): MatrixOneTypeOrmClient | Transaction {
  const bound = bindable(target) as DataSource | RunnerTransaction;
  const adapted = typeormAdapter.matrixone(bound, options) as MatrixOneTypeOrmClient | Transaction;
  // Only once the kit accepted the DataSource: initialized, on the mysql or mariadb driver.
  if (hasTypeOrmTag(target, 'DataSource')) prepareRunners(target as DataSource, options);
  return adapted;
}
