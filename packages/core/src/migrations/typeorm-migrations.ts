/**
 * TypeORM migrations behind a snapshot. TypeORM is not imported: the DataSource is taken by shape.
 */
import type { Queryable } from '../managers/queryable.js';
import type { GuardedMigrationResult, SnapshotGuardOptions } from '../managers/snapshots/snapshot-guard.js';
import { IdentifierKind, quoteIdentifier } from '../sql/identifier.js';

/** A TypeORM migration instance, as `dataSource.migrations` holds them. */
export interface TypeOrmMigrationLike {
  readonly name?: string;
  up(queryRunner: unknown): Promise<unknown>;
}

/** What is used of a TypeORM DataSource. */
export interface TypeOrmDataSourceLike {
  readonly options: { readonly migrationsTableName?: string };
  readonly migrations: readonly TypeOrmMigrationLike[];
  runMigrations(options?: object): Promise<readonly unknown[]>;
  query(sql: string): Promise<unknown>;
}

/** Options of {@link guardTypeOrmMigrations}. */
export interface GuardTypeOrmMigrationsOptions extends SnapshotGuardOptions {
  /** The database the migrations change; TypeORM's migrations table must live in it too. */
  readonly database: string;
  /** Passed to `dataSource.runMigrations()` (`transaction`: `'all'`, `'each'` or `'none'`). */
  readonly runOptions?: object;
}

/**
 * Runs `dataSource.runMigrations()` behind a database snapshot: restored and rethrown as
 * `MigrationFailedError` (naming the failed migration) when a migration fails; see `client.snapshots.guard()`.
 * Pending migrations are the DataSource's migrations missing from its migrations table (all of them before the
 * table exists), in TypeORM's order; the failed one is known because each migration's `up` is observed during the
 * run (with TypeORM's default `transaction: 'all'` nothing is recorded as done until all succeed).
 *
 * @example
 * const { result: executed } = await guardTypeOrmMigrations(matrixone(dataSource), dataSource, { database: 'shop' });
 */
export async function guardTypeOrmMigrations(
  client: Pick<Queryable, 'snapshots'>,
  dataSource: TypeOrmDataSourceLike,
  options: GuardTypeOrmMigrationsOptions,
): Promise<GuardedMigrationResult<readonly unknown[]>> {
  const { database, runOptions, ...guardOptions } = options;
  let failed: string | undefined;
  return client.snapshots.guard(
    {
      database,
      pending: () => pendingMigrations(dataSource),
      run: () =>
        observeMigrations(
          dataSource.migrations,
          (name) => {
            failed = name;
          },
          () => dataSource.runMigrations(runOptions),
        ),
      failedMigration: async () => failed,
    },
    guardOptions,
  );
}

/** TypeORM's name for a migration: its `name`, else its class name. */
function nameOf(migration: TypeOrmMigrationLike): string {
  return migration.name ?? migration.constructor.name;
}

/** The migrations not in the migrations table, ordered by the 13-digit timestamp ending each name, as TypeORM runs them. */
async function pendingMigrations(dataSource: TypeOrmDataSourceLike): Promise<string[]> {
  const table = quoteIdentifier(dataSource.options.migrationsTableName ?? 'migrations', IdentifierKind.Table);
  const executed = new Set<string>();
  try {
    const rows = (await dataSource.query(`SELECT name FROM ${table}`)) as readonly { name: unknown }[];
    for (const row of rows) executed.add(String(row.name));
  } catch {
    // No migrations table yet: TypeORM creates it on the first run, and every migration is pending.
  }
  const timestamp = (name: string) => Number.parseInt(name.slice(-13), 10) || 0;
  return dataSource.migrations
    .map(nameOf)
    .filter((name) => !executed.has(name))
    .sort((left, right) => timestamp(left) - timestamp(right));
}

/**
 * Runs `work` while every migration's `up` reports the migration's name to `onFailure` when it throws; the
 * migrations are given back their own `up` afterwards.
 */
async function observeMigrations<T>(
  migrations: readonly TypeOrmMigrationLike[],
  onFailure: (name: string) => void,
  work: () => Promise<T>,
): Promise<T> {
  const originals = migrations.map((migration) => {
    const own = Object.getOwnPropertyDescriptor(migration, 'up');
    const up = migration.up;
    Object.defineProperty(migration, 'up', {
      configurable: true,
      writable: true,
      value: async (queryRunner: unknown) => {
        try {
          return await up.call(migration, queryRunner);
        } catch (error) {
          onFailure(nameOf(migration));
          throw error;
        }
      },
    });
    return { migration, own };
  });
  try {
    return await work();
  } finally {
    for (const { migration, own } of originals) {
      // The class's own `up` (on the prototype) shows again once the observer is removed.
      if (own === undefined) Reflect.deleteProperty(migration, 'up');
      else Object.defineProperty(migration, 'up', own);
    }
  }
}
