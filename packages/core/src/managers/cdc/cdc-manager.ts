/**
 * `client.cdc`: create, list, pause, resume and drop CDC tasks (docs/matrixone-facts.md#cdc, docs/guides/cdc.md),
 * with the statements the live recordings show. Every statement but the catalog listing is refused inside a
 * transaction before any SQL is sent. Passwords in the source and sink URIs never appear in events, logs or errors.
 *
 * Observed on MatrixOne 4.2.0: a PITR of at least 2 hours must cover the source first (else `no valid PITR
 * configuration found …, minimum required length: 2 hours`); while a task is `pausing`, PAUSE and RESUME both fail
 * (`status can not be change, now it is PauseRequested`) and `RESUME … 'restart'` is accepted.
 */
import { NotFoundError } from '../../errors/errors.js';
import type { ManagerContext } from '../manager-context.js';
import { prepareOperation } from '../prepare-operation.js';
import { type CdcTask, type CdcTaskStatus, parseCdcStatusRow, parseCdcTaskRow } from './cdc-rows.js';
import {
  type CreateCdcOptions,
  createCdcStatement,
  dropCdcStatement,
  listCdcTasksStatement,
  pauseCdcStatement,
  resumeCdcStatement,
  showCdcTaskStatement,
} from './cdc-statements.js';

/** Manages change-data-capture tasks that replicate tables or databases to another server. */
export class CdcManager {
  readonly #context: ManagerContext;

  /**
   * Managers are reached through a client (`client.cdc`), not built.
   *
   * @internal
   */
  constructor(context: ManagerContext) {
    this.#context = context;
  }

  /**
   * Creates a task and returns its status. The source must be covered by a PITR of at least 2 hours
   * (`client.pitr.create({ …, range: { value: 2, unit: 'h' } })`).
   *
   * @example
   * await client.cdc.create({
   *   name: 'orders_cdc', sinkType: 'matrixone',
   *   source: { account: 'sys', user: 'root', password, host: '127.0.0.1', port: 6001 },
   *   sink: { account: 'sys', user: 'root', password, host: 'replica', port: 6001 },
   *   mapping: { level: 'table', source: { database: 'shop', table: 'orders' }, sink: { database: 'copy', table: 'orders' } },
   * });
   */
  async create(options: CreateCdcOptions): Promise<CdcTaskStatus> {
    await prepareOperation(this.#context, 'cdc.create');
    await this.#context.executor.run(createCdcStatement(options));
    return this.#require(options.name);
  }

  /**
   * Lists the current account's tasks from `mo_catalog.mo_cdc_task`.
   *
   * @example
   * const running = (await client.cdc.list()).filter((task) => task.state === 'running');
   */
  async list(): Promise<CdcTask[]> {
    await prepareOperation(this.#context, 'cdc.list');
    const { rows } = await this.#context.executor.run(listCdcTasksStatement());
    return rows.map(parseCdcTaskRow);
  }

  /**
   * Returns a task's status (state, last error, checkpoints); throws {@link NotFoundError} when there is none.
   *
   * @example
   * const { state, error } = await client.cdc.get('orders_cdc');
   */
  async get(name: string): Promise<CdcTaskStatus> {
    await prepareOperation(this.#context, 'cdc.get');
    return this.#require(name);
  }

  /**
   * Pauses a task (its state becomes `pausing`).
   *
   * @example
   * await client.cdc.pause('orders_cdc');
   */
  async pause(name: string): Promise<void> {
    await prepareOperation(this.#context, 'cdc.pause');
    await this.#context.executor.run(pauseCdcStatement(name));
  }

  /**
   * Resumes a paused task; `restart` sends `RESUME CDC TASK t 'restart'`.
   *
   * @example
   * await client.cdc.resume('orders_cdc', { restart: true });
   */
  async resume(name: string, options: { readonly restart?: boolean } = {}): Promise<void> {
    await prepareOperation(this.#context, 'cdc.resume');
    await this.#context.executor.run(resumeCdcStatement(name, options));
  }

  /**
   * Drops a task.
   *
   * @example
   * await client.cdc.drop('orders_cdc', { ifExists: true });
   */
  async drop(name: string, options: { readonly ifExists?: boolean } = {}): Promise<void> {
    await prepareOperation(this.#context, 'cdc.drop');
    await this.#context.executor.run(dropCdcStatement(name, options));
  }

  async #require(name: string): Promise<CdcTaskStatus> {
    const { rows } = await this.#context.executor.run(showCdcTaskStatement(name));
    const [row] = rows;
    if (row === undefined)
      throw new NotFoundError(`No CDC task named "${name.toLowerCase()}"; list them with cdc.list().`);
    return parseCdcStatusRow(row);
  }
}
