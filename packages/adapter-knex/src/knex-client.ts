import {
  type BulkInsertOptions,
  type BulkInsertResult,
  type BulkRows,
  ConnectionError,
  type MatrixOneClient,
  QueryEvents,
  type QueryListener,
  type Row,
  type ServerFlavor,
  type ServerInfo,
  type TableRef,
  type TransactionOptions,
  assertReadOnlyEnforced,
  createClientFromDriver,
} from '@matrixone/core';
import type { Knex } from 'knex';
import { type TransactionBody, finishKnexTransaction } from './finish-transaction.js';
import { type KnexBinding, bindKnexTransaction, claimHookFailures } from './knex-binding.js';
import { KnexDriver, knexTransactionConfig } from './knex-driver.js';
import { serverInfoFor, serverInfoKey } from './knex-server-info.js';
import type { KnexTransactionContext, MatrixOneKnexClient, MatrixOneKnexOptions } from './types.js';

/** Builds the SDK client over `knex`'s own pool. */
export function createKnexClient(knex: Knex, options: MatrixOneKnexOptions = {}): MatrixOneKnexClient {
  const events = new QueryEvents(options.logger);
  const core = createClientFromDriver(new KnexDriver(knex), {
    events,
    serverInfoSharedBy: serverInfoKey(knex),
    ...(options.serverFlavor === undefined ? {} : { serverFlavor: options.serverFlavor }),
  });
  return new KnexClient(knex, core, events, options.serverFlavor);
}

class KnexClient implements MatrixOneKnexClient {
  readonly knex: Knex;
  readonly #core: MatrixOneClient;
  readonly #events: QueryEvents;
  readonly #serverFlavor: ServerFlavor | undefined;
  #closed = false;

  constructor(
    knex: Knex,
    core: MatrixOneClient,
    events: QueryEvents,
    serverFlavor: ServerFlavor | undefined,
  ) {
    this.knex = knex;
    this.#core = core;
    this.#events = events;
    this.#serverFlavor = serverFlavor;
  }

  get snapshots() {
    return this.#core.snapshots;
  }
  get clones() {
    return this.#core.clones;
  }
  get restores() {
    return this.#core.restores;
  }
  get pitr() {
    return this.#core.pitr;
  }
  get publications() {
    return this.#core.publications;
  }
  get accounts() {
    return this.#core.accounts;
  }
  get branches() {
    return this.#core.branches;
  }
  get timeTravel() {
    return this.#core.timeTravel;
  }

  execute(sql: string, values?: readonly unknown[]) {
    return this.#core.execute(sql, values);
  }

  query<R = Row>(sql: string, values?: readonly unknown[]): Promise<R[]> {
    return this.#core.query<R>(sql, values);
  }

  stream<R = Row>(sql: string, values?: readonly unknown[]): AsyncIterable<R> {
    return this.#core.stream<R>(sql, values);
  }

  serverInfo(): Promise<ServerInfo> {
    return this.#core.serverInfo();
  }

  /** Runs the core client's bulk insert on Knex's pool, every batch in one transaction. */
  bulkInsert(
    table: string | TableRef,
    rows: BulkRows,
    options?: BulkInsertOptions,
  ): Promise<BulkInsertResult> {
    return this.#core.bulkInsert(table, rows, options);
  }

  async transaction<T>(
    fn: (context: KnexTransactionContext) => Promise<T>,
    options?: TransactionOptions,
  ): Promise<T> {
    if (this.#closed) {
      throw new ConnectionError('The client is closed: create a new client to run more transactions.');
    }
    // MatrixOne refuses `SET TRANSACTION READ ONLY` (what Knex sends for `readOnly`): refuse before starting.
    if (options?.readOnly === true) assertReadOnlyEnforced(await this.#core.serverInfo());
    let binding: KnexBinding | undefined;
    const body: TransactionBody = { failed: false };
    const run = this.knex.transaction(async (trx) => {
      binding = bindKnexTransaction(trx, {
        serverInfo: serverInfoFor(trx, this.#serverFlavor),
        events: this.#events,
      });
      claimHookFailures(binding);
      try {
        return await fn({ trx, mo: binding.tx });
      } catch (error) {
        body.failed = true;
        body.error = error;
        throw error;
      }
    }, knexTransactionConfig(options));
    return finishKnexTransaction(run, () => binding, body);
  }

  on(event: 'query', listener: QueryListener): this {
    this.#core.on(event, listener);
    return this;
  }

  off(event: 'query', listener: QueryListener): this {
    this.#core.off(event, listener);
    return this;
  }

  /** Closes the SDK client; the Knex instance and its pool stay open (`knex.destroy()` closes them). */
  close(): Promise<void> {
    this.#closed = true;
    return this.#core.close();
  }
}
