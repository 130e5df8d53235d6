import type { Row } from '../connection/executor.js';
import type { Executor, Statement } from '../connection/executor.js';
import { InvalidInputError } from '../errors/errors.js';
import type { ServerInfo } from '../server/server-info.js';
import { AccountManager } from './accounts/account-manager.js';
import { BranchManager } from './branches/branch-manager.js';
import { CdcManager } from './cdc/cdc-manager.js';
import { CloneManager } from './clones/clone-manager.js';
import { ExportManager } from './export/export-manager.js';
import { FulltextManager } from './fulltext/fulltext-manager.js';
import { LoadManager } from './loading/load-manager.js';
import type { ManagerContext } from './manager-context.js';
import { MetadataManager } from './metadata/metadata-manager.js';
import { PitrManager } from './pitr/pitr-manager.js';
import { PublicationManager } from './publications/publication-manager.js';
import { RestoreManager } from './restores/restore-manager.js';
import type { OnOneConnection } from './session-variables.js';
import { SnapshotManager } from './snapshots/snapshot-manager.js';
import { StageManager } from './stages/stage-manager.js';
import { TimeTravelManager } from './time-travel/time-travel-manager.js';
import { VectorManager } from './vectors/vector-manager.js';

/** What `execute()` returns. */
export interface ExecuteResult {
  /** Rows changed by the statement. */
  readonly affectedRows: number;
  /**
   * The **first** auto-increment id the statement generated (MySQL's meaning, kept on MatrixOne too, which
   * reports the last id of a multi-row INSERT). Absent when there is none, and on MatrixOne when the first id
   * cannot be known: an `INSERT … ON DUPLICATE KEY UPDATE` that did more than insert one row, or a multi-row
   * `INSERT IGNORE`, `REPLACE` or `INSERT … SELECT`. See docs/matrixone-facts.md.
   */
  readonly insertId?: number | string;
}

/** What the client and a transaction share: raw SQL with bound values, server detection and the managers. */
export interface Queryable {
  /**
   * Runs a statement that changes data or schema; every `?` in `sql` takes the next value.
   *
   * @example
   * const { affectedRows } = await client.execute('UPDATE users SET name = ? WHERE id = ?', ['Ada', 1]);
   */
  execute(sql: string, values?: readonly unknown[]): Promise<ExecuteResult>;
  /**
   * Runs a query and returns its rows; every `?` in `sql` takes the next value.
   *
   * @example
   * const rows = await client.query<{ id: number }>('SELECT id FROM users WHERE name = ?', ['Ada']);
   */
  query<R = Row>(sql: string, values?: readonly unknown[]): Promise<R[]>;
  /** The detected server (read once with `SELECT version()`, or forced by the `serverFlavor` option). */
  serverInfo(): Promise<ServerInfo>;
  /** Snapshots: create, drop, list. */
  readonly snapshots: SnapshotManager;
  /** Database and table clones. */
  readonly clones: CloneManager;
  /** Restores from snapshots. */
  readonly restores: RestoreManager;
  /** Point-in-time recovery ranges and restores. */
  readonly pitr: PitrManager;
  /** Publications and subscriptions. */
  readonly publications: PublicationManager;
  /** Accounts, users, roles and grants. */
  readonly accounts: AccountManager;
  /** Data branches. */
  readonly branches: BranchManager;
  /** Reads as of a snapshot or a time. */
  readonly timeTravel: TimeTravelManager;
  /** Vector indexes, k-nearest-neighbours searches, distance expressions and vector values. */
  readonly vectors: VectorManager;
  /** Full-text indexes and searches. */
  readonly fulltext: FulltextManager;
  /** LOAD DATA from server files, stages, client files and streams; checked loads that enforce keys. */
  readonly loading: LoadManager;
  /** Stages (named server folders, S3 buckets) and their files. */
  readonly stages: StageManager;
  /** Query results to server or stage files (INTO OUTFILE), or streamed to a Node Writable as CSV / JSON lines. */
  readonly exports: ExportManager;
  /** Change-data-capture tasks. */
  readonly cdc: CdcManager;
  /** Table row counts, sizes, columns, indexes, storage objects and the snapshots/PITRs that cover a table. */
  readonly metadata: MetadataManager;
}

/**
 * The shared implementation of {@link Queryable} over a {@link ManagerContext}. Each manager is made the first
 * time it is read: a transaction is opened for every `client.transaction()` and most never touch a manager, so
 * making all of them up front was a measurable part of a transaction's cost (docs/performance.md).
 */
export abstract class ManagedQueryable implements Queryable {
  readonly #context: ManagerContext;
  #snapshots: SnapshotManager | undefined;
  #clones: CloneManager | undefined;
  #restores: RestoreManager | undefined;
  #pitr: PitrManager | undefined;
  #publications: PublicationManager | undefined;
  #accounts: AccountManager | undefined;
  #branches: BranchManager | undefined;
  #timeTravel: TimeTravelManager | undefined;
  #vectors: VectorManager | undefined;
  #fulltext: FulltextManager | undefined;
  #loading: LoadManager | undefined;
  #stages: StageManager | undefined;
  #exports: ExportManager | undefined;
  #cdc: CdcManager | undefined;
  #metadata: MetadataManager | undefined;

  protected constructor(context: ManagerContext) {
    this.#context = context;
  }

  get snapshots(): SnapshotManager {
    this.#snapshots ??= new SnapshotManager(this.#context);
    return this.#snapshots;
  }

  get clones(): CloneManager {
    this.#clones ??= new CloneManager(this.#context);
    return this.#clones;
  }

  get restores(): RestoreManager {
    this.#restores ??= new RestoreManager(this.#context);
    return this.#restores;
  }

  get pitr(): PitrManager {
    this.#pitr ??= new PitrManager(this.#context);
    return this.#pitr;
  }

  get publications(): PublicationManager {
    this.#publications ??= new PublicationManager(this.#context);
    return this.#publications;
  }

  get accounts(): AccountManager {
    this.#accounts ??= new AccountManager(this.#context);
    return this.#accounts;
  }

  get branches(): BranchManager {
    this.#branches ??= new BranchManager(this.#context);
    return this.#branches;
  }

  get timeTravel(): TimeTravelManager {
    this.#timeTravel ??= new TimeTravelManager(this.#context);
    return this.#timeTravel;
  }

  get vectors(): VectorManager {
    this.#vectors ??= new VectorManager(this.#context, this.#pin());
    return this.#vectors;
  }

  get fulltext(): FulltextManager {
    this.#fulltext ??= new FulltextManager(this.#context, this.#pin());
    return this.#fulltext;
  }

  get loading(): LoadManager {
    this.#loading ??= new LoadManager(this.#context, this.#pin());
    return this.#loading;
  }

  get stages(): StageManager {
    this.#stages ??= new StageManager(this.#context);
    return this.#stages;
  }

  get exports(): ExportManager {
    // A transaction cannot stream rows: its export manager gets no streamer and says so.
    this.#exports ??= new ExportManager(
      this.#context,
      this.#context.executor.inTransaction ? undefined : (statement) => this.streamStatement(statement),
    );
    return this.#exports;
  }

  get cdc(): CdcManager {
    this.#cdc ??= new CdcManager(this.#context);
    return this.#cdc;
  }

  get metadata(): MetadataManager {
    this.#metadata ??= new MetadataManager(this.#context);
    return this.#metadata;
  }

  /** The connection hand-out for managers that need one connection, when this queryable has one. */
  #pin(): OnOneConnection | undefined {
    return this.onOneConnection?.bind(this);
  }

  /**
   * Streams a statement's rows from one connection, for `exports.toWritable()`; a client overrides it with its
   * driver's stream.
   */
  protected streamStatement(_statement: Statement): AsyncIterable<Row> {
    throw new InvalidInputError('stream', 'Streaming needs a client: this queryable cannot stream rows.');
  }

  /**
   * Runs `work` on one connection, for managers that set a session variable or send LOCAL data outside a
   * transaction; a client implements it with a short transaction of its own. A transaction needs none: it is one
   * connection already (`runOnOneConnection` uses it directly).
   */
  protected onOneConnection?<T>(work: (executor: Executor) => Promise<T>): Promise<T>;

  async execute(sql: string, values?: readonly unknown[]): Promise<ExecuteResult> {
    const result = await this.#context.executor.run(statementOf(sql, values));
    return result.insertId === undefined
      ? { affectedRows: result.affectedRows }
      : { affectedRows: result.affectedRows, insertId: result.insertId };
  }

  async query<R = Row>(sql: string, values?: readonly unknown[]): Promise<R[]> {
    return (await this.#context.executor.run<R>(statementOf(sql, values))).rows;
  }

  serverInfo(): Promise<ServerInfo> {
    return this.#context.serverInfo();
  }
}

function statementOf(sql: string, values: readonly unknown[] | undefined) {
  return values === undefined ? { sql } : { sql, values };
}
