/**
 * The part of every adapter's client that is the same whatever the ORM: the core client over the ORM's pool
 * (through the adapter's {@link SqlDriver}), its managers, raw SQL, streaming, bulk insert, query events and
 * close. An adapter extends it with the one thing that differs, its ORM's `transaction()`.
 */
import type { BulkInsertOptions, BulkInsertResult } from '../bulk/bulk-insert.js';
import type { BulkRows } from '../bulk/bulk-rows.js';
import type { Row, SqlDriver } from '../connection/executor.js';
import { ConnectionError } from '../errors/errors.js';
import type { QueryEvent, QueryEvents, QueryListener } from '../events/query-events.js';
import type { AccountManager } from '../managers/accounts/account-manager.js';
import type { BranchManager } from '../managers/branches/branch-manager.js';
import type { CdcManager } from '../managers/cdc/cdc-manager.js';
import type { CloneManager } from '../managers/clones/clone-manager.js';
import type { ExportManager } from '../managers/export/export-manager.js';
import type { FulltextManager } from '../managers/fulltext/fulltext-manager.js';
import type { LoadManager } from '../managers/loading/load-manager.js';
import type { MetadataManager } from '../managers/metadata/metadata-manager.js';
import type { PitrManager } from '../managers/pitr/pitr-manager.js';
import type { PublicationManager } from '../managers/publications/publication-manager.js';
import type { ExecuteResult } from '../managers/queryable.js';
import type { RestoreManager } from '../managers/restores/restore-manager.js';
import type { SnapshotManager } from '../managers/snapshots/snapshot-manager.js';
import type { StageManager } from '../managers/stages/stage-manager.js';
import type { TimeTravelManager } from '../managers/time-travel/time-travel-manager.js';
import type { VectorManager } from '../managers/vectors/vector-manager.js';
import type { ServerFlavor, ServerInfo } from '../server/server-info.js';
import type { TableRef } from '../sql/identifier.js';
import { type MatrixOneClient, createClientFromDriver } from './matrixone-client.js';

/** How an {@link AdapterClient} is built. */
export interface AdapterClientOptions {
  /** The client's query events; pass the same instance to the transactions its `transaction()` binds. */
  readonly events: QueryEvents;
  /** Forces the server flavor instead of reading `SELECT version()` (for proxies that hide the version). */
  readonly serverFlavor?: ServerFlavor;
  /** The ORM instance: the detected server is shared with the transactions bound on it. */
  readonly serverInfoSharedBy?: object;
  /**
   * Events of transactions bound outside the client on the same ORM instance (the ORM's hub, see
   * {@link sharedQueryEvents}): passed on to the client's listeners until the client is closed.
   */
  readonly forwardFrom?: QueryEvents;
}

/**
 * The base of the adapters' clients: everything of {@link MatrixOneClient} but `transaction()`, on a
 * {@link SqlDriver} over the ORM's own pool. `close()` closes the SDK client only; the ORM keeps its pool.
 *
 * @example
 * class MyOrmClient extends AdapterClient {
 *   constructor(readonly orm: MyOrm) {
 *     super(new MyOrmDriver(orm), { events: new QueryEvents(), serverInfoSharedBy: orm });
 *   }
 *   transaction<T>(fn: (trx: MyOrmTransaction) => Promise<T>): Promise<T> {
 *     this.assertOpen();
 *     return this.orm.transaction(fn);
 *   }
 * }
 */
export abstract class AdapterClient {
  /** The core client over the adapter's driver. */
  protected readonly core: MatrixOneClient;
  readonly #forwardFrom: QueryEvents | undefined;
  readonly #forward: QueryListener;
  #closed = false;

  protected constructor(driver: SqlDriver, options: AdapterClientOptions) {
    this.core = createClientFromDriver(driver, {
      events: options.events,
      ...(options.serverFlavor !== undefined && { serverFlavor: options.serverFlavor }),
      ...(options.serverInfoSharedBy !== undefined && { serverInfoSharedBy: options.serverInfoSharedBy }),
    });
    this.#forward = (event) => options.events.emit(event);
    this.#forwardFrom = options.forwardFrom;
    this.#forwardFrom?.on(this.#forward);
  }

  get snapshots(): SnapshotManager {
    return this.core.snapshots;
  }
  get clones(): CloneManager {
    return this.core.clones;
  }
  get restores(): RestoreManager {
    return this.core.restores;
  }
  get pitr(): PitrManager {
    return this.core.pitr;
  }
  get publications(): PublicationManager {
    return this.core.publications;
  }
  get accounts(): AccountManager {
    return this.core.accounts;
  }
  get branches(): BranchManager {
    return this.core.branches;
  }
  get timeTravel(): TimeTravelManager {
    return this.core.timeTravel;
  }
  get vectors(): VectorManager {
    return this.core.vectors;
  }
  get fulltext(): FulltextManager {
    return this.core.fulltext;
  }
  get loading(): LoadManager {
    return this.core.loading;
  }
  get stages(): StageManager {
    return this.core.stages;
  }
  get exports(): ExportManager {
    return this.core.exports;
  }
  get cdc(): CdcManager {
    return this.core.cdc;
  }
  get metadata(): MetadataManager {
    return this.core.metadata;
  }

  execute(sql: string, values?: readonly unknown[]): Promise<ExecuteResult> {
    return this.core.execute(sql, values);
  }

  query<R = Row>(sql: string, values?: readonly unknown[]): Promise<R[]> {
    return this.core.query<R>(sql, values);
  }

  stream<R = Row>(sql: string, values?: readonly unknown[]): AsyncIterable<R> {
    return this.core.stream<R>(sql, values);
  }

  serverInfo(): Promise<ServerInfo> {
    return this.core.serverInfo();
  }

  /** Runs the core client's bulk insert on the ORM's pool, every batch in one transaction. */
  bulkInsert(
    table: string | TableRef,
    rows: BulkRows,
    options?: BulkInsertOptions,
  ): Promise<BulkInsertResult> {
    return this.core.bulkInsert(table, rows, options);
  }

  on(event: 'query', listener: (e: QueryEvent) => void): this {
    this.core.on(event, listener);
    return this;
  }

  off(event: 'query', listener: (e: QueryEvent) => void): this {
    this.core.off(event, listener);
    return this;
  }

  /** Closes the SDK client; the ORM and its pool stay open. Safe to call twice. */
  close(): Promise<void> {
    this.#closed = true;
    this.#forwardFrom?.off(this.#forward);
    return this.core.close();
  }

  /** Throws a ConnectionError once the client is closed; call it first in `transaction()`. */
  protected assertOpen(): void {
    if (this.#closed) {
      throw new ConnectionError('The client is closed: create a new client to run more statements.');
    }
  }
}
