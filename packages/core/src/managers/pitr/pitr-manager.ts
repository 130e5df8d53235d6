import { NotFoundError } from '../../errors/errors.js';
import { IdentifierKind, normalizeCatalogName } from '../../sql/identifier.js';
import type { ManagerContext } from '../manager-context.js';
import { prepareOperation } from '../prepare-operation.js';
import { parsePitrRow } from './pitr-rows.js';
import {
  type AlterPitrOptions,
  type CreatePitrOptions,
  type DropPitrOptions,
  type RestoreFromPitrOptions,
  alterPitrStatement,
  createPitrStatement,
  dropPitrStatement,
  restoreFromPitrStatement,
  showPitrStatement,
} from './pitr-statements.js';
import type { Pitr } from './pitr.js';

/**
 * MatrixOne PITR (point-in-time recovery): keep a rolling window of history for the cluster, an account, a
 * database or a table, and restore it to any moment inside that window. Available as `client.pitr`.
 *
 * Inside a transaction MatrixOne refuses every PITR statement, SHOW PITR included; on `tx.pitr` each method
 * throws `TransactionRuleError` without sending anything. The server does the work in its own background
 * transaction, so a PITR created or a restore run is never undone by a later ROLLBACK.
 */
export class PitrManager {
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
   * Creates a PITR and returns it as listed. MatrixOne allows one PITR per object (`… already has a pitr`);
   * with `ifNotExists` an existing PITR of that name is returned unchanged.
   *
   * @example
   * await client.pitr.create({ name: 'shop_pitr', level: 'database', database: 'shop', range: { value: 7, unit: 'd' } });
   * await client.pitr.create({ name: 'orders_pitr', level: 'table', database: 'shop', table: 'orders', range: { value: 12, unit: 'h' } });
   */
  async create(options: CreatePitrOptions): Promise<Pitr> {
    await prepareOperation(this.#context, 'pitr.create');
    const statement = createPitrStatement(options);
    await this.#context.executor.run(statement);
    return this.#require(options.name);
  }

  /**
   * Changes a PITR's range. With `ifExists` a missing PITR is not an error.
   *
   * @example
   * await client.pitr.alter({ name: 'shop_pitr', range: { value: 1, unit: 'mo' } });
   */
  async alter(options: AlterPitrOptions): Promise<void> {
    await prepareOperation(this.#context, 'pitr.alter');
    await this.#context.executor.run(alterPitrStatement(options));
  }

  /**
   * Drops a PITR. With `ifExists` a missing PITR is not an error.
   *
   * @example
   * await client.pitr.drop('shop_pitr', { ifExists: true });
   */
  async drop(name: string, options: DropPitrOptions = {}): Promise<void> {
    await prepareOperation(this.#context, 'pitr.drop');
    await this.#context.executor.run(dropPitrStatement(name, options));
  }

  /**
   * Lists the PITRs the current account created, newest first.
   *
   * @example
   * const databasePitrs = (await client.pitr.list()).filter((pitr) => pitr.level === 'database');
   */
  async list(): Promise<Pitr[]> {
    await prepareOperation(this.#context, 'pitr.list');
    return this.#list();
  }

  /**
   * Returns one PITR by name; throws `NotFoundError` when the current account has none of that name.
   *
   * @example
   * const { range, createdTime } = await client.pitr.get('shop_pitr');
   */
  async get(name: string): Promise<Pitr> {
    await prepareOperation(this.#context, 'pitr.get');
    return this.#require(name);
  }

  /**
   * Restores the cluster, an account, a database or a table to the state it had at `at`, a wall-clock time
   * in the MatrixOne server's local time zone that lies inside the PITR's range.
   *
   * @example
   * await client.pitr.restore({ pitr: 'shop_pitr', at: '2026-05-24 12:00:00', level: 'database', database: 'shop' });
   * await client.pitr.restore({ pitr: 'acc_pitr', at: '2026-05-24 12:00:00', level: 'table', account: 'acc01', database: 'shop', table: 'orders' });
   */
  async restore(options: RestoreFromPitrOptions): Promise<void> {
    await prepareOperation(this.#context, 'pitr.restore');
    await this.#context.executor.run(restoreFromPitrStatement(options));
  }

  async #list(): Promise<Pitr[]> {
    const { rows } = await this.#context.executor.run(showPitrStatement());
    return rows.map(parsePitrRow);
  }

  async #require(name: string): Promise<Pitr> {
    const wanted = normalizeCatalogName(name, IdentifierKind.Pitr);
    const pitr = (await this.#list()).find((candidate) => candidate.name === wanted);
    if (pitr === undefined) {
      throw new NotFoundError(
        `The current account has no PITR named "${wanted}"; list them with pitr.list().`,
      );
    }
    return pitr;
  }
}
