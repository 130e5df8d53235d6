/**
 * Knex migrations behind a snapshot. Knex is not imported: the runner is taken by shape (`knex.migrate`).
 */
import type { Queryable } from '../managers/queryable.js';
import type { GuardedMigrationResult, SnapshotGuardOptions } from '../managers/snapshots/snapshot-guard.js';
import { firstStillPending } from './first-still-pending.js';

/** What is used of a Knex instance: its migrator. */
export interface KnexMigrationsLike {
  /** Knex makes a new migrator at each read of `knex.migrate`. */
  readonly migrate: {
    latest(config?: object): Promise<unknown>;
    /** Knex answers `[completed, pending]`; pending entries are `{ file }` for folder sources. */
    list(config?: object): Promise<readonly [readonly unknown[], readonly unknown[]]>;
  };
}

/** Options of {@link guardKnexMigrations}. */
export interface GuardKnexMigrationsOptions extends SnapshotGuardOptions {
  /** The database the migrations change; Knex's migrations table must live in it too. */
  readonly database: string;
  /** Passed to `knex.migrate.latest()` and `list()` (directory, tableName, …). */
  readonly config?: object;
}

/**
 * Runs `knex.migrate.latest()` behind a database snapshot: restored and rethrown as `MigrationFailedError`
 * (naming the failed migration) when a migration fails; see `client.snapshots.guard()`.
 *
 * @example
 * const { pending } = await guardKnexMigrations(matrixone(knex), knex, { database: 'shop' });
 */
export function guardKnexMigrations(
  client: Pick<Queryable, 'snapshots'>,
  knex: KnexMigrationsLike,
  options: GuardKnexMigrationsOptions,
): Promise<GuardedMigrationResult<unknown>> {
  const { database, config, ...guardOptions } = options;
  const pending = async () => (await knex.migrate.list(config))[1].map(migrationName);
  const migrator = knex.migrate;
  return client.snapshots.guard(
    {
      database,
      run: () => migrator.latest(config),
      pending,
      failedMigration: async (_error, before) => {
        const running = runningMigration(migrator);
        if (running !== undefined && before.includes(running)) return running;
        // Knex records each migration as it completes: without its record of the running one, the first still
        // pending failed — unless the batch's one transaction was rolled back, records included.
        return firstStillPending(before, await pending());
      },
    },
    guardOptions,
  );
}

/**
 * The migration Knex was running when `latest()` failed: the migrator's `_activeMigration.fileName`, an internal
 * Knex has kept since 0.21 to log `migration file "…" failed` (knex/lib/migrations/migrate/Migrator.js). It is
 * needed because Knex runs a batch in one transaction by default, and on MatrixOne, which rolls DDL back with it,
 * every record of the batch is undone, so "the first still pending" would name the batch's first migration.
 */
function runningMigration(migrator: KnexMigrationsLike['migrate']): string | undefined {
  const active = (migrator as { _activeMigration?: { fileName?: unknown } })._activeMigration;
  return typeof active?.fileName === 'string' ? active.fileName : undefined;
}

/** A pending entry's name: the file for Knex's folder source, else `name`, else the entry itself. */
function migrationName(entry: unknown): string {
  if (typeof entry === 'string') return entry;
  if (typeof entry === 'object' && entry !== null) {
    const { file, name } = entry as { file?: unknown; name?: unknown };
    if (typeof file === 'string') return file;
    if (typeof name === 'string') return name;
  }
  return String(entry);
}
