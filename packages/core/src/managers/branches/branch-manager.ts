import type { Row } from '../../connection/executor.js';
import type { TableRef } from '../../sql/identifier.js';
import type { ManagerContext } from '../manager-context.js';
import { prepareOperation } from '../prepare-operation.js';
import {
  type BranchDiff,
  type BranchDiffSummary,
  parseBranchDiff,
  parseBranchDiffCount,
  parseBranchDiffSummary,
} from './branch-rows.js';
import {
  type BranchDiffOptions,
  type BranchDiffRowsOptions,
  type CreateBranchDatabaseOptions,
  type CreateBranchTableOptions,
  type MergeBranchOptions,
  type PickBranchOptions,
  branchDiffCountStatement,
  branchDiffStatement,
  branchDiffSummaryStatement,
  createBranchDatabaseStatement,
  createBranchTableStatement,
  deleteBranchDatabaseStatement,
  deleteBranchTableStatement,
  mergeBranchStatement,
  pickBranchStatement,
} from './branch-statements.js';

/**
 * MatrixOne data branches: copy a table or database as a branch, compare branches row by row, and merge or
 * pick changes between them. Available as `client.branches` and `tx.branches`.
 *
 * In a transaction: CREATE, DELETE, DIFF and MERGE join it and roll back with it (MERGE only inside an
 * explicit BEGIN, which is how SDK transactions start); PICK is refused, so `tx.branches.pick()` throws
 * `TransactionRuleError` without sending anything.
 */
export class BranchManager {
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
   * Creates `table` as a branch of another table, optionally as it was at a snapshot or time.
   *
   * @example
   * await client.branches.createTable({ table: 'orders_dev', from: { table: 'orders' } });
   * await client.branches.createTable({ database: 'dev', table: 'orders', from: { database: 'shop', table: 'orders', at: { snapshot: 'sp1' } } });
   */
  async createTable(options: CreateBranchTableOptions): Promise<void> {
    await prepareOperation(this.#context, 'branches.createTable');
    await this.#context.executor.run(createBranchTableStatement(options));
  }

  /**
   * Creates `database` as a branch of another database (every table and view).
   *
   * @example
   * await client.branches.createDatabase({ database: 'shop_dev', from: 'shop' });
   */
  async createDatabase(options: CreateBranchDatabaseOptions): Promise<void> {
    await prepareOperation(this.#context, 'branches.createDatabase');
    await this.#context.executor.run(createBranchDatabaseStatement(options));
  }

  /**
   * Deletes a branch table (it must be an active branch; there is no IF EXISTS).
   *
   * @example
   * await client.branches.deleteTable({ database: 'shop', table: 'orders_dev' });
   */
  async deleteTable(table: TableRef): Promise<void> {
    await prepareOperation(this.#context, 'branches.deleteTable');
    await this.#context.executor.run(deleteBranchTableStatement(table));
  }

  /**
   * Deletes a branch database.
   *
   * @example
   * await client.branches.deleteDatabase('shop_dev');
   */
  async deleteDatabase(database: string): Promise<void> {
    await prepareOperation(this.#context, 'branches.deleteDatabase');
    await this.#context.executor.run(deleteBranchDatabaseStatement(database));
  }

  /**
   * Lists the rows that differ between `target` and `base`, each with the table it changed in and its flag.
   *
   * @example
   * const diff = await client.branches.diff({ target: { table: 'orders_dev' }, base: { table: 'orders' }, limit: 100 });
   * for (const row of diff.rows) console.log(row.table, row.flag, row.values);
   */
  async diff(options: BranchDiffRowsOptions): Promise<BranchDiff> {
    await prepareOperation(this.#context, 'branches.diff');
    return parseBranchDiff(await this.#context.executor.run<Row>(branchDiffStatement(options)));
  }

  /**
   * Counts the rows that differ between `target` and `base` (`OUTPUT COUNT`).
   *
   * @example
   * const changed = await client.branches.diffCount({ target: { table: 'orders_dev' }, base: { table: 'orders' } });
   */
  async diffCount(options: BranchDiffOptions): Promise<number> {
    await prepareOperation(this.#context, 'branches.diff');
    return parseBranchDiffCount(await this.#context.executor.run<Row>(branchDiffCountStatement(options)));
  }

  /**
   * Counts inserted, deleted and updated rows on each side (`OUTPUT SUMMARY`).
   *
   * @example
   * const { target, base } = await client.branches.diffSummary({ target: { table: 'orders_dev' }, base: { table: 'orders' } });
   */
  async diffSummary(options: BranchDiffOptions): Promise<BranchDiffSummary> {
    await prepareOperation(this.#context, 'branches.diff');
    return parseBranchDiffSummary(await this.#context.executor.run<Row>(branchDiffSummaryStatement(options)));
  }

  /**
   * Merges the changes of `source` into `into`; `onConflict` decides for rows both sides changed
   * (the server fails by default).
   *
   * @example
   * await client.branches.merge({ source: { table: 'orders_dev' }, into: { table: 'orders' }, onConflict: ConflictOption.Accept });
   */
  async merge(options: MergeBranchOptions): Promise<void> {
    await prepareOperation(this.#context, 'branches.merge');
    await this.#context.executor.run(mergeBranchStatement(options));
  }

  /**
   * Copies the rows with the given primary keys from `source` into `into`. Not allowed in a transaction.
   *
   * @example
   * await client.branches.pick({ source: { table: 'orders_dev' }, into: { table: 'orders' }, keys: [3, 4], onConflict: 'skip' });
   */
  async pick(options: PickBranchOptions): Promise<void> {
    await prepareOperation(this.#context, 'branches.pick');
    await this.#context.executor.run(pickBranchStatement(options));
  }
}
