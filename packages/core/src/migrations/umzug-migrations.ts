/**
 * Umzug migrations (what Sequelize applications use) behind a snapshot. Umzug is not imported: the instance is
 * taken by shape.
 */
import type { Queryable } from '../managers/queryable.js';
import type { GuardedMigrationResult, SnapshotGuardOptions } from '../managers/snapshots/snapshot-guard.js';
import { firstStillPending } from './first-still-pending.js';

/** What is used of an Umzug instance. */
export interface UmzugLike<M extends { readonly name: string } = { readonly name: string }> {
  pending(): Promise<readonly { readonly name: string }[]>;
  up(options?: object): Promise<readonly M[]>;
}

/** Options of {@link guardUmzugMigrations}. */
export interface GuardUmzugMigrationsOptions extends SnapshotGuardOptions {
  /** The database the migrations change; Umzug's storage table (SequelizeMeta) must live in it too. */
  readonly database: string;
}

/**
 * Runs `umzug.up()` behind a database snapshot: restored and rethrown as `MigrationFailedError` (naming the
 * failed migration) when a migration fails; see `client.snapshots.guard()`.
 *
 * @example
 * const { result: applied } = await guardUmzugMigrations(matrixone(sequelize), umzug, { database: 'shop' });
 */
export function guardUmzugMigrations<M extends { readonly name: string }>(
  client: Pick<Queryable, 'snapshots'>,
  umzug: UmzugLike<M>,
  options: GuardUmzugMigrationsOptions,
): Promise<GuardedMigrationResult<readonly M[]>> {
  const { database, ...guardOptions } = options;
  const pending = async () => (await umzug.pending()).map((migration) => migration.name);
  return client.snapshots.guard(
    {
      database,
      run: () => umzug.up(),
      pending,
      // Umzug logs each migration in its storage as it completes: the failed one is the first still pending.
      failedMigration: async (_error, before) => firstStillPending(before, await pending()),
    },
    guardOptions,
  );
}
