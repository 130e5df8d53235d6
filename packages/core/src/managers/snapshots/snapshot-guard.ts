/**
 * The snapshot guard around a migration run, independent of the migration tool: snapshot the database, run the
 * pending migrations, and on failure restore the database and throw a {@link MigrationFailedError} with the
 * report. `snapshots.guard()` runs it with the real snapshot statements; its MariaDB tests with stand-ins.
 */
import { randomBytes } from 'node:crypto';
import { MigrationFailedError, type MigrationFailureReport } from './migration-failed-error.js';

/** What a guarded run needs to know of the migration tool. */
export interface GuardedMigrations<R> {
  /** The database the migrations change (and where the tool keeps its record of applied migrations). */
  readonly database: string;
  /** Runs the pending migrations (`knex.migrate.latest()`, `dataSource.runMigrations()`, `umzug.up()`, …). */
  readonly run: () => Promise<R>;
  /** Names of the pending migrations, in order. When it returns none, nothing is snapshotted and `run` is not called. */
  readonly pending?: () => Promise<readonly string[]>;
  /** Which migration failed, asked after `run` threw and before the restore. */
  readonly failedMigration?: (error: unknown, pending: readonly string[]) => Promise<string | undefined>;
}

/** Options of a guarded run. */
export interface SnapshotGuardOptions {
  /** The snapshot's name (default `<database>_premigrate_<UTC yyyymmddhhmmss>_<4 hex digits>`). */
  readonly snapshot?: string;
  /** Keep the snapshot after a successful run (default `false`: dropped). It is always kept after a failure. */
  readonly keepSnapshot?: boolean;
}

/** What a successful guarded run returns. */
export interface GuardedMigrationResult<R> {
  /** What `run` returned; `undefined` when nothing was pending. */
  readonly result: R | undefined;
  /** The migrations that were pending (empty when the tool cannot list them). */
  readonly pending: readonly string[];
  /** The snapshot taken before the run; `undefined` when nothing was pending. */
  readonly snapshot: string | undefined;
  /** True when that snapshot still exists. */
  readonly snapshotKept: boolean;
}

/** The statements a guarded run sends. */
export interface SnapshotGuardSteps {
  snapshot(name: string, database: string): Promise<void>;
  restore(name: string, database: string): Promise<void>;
  drop(name: string): Promise<void>;
  /** The database's table names, read when the snapshot is taken and again after a restore. */
  tables(database: string): Promise<readonly string[]>;
}

/** Runs `migrations` between a snapshot and, on failure, a restore; see {@link GuardedMigrations}. */
export async function runGuarded<R>(
  steps: SnapshotGuardSteps,
  migrations: GuardedMigrations<R>,
  options: SnapshotGuardOptions,
): Promise<GuardedMigrationResult<R>> {
  const pending = migrations.pending === undefined ? [] : [...(await migrations.pending())];
  if (migrations.pending !== undefined && pending.length === 0) {
    return { result: undefined, pending, snapshot: undefined, snapshotKept: false };
  }
  const snapshot = options.snapshot ?? defaultSnapshotName(migrations.database);
  const tablesAtSnapshot = await steps.tables(migrations.database);
  await steps.snapshot(snapshot, migrations.database);
  let result: R;
  try {
    result = await migrations.run();
  } catch (error) {
    const failedMigration = await migrations.failedMigration?.(error, pending).catch(() => undefined);
    let report: MigrationFailureReport = {
      database: migrations.database,
      failedMigration,
      pending,
      snapshot,
      restored: true,
    };
    try {
      await steps.restore(snapshot, migrations.database);
      checkTables(tablesAtSnapshot, await steps.tables(migrations.database), snapshot);
    } catch (restoreError) {
      report = { ...report, restored: false, restoreError };
    }
    throw new MigrationFailedError(report, error);
  }
  const keep = options.keepSnapshot === true;
  if (!keep) await steps.drop(snapshot);
  return { result, pending, snapshot, snapshotKept: keep };
}

/**
 * Throws when a restore left other tables than the snapshot holds. MatrixOne's RESTORE DATABASE answers OK without
 * restoring a database that another database's foreign keys reference (read in its source, not observed:
 * docs/matrixone-facts.md), so an OK alone does not prove the restore; the table names catch what a failed
 * migration created or dropped. Names compare case-insensitively (MatrixOne lower-cases them).
 */
function checkTables(atSnapshot: readonly string[], afterRestore: readonly string[], snapshot: string): void {
  const before = new Set(atSnapshot.map((name) => name.toLowerCase()));
  const after = new Set(afterRestore.map((name) => name.toLowerCase()));
  const extra = [...after].filter((name) => !before.has(name));
  const missing = [...before].filter((name) => !after.has(name));
  if (extra.length === 0 && missing.length === 0) return;
  const differences = [
    extra.length > 0 ? `tables not in the snapshot: ${extra.join(', ')}` : '',
    missing.length > 0 ? `tables missing: ${missing.join(', ')}` : '',
  ].filter((part) => part !== '');
  throw new Error(
    `RESTORE from snapshot ${snapshot} answered OK but the database does not hold the snapshot's tables (${differences.join('; ')})`,
  );
}

function defaultSnapshotName(database: string): string {
  const time = new Date().toISOString().slice(0, 19).replace(/\D/g, '');
  const base = database
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 30);
  return `${base}_premigrate_${time}_${randomBytes(2).toString('hex')}`;
}
