/**
 * `client.restores`: put a cluster, account, database or table back as it was at a snapshot
 * (docs/matrixone-facts.md#snapshots-clones-restores-time-travel).
 * MatrixOne runs a restore in its own transaction and refuses it inside a user transaction, so every method
 * is refused on `tx` before any SQL is sent. A restore cannot be rolled back.
 */
import type { ManagerContext } from '../manager-context.js';
import { prepareOperation } from '../prepare-operation.js';
import {
  type RestoreOptions,
  type RestoreTableTarget,
  restoreAccountStatement,
  restoreClusterStatement,
  restoreDatabaseStatement,
  restoreTableStatement,
} from './restore-statements.js';

/** Restores data from snapshots. */
export class RestoreManager {
  readonly #context: ManagerContext;

  /**
   * Managers are reached through a client or a transaction (`client.snapshots`, `tx.clones`, …), not built.
   *
   * @internal
   */
  constructor(context: ManagerContext) {
    this.#context = context;
  }

  /**
   * Restores the whole cluster from a cluster-level snapshot (`sys` only).
   *
   * @example
   * await client.restores.cluster({ snapshot: 'cluster_nightly' });
   */
  async cluster(options: { readonly snapshot: string }): Promise<void> {
    await prepareOperation(this.#context, 'restores.cluster');
    await this.#context.executor.run(restoreClusterStatement(options.snapshot));
  }

  /**
   * Restores an account from an account-level snapshot, optionally into another account (`sys` only).
   *
   * @example
   * await client.restores.account('acc01', { snapshot: 'acc01_nightly' });
   */
  async account(account: string, options: RestoreOptions): Promise<void> {
    await prepareOperation(this.#context, 'restores.account');
    await this.#context.executor.run(restoreAccountStatement(account, options));
  }

  /**
   * Restores a database from an account- or database-level snapshot that covers it.
   *
   * @example
   * await client.restores.database('shop', { snapshot: 'before_import' });
   */
  async database(database: string, options: RestoreOptions): Promise<void> {
    await prepareOperation(this.#context, 'restores.database');
    await this.#context.executor.run(restoreDatabaseStatement(database, options));
  }

  /**
   * Restores a table from a snapshot that covers it (account, database or table level).
   *
   * @example
   * await client.restores.table({ database: 'shop', table: 'orders' }, { snapshot: 'before_import' });
   */
  async table(target: RestoreTableTarget, options: RestoreOptions): Promise<void> {
    await prepareOperation(this.#context, 'restores.table');
    await this.#context.executor.run(restoreTableStatement(target, options));
  }
}
