/**
 * `client.clones` and `tx.clones`: copy a database or table, optionally as it was at a snapshot, optionally
 * into another account (docs/matrixone-facts.md#snapshots-clones-restores-time-travel). CLONE joins the
 * caller's transaction and rolls back with it.
 */
import type { TableRef } from '../../sql/identifier.js';
import type { ManagerContext } from '../manager-context.js';
import { prepareOperation } from '../prepare-operation.js';
import {
  type CloneDatabaseOptions,
  type CloneTableOptions,
  cloneDatabaseStatement,
  cloneTableStatement,
} from './clone-statements.js';

/** Manages clones: cheap copies of databases and tables that share storage with their source. */
export class CloneManager {
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
   * Creates database `target` as a clone of `source`.
   *
   * @example
   * await client.clones.database('shop_at_sp01', 'shop', { snapshot: 'sp01' });
   */
  async database(target: string, source: string, options: CloneDatabaseOptions = {}): Promise<void> {
    await prepareOperation(this.#context, 'clones.database');
    await this.#context.executor.run(cloneDatabaseStatement(target, source, options));
  }

  /**
   * Creates table `target` as a clone of `source`. Give `database` on both to avoid depending on the
   * connection's current database.
   *
   * @example
   * await client.clones.table({ database: 'shop', table: 'orders_copy' }, { database: 'shop', table: 'orders' });
   */
  async table(target: TableRef, source: TableRef, options: CloneTableOptions = {}): Promise<void> {
    await prepareOperation(this.#context, 'clones.table');
    await this.#context.executor.run(cloneTableStatement(target, source, options));
  }
}
