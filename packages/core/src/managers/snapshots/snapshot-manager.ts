/**
 * `client.snapshots`: create, list, read and drop MatrixOne snapshots
 * (docs/matrixone-facts.md#snapshots-clones-restores-time-travel). Every method is
 * refused inside a transaction before any SQL is sent (MatrixOne refuses even SHOW SNAPSHOTS there).
 */
import { NotFoundError } from '../../errors/errors.js';
import type { ManagerContext } from '../manager-context.js';
import { showTablesStatement } from '../metadata/metadata-statements.js';
import { prepareOperation } from '../prepare-operation.js';
import { restoreDatabaseStatement } from '../restores/restore-statements.js';
import {
  type GuardedMigrationResult,
  type GuardedMigrations,
  type SnapshotGuardOptions,
  runGuarded,
} from './snapshot-guard.js';
import { type SnapshotFilter, matchesSnapshotFilter, parseSnapshotRow } from './snapshot-rows.js';
import {
  type CreateSnapshotOptions,
  type ShowSnapshotsFilter,
  createSnapshotStatement,
  dropSnapshotStatement,
  showSnapshotsStatement,
} from './snapshot-statements.js';
import type { Snapshot } from './snapshot.js';

/**
 * Which snapshots `snapshots.list()` returns; every filter given must match. The server filters by `level`
 * (or, without one, by `account`), as MatrixOne's own cases do; the SDK applies the other filters to the rows.
 */
export type ListSnapshotsOptions = SnapshotFilter;

/** Options of `snapshots.drop()`. */
export interface DropSnapshotOptions {
  /** Succeed when no snapshot has that name (default `false`: that is an error). */
  readonly ifExists?: boolean;
}

/** Manages snapshots: point-in-time copies MatrixOne keeps for reads, clones and restores. */
export class SnapshotManager {
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
   * Creates a snapshot and returns it as listed (with its exact timestamp). With `ifNotExists` an existing
   * snapshot of that name is returned unchanged.
   *
   * @example
   * const snapshot = await client.snapshots.create({ name: 'before_import', level: 'database', database: 'shop' });
   * snapshot.timestamp.text; // '2026-07-27 03:59:42.93179401'
   */
  async create(options: CreateSnapshotOptions): Promise<Snapshot> {
    await prepareOperation(this.#context, 'snapshots.create');
    await this.#context.executor.run(createSnapshotStatement(options));
    return this.#require(options.name);
  }

  /**
   * Lists the snapshots of the current account (for `sys`, also those it took of other accounts and of the
   * cluster), newest first.
   *
   * @example
   * const tableSnapshots = await client.snapshots.list({ level: 'table', database: 'shop', table: 'orders' });
   */
  async list(options: ListSnapshotsOptions = {}): Promise<Snapshot[]> {
    await prepareOperation(this.#context, 'snapshots.list');
    const { rows } = await this.#context.executor.run(showSnapshotsStatement(serverFilter(options)));
    return rows.map(parseSnapshotRow).filter((snapshot) => matchesSnapshotFilter(snapshot, options));
  }

  /**
   * Returns one snapshot by name; throws {@link NotFoundError} when there is none.
   *
   * @example
   * const { timestamp } = await client.snapshots.get('before_import');
   */
  async get(name: string): Promise<Snapshot> {
    await prepareOperation(this.#context, 'snapshots.get');
    return this.#require(name);
  }

  /**
   * Whether a snapshot of that name exists in the current account.
   *
   * @example
   * if (!(await client.snapshots.exists('nightly'))) await client.snapshots.create({ name: 'nightly', level: 'account' });
   */
  async exists(name: string): Promise<boolean> {
    await prepareOperation(this.#context, 'snapshots.exists');
    return (await this.#find(name)) !== undefined;
  }

  /**
   * Drops a snapshot.
   *
   * @example
   * await client.snapshots.drop('before_import', { ifExists: true });
   */
  async drop(name: string, options: DropSnapshotOptions = {}): Promise<void> {
    await prepareOperation(this.#context, 'snapshots.drop');
    await this.#context.executor.run(dropSnapshotStatement(name, options));
  }

  /**
   * Runs migrations behind a snapshot: takes a database snapshot, calls `run`, and when it throws restores the
   * database from the snapshot and throws {@link MigrationFailedError} with a report (which migration failed,
   * whether the database was restored, the snapshot kept). On success the snapshot is dropped unless
   * `keepSnapshot`. Refused inside a transaction ({@link TransactionRuleError}) and on servers other than
   * MatrixOne ({@link UnsupportedServerError}) before anything runs. For Knex, TypeORM and Umzug use
   * `guardKnexMigrations`, `guardTypeOrmMigrations` and `guardUmzugMigrations`, which fill in `run`, `pending`
   * and `failedMigration`.
   *
   * @example
   * await client.snapshots.guard({ database: 'shop', run: () => myTool.migrateAll() }, { keepSnapshot: true });
   */
  async guard<R>(
    migrations: GuardedMigrations<R>,
    options: SnapshotGuardOptions = {},
  ): Promise<GuardedMigrationResult<R>> {
    await prepareOperation(this.#context, 'snapshots.guard');
    const executor = this.#context.executor;
    return runGuarded(
      {
        snapshot: async (name, database) => {
          await executor.run(createSnapshotStatement({ name, level: 'database', database }));
        },
        restore: async (name, database) => {
          await executor.run(restoreDatabaseStatement(database, { snapshot: name }));
        },
        drop: async (name) => {
          await executor.run(dropSnapshotStatement(name));
        },
        tables: async (database) => {
          const { rows } = await executor.run(showTablesStatement(database));
          return rows.map((row) => String(Object.values(row)[0]));
        },
      },
      migrations,
      options,
    );
  }

  async #find(name: string): Promise<Snapshot | undefined> {
    const { rows } = await this.#context.executor.run(showSnapshotsStatement({ name }));
    const [row] = rows;
    return row === undefined ? undefined : parseSnapshotRow(row);
  }

  async #require(name: string): Promise<Snapshot> {
    const snapshot = await this.#find(name);
    if (snapshot === undefined) {
      throw new NotFoundError(
        `No snapshot named "${name.toLowerCase()}" is visible to this account; list them with snapshots.list().`,
      );
    }
    return snapshot;
  }
}

/** The one filter SHOW SNAPSHOTS applies on the server: the level, else the account, else none. */
function serverFilter(options: ListSnapshotsOptions): ShowSnapshotsFilter | undefined {
  if (options.level !== undefined) return { level: options.level };
  if (options.account !== undefined) return { account: options.account };
  return undefined;
}
