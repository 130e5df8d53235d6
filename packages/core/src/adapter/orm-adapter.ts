/**
 * The one factory that turns an {@link OrmBinding} into everything users of an adapter get.
 */
import { prepareMatrixOneConnection } from '../connection/prepare-matrixone-connection.js';
import { InvalidInputError } from '../errors/errors.js';
import type { Transaction } from '../transaction/transaction.js';
import { type AdapterOptions, setUpAdapter } from './adapter-setup.js';
import { bindOrmTransaction } from './bound-orm-transaction.js';
import { answerLocalInfile } from './local-infile.js';
import type { OrmBinding } from './orm-binding.js';
import { BindingClient, type OrmClient } from './orm-client.js';

/** How an adapter's client looks beyond the binding. */
export interface OrmAdapterShape<Orm, OrmTx, Context> {
  /** The client property that holds the ORM instance (`'knex'`, `'dataSource'`), if any. */
  readonly ormProperty?: string;
  /** What the callback of `client.transaction()` receives: the ORM's transaction and `mo`, side by side. */
  context(tx: OrmTx, mo: Transaction): Context;
  /** Checks an ORM instance or transaction before use (its dialect, …); throws a `ConfigurationError`. */
  assertUsable?(target: Orm | OrmTx): void;
}

/** What {@link defineOrmAdapter} returns; an adapter's `matrixone()` overloads call {@link OrmAdapter.matrixone}. */
export interface OrmAdapter<Orm, OrmTx, Context, OrmTxOptions> {
  /**
   * The client over an ORM instance's pool, or the SDK transaction bound to an ORM transaction (the same
   * object for the same transaction); anything else is refused with `InvalidInputError`.
   */
  matrixone(target: Orm | OrmTx, options?: AdapterOptions): OrmClient<Context, OrmTxOptions> | Transaction;
}

const prepared = new WeakSet<object>();
const released = new WeakSet<object>();

/**
 * Builds an adapter from its binding: `matrixone(orm)` gives the client on the ORM's pool (every connection the
 * ORM hands out from then on prepared for MatrixOne: insert ids, nested rollbacks, refused statements, upserts,
 * error codes, and the client file of a `LOAD DATA LOCAL` answered), `matrixone(tx)` the SDK transaction bound to
 * the ORM's transaction (hook failures to `onHookError`); either way the sockets the ORM ends are freed after their QUIT.
 *
 * @example
 * const knexAdapter = defineOrmAdapter(knexBinding, { ormProperty: 'knex', context: (trx, mo) => ({ trx, mo }) });
 * export const matrixone = (target, options) => knexAdapter.matrixone(target, options);
 */
export function defineOrmAdapter<Orm extends object, OrmTx extends object, Context, OrmTxOptions>(
  binding: OrmBinding<Orm, OrmTx, OrmTxOptions>,
  shape: OrmAdapterShape<Orm, OrmTx, Context>,
): OrmAdapter<Orm, OrmTx, Context, OrmTxOptions> {
  const client = (orm: Orm, options: AdapterOptions): OrmClient<Context, OrmTxOptions> => {
    const setup = setUpAdapter(binding.identity(orm), options, true);
    if (!prepared.has(orm)) {
      prepared.add(orm);
      const { serverFlavor } = setup;
      binding.prepareConnections(orm, (connection) => {
        prepareMatrixOneConnection(connection, {
          rowIds: binding.rowIds,
          ...(serverFlavor && { serverFlavor }),
        });
        answerLocalInfile(connection);
      });
    }
    const created = new BindingClient(binding, orm, setup, shape.context);
    if (shape.ormProperty !== undefined) {
      Object.defineProperty(created, shape.ormProperty, { value: orm, enumerable: true });
    }
    return created;
  };
  const bind = (tx: OrmTx, options: AdapterOptions): Transaction => {
    const setup = setUpAdapter(binding.identity(tx), options, false);
    const bound = bindOrmTransaction(binding, tx, setup);
    if (bound.claimHookFailures()) bound.settled.catch(setup.onHookError);
    return bound.tx;
  };
  return {
    matrixone(target, options = {}) {
      const isTransaction = binding.isTransaction(target);
      if (!isTransaction && !binding.isOrm(target)) {
        throw new InvalidInputError(
          'target',
          `matrixone() expects a ${binding.ormName} instance or a ${binding.ormName} transaction.`,
        );
      }
      shape.assertUsable?.(target);
      if (!released.has(target)) {
        released.add(target);
        binding.releaseSockets(target);
      }
      return isTransaction ? bind(target, options) : client(target as Orm, options);
    },
  };
}
