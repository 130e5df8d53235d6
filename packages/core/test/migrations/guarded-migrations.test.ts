/**
 * Snapshot-guarded migrations. MariaDB has no snapshots: the public entry points are checked to refuse before
 * anything runs, and the orchestration (snapshot, run, which migration failed, restore, report, drop or keep) runs
 * real Knex, TypeORM and Umzug migrations against the test server with recording stand-ins for the three snapshot
 * statements. The real snapshots and restores are in test/live/guarded-migrations.live.test.ts.
 */
import { type PooledClient, createClient } from '@matrixone/core';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import knexFactory, { type Knex } from 'knex';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Umzug, memoryStorage } from 'umzug';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../src/managers/queryable.js';
import {
  MigrationFailedError,
  isMigrationFailedError,
} from '../../src/managers/snapshots/migration-failed-error.js';
import {
  type GuardedMigrations,
  type SnapshotGuardOptions,
  type SnapshotGuardSteps,
  runGuarded,
} from '../../src/managers/snapshots/snapshot-guard.js';
import { guardKnexMigrations } from '../../src/migrations/knex-migrations.js';
import { guardTypeOrmMigrations } from '../../src/migrations/typeorm-migrations.js';
import { guardUmzugMigrations } from '../../src/migrations/umzug-migrations.js';

const db = useTestDatabase();

/** Stand-ins for CREATE SNAPSHOT, RESTORE and DROP SNAPSHOT that record what would have been sent. */
function recordingGuard(): { client: Pick<Queryable, 'snapshots'>; steps: string[] } {
  const steps: string[] = [];
  const recording: SnapshotGuardSteps = {
    snapshot: async (name, database) => {
      steps.push(`snapshot ${database} as ${name}`);
    },
    restore: async (name, database) => {
      steps.push(`restore ${database} from ${name}`);
    },
    drop: async (name) => {
      steps.push(`drop ${name}`);
    },
    // MariaDB cannot restore: the orchestration tests read no tables, so the restore counts as done.
    tables: async () => [],
  };
  const snapshots = {
    guard: <R>(migrations: GuardedMigrations<R>, options?: SnapshotGuardOptions) =>
      runGuarded(recording, migrations, options ?? {}),
  };
  return { client: { snapshots } as unknown as Pick<Queryable, 'snapshots'>, steps };
}

async function tables(client: PooledClient): Promise<string[]> {
  const rows = await client.query<Record<string, string>>('SHOW TABLES');
  return rows.map((row) => String(Object.values(row)[0])).sort();
}

describe.skipIf(testServer().flavor === 'matrixone')(
  'snapshots.guard on a server that is not MatrixOne',
  () => {
    let client: PooledClient;
    beforeAll(() => {
      client = createClient(db.url);
    });
    afterAll(() => client.close());

    it('throws UnsupportedServerError before listing or running anything', async () => {
      const called: string[] = [];
      const error = await client.snapshots
        .guard({
          database: db.name,
          pending: async () => {
            called.push('pending');
            return ['001'];
          },
          run: async () => {
            called.push('run');
          },
        })
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name: 'UnsupportedServerError' });
      expect((error as Error).message).toContain('snapshots.guard() needs MatrixOne');
      expect(called).toEqual([]);
    });

    it('inside a transaction throws TransactionRuleError before anything, and the transaction goes on', async () => {
      const called: string[] = [];
      const outcome = await client.transaction(async (tx) => {
        const error = await tx.snapshots
          .guard({
            database: db.name,
            run: async () => {
              called.push('run');
            },
          })
          .catch((caught: unknown) => caught);
        await tx.query('SELECT 1');
        return error;
      });
      expect(outcome).toMatchObject({ name: 'TransactionRuleError', operation: 'snapshots.guard' });
      expect(called).toEqual([]);
    });
  },
);

describe('the guard itself (recorded snapshot steps)', () => {
  it('with nothing pending it neither snapshots nor runs', async () => {
    const { client, steps } = recordingGuard();
    let ran = false;
    const outcome = await client.snapshots.guard({
      database: 'shop',
      pending: async () => [],
      run: async () => {
        ran = true;
      },
    });
    expect(outcome).toEqual({ result: undefined, pending: [], snapshot: undefined, snapshotKept: false });
    expect(ran).toBe(false);
    expect(steps).toEqual([]);
  });

  it('names its snapshot after the database and drops it after success unless kept', async () => {
    const { client, steps } = recordingGuard();
    const dropped = await client.snapshots.guard({ database: 'Shop-EU', run: async () => 'done' });
    expect(dropped.snapshot).toMatch(/^shop_eu_premigrate_\d{14}_[0-9a-f]{4}$/);
    expect(dropped).toMatchObject({ result: 'done', snapshotKept: false });
    const kept = await client.snapshots.guard(
      { database: 'shop', run: async () => 'done' },
      { snapshot: 'before_v2', keepSnapshot: true },
    );
    expect(kept).toMatchObject({ snapshot: 'before_v2', snapshotKept: true });
    expect(steps).toEqual([
      `snapshot Shop-EU as ${dropped.snapshot}`,
      `drop ${dropped.snapshot}`,
      'snapshot shop as before_v2',
    ]);
  });

  it('a failed restore is in the report and the message, and the snapshot is kept', async () => {
    const failure = new Error('column exists');
    const error = await runGuarded(
      {
        snapshot: async () => {},
        restore: async () => {
          throw new Error('restore refused');
        },
        drop: async () => {
          throw new Error('must not drop');
        },
        tables: async () => [],
      },
      {
        database: 'shop',
        run: async () => {
          throw failure;
        },
      },
      { snapshot: 'sp1' },
    ).catch((caught: unknown) => caught);
    expect(isMigrationFailedError(error)).toBe(true);
    const { report } = error as MigrationFailedError;
    expect(report).toMatchObject({
      database: 'shop',
      snapshot: 'sp1',
      restored: false,
      failedMigration: undefined,
    });
    expect((report.restoreError as Error).message).toBe('restore refused');
    expect((error as Error).cause).toBe(failure);
    expect((error as Error).message).toContain('could NOT be restored');
    expect((error as Error).message).toContain("client.restores.database('shop', { snapshot: 'sp1' })");
  });
});

describe('the restore checked by the table names', () => {
  /** A restore that answers OK; the tables read before the snapshot, then after the restore. */
  async function restoreLeaving(tablesAfterRestore: readonly string[]): Promise<MigrationFailedError> {
    const reads = [['orders', 'Users'], tablesAfterRestore];
    return runGuarded(
      {
        snapshot: async () => {},
        restore: async () => {},
        drop: async () => {
          throw new Error('must not drop');
        },
        tables: async () => reads.shift() ?? [],
      },
      {
        database: 'shop',
        run: async () => {
          throw new Error('migration 002 failed');
        },
      },
      { snapshot: 'sp2' },
    ).then(
      () => {
        throw new Error('the guarded run did not fail');
      },
      (caught: unknown) => caught as MigrationFailedError,
    );
  }

  it("holds the snapshot's tables after the restore (names compared case-insensitively): restored", async () => {
    const error = await restoreLeaving(['users', 'orders']);
    expect(error.report.restored).toBe(true);
    expect(error.report).not.toHaveProperty('restoreError');
  });

  it('an OK restore that left a table the run created, or lost one, is reported as not restored', async () => {
    const error = await restoreLeaving(['orders', 'widgets']);
    expect(error.report.restored).toBe(false);
    expect((error.report.restoreError as Error).message).toBe(
      "RESTORE from snapshot sp2 answered OK but the database does not hold the snapshot's tables (tables not in the snapshot: widgets; tables missing: users)",
    );
    expect(error.message).toContain('could NOT be restored');
  });
});

describe('Knex migrations behind the guard (real migrations, recorded snapshot steps)', () => {
  let knex: Knex;
  let inspect: PooledClient;
  const migrations: Record<string, Knex.Migration> = {
    '001_create_users': {
      up: (k) => k.schema.createTable('users', (t) => t.increments('id')),
      down: (k) => k.schema.dropTable('users'),
    },
    '002_add_broken_column': {
      up: (k) => k.raw('ALTER TABLE users ADD COLUMN'),
      down: async () => {},
    },
    '003_never_runs': {
      up: (k) => k.schema.createTable('never', (t) => t.increments('id')),
      down: (k) => k.schema.dropTable('never'),
    },
  };
  const source = (names: string[]): Knex.MigratorConfig => ({
    migrationSource: {
      getMigrations: async () => names,
      getMigrationName: (name: string) => name,
      getMigration: async (name: string) => migrations[name] as Knex.Migration,
    },
    tableName: 'knex_migrations',
  });

  beforeAll(() => {
    knex = knexFactory({ client: 'mysql2', connection: db.url });
    inspect = createClient(db.url);
  });
  afterAll(async () => {
    await knex.destroy();
    await inspect.close();
  });

  it('on failure: snapshot, run, restore, and a report naming the failed migration; rethrown with its cause', async () => {
    const { client, steps } = recordingGuard();
    const error = await guardKnexMigrations(client, knex, {
      database: db.name,
      snapshot: 'before_knex',
      config: source(['001_create_users', '002_add_broken_column', '003_never_runs']),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MigrationFailedError);
    const { report } = error as MigrationFailedError;
    expect(report).toEqual({
      database: db.name,
      failedMigration: '002_add_broken_column',
      pending: ['001_create_users', '002_add_broken_column', '003_never_runs'],
      snapshot: 'before_knex',
      restored: true,
    });
    // Knex's own error (mysql2's, not an SDK error) is the cause; the kind falls back to `server`.
    expect((error as MigrationFailedError).kind).toBe('server');
    expect((error as Error).cause).toMatchObject({ code: 'ER_PARSE_ERROR' });
    expect((error as Error).message).toContain('Migration "002_add_broken_column" failed');
    expect(steps).toEqual([`snapshot ${db.name} as before_knex`, `restore ${db.name} from before_knex`]);
    // MariaDB cannot restore: the first migration stayed, which the live suite shows undone on MatrixOne.
    expect(await tables(inspect)).toEqual(['knex_migrations', 'knex_migrations_lock', 'users']);
  });

  it("names the migration that failed when Knex's batch transaction rolled back the earlier ones' records too", async () => {
    // DML only, so MariaDB rolls the whole batch back as MatrixOne does with DDL: no record of 101 is left.
    await knex.raw('CREATE TABLE audit (id INT PRIMARY KEY)');
    migrations['101_insert_row'] = { up: (k) => k('audit').insert({ id: 1 }), down: async () => {} };
    migrations['102_insert_twice'] = { up: (k) => k('audit').insert({ id: 1 }), down: async () => {} };
    const { client } = recordingGuard();
    const error = await guardKnexMigrations(client, knex, {
      database: db.name,
      snapshot: 'before_knex_3',
      config: { ...source(['101_insert_row', '102_insert_twice']), tableName: 'knex_batch_migrations' },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MigrationFailedError);
    expect((error as MigrationFailedError).report.failedMigration).toBe('102_insert_twice');
    expect(await knex('knex_batch_migrations').count({ n: '*' })).toEqual([{ n: 0 }]);
    expect(await knex('audit').count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('on success: the pending list, the snapshot dropped', async () => {
    const { client, steps } = recordingGuard();
    const outcome = await guardKnexMigrations(client, knex, {
      database: db.name,
      snapshot: 'before_knex_2',
      config: source(['001_create_users', '003_never_runs']),
    });
    expect(outcome).toMatchObject({
      pending: ['003_never_runs'],
      snapshot: 'before_knex_2',
      snapshotKept: false,
    });
    expect(steps).toEqual([`snapshot ${db.name} as before_knex_2`, 'drop before_knex_2']);
    expect(await tables(inspect)).toContain('never');
  });
});

describe('TypeORM migrations behind the guard (real migrations, recorded snapshot steps)', () => {
  class CreateOrders1700000000001 implements MigrationInterface {
    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query('CREATE TABLE orders (id INT PRIMARY KEY)');
    }
    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query('DROP TABLE orders');
    }
  }
  class BrokenIndex1700000000002 implements MigrationInterface {
    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query('CREATE INDEX broken ON no_such_table (id)');
    }
    async down(): Promise<void> {}
  }
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = new DataSource({
      type: 'mysql',
      url: db.url,
      migrations: [BrokenIndex1700000000002, CreateOrders1700000000001],
      migrationsTableName: 'typeorm_migrations',
    });
    await dataSource.initialize();
  });
  afterAll(() => dataSource.destroy());

  it('names the migration whose up threw, lists pending in TypeORM order, restores, and puts every up back', async () => {
    const { client, steps } = recordingGuard();
    const ups = dataSource.migrations.map((migration) => migration.up);
    const error = await guardTypeOrmMigrations(client, dataSource, {
      database: db.name,
      snapshot: 'before_typeorm',
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MigrationFailedError);
    expect((error as MigrationFailedError).report).toEqual({
      database: db.name,
      failedMigration: 'BrokenIndex1700000000002',
      pending: ['CreateOrders1700000000001', 'BrokenIndex1700000000002'],
      snapshot: 'before_typeorm',
      restored: true,
    });
    expect(steps).toEqual([
      `snapshot ${db.name} as before_typeorm`,
      `restore ${db.name} from before_typeorm`,
    ]);
    expect(dataSource.migrations.map((migration) => migration.up)).toEqual(ups);
    expect(dataSource.migrations.every((migration) => !Object.hasOwn(migration, 'up'))).toBe(true);
  });
});

describe('Umzug migrations behind the guard (real statements, recorded snapshot steps)', () => {
  let client: PooledClient;
  beforeAll(() => {
    client = createClient(db.url);
  });
  afterAll(() => client.close());

  const umzugWith = (storage = memoryStorage()) =>
    new Umzug({
      migrations: [
        { name: '01-create-items', up: () => client.execute('CREATE TABLE items (id INT PRIMARY KEY)') },
        { name: '02-duplicate-row', up: () => client.execute('INSERT INTO items VALUES (1), (1)') },
        { name: '03-never', up: () => client.execute('CREATE TABLE never_umzug (id INT)') },
      ],
      storage,
      logger: undefined,
    });

  it('names the first migration still pending after the failure, restores, and keeps the cause', async () => {
    const { client: guardClient, steps } = recordingGuard();
    const error = await guardUmzugMigrations(guardClient, umzugWith(), {
      database: db.name,
      snapshot: 'before_umzug',
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MigrationFailedError);
    expect((error as MigrationFailedError).report).toMatchObject({
      failedMigration: '02-duplicate-row',
      pending: ['01-create-items', '02-duplicate-row', '03-never'],
      restored: true,
    });
    expect(steps).toEqual([`snapshot ${db.name} as before_umzug`, `restore ${db.name} from before_umzug`]);
  });

  it('returns what Umzug applied and keeps the snapshot when asked', async () => {
    const { client: guardClient, steps } = recordingGuard();
    const storage = memoryStorage();
    await storage.logMigration({ name: '01-create-items', context: undefined });
    await storage.logMigration({ name: '02-duplicate-row', context: undefined });
    const outcome = await guardUmzugMigrations(guardClient, umzugWith(storage), {
      database: db.name,
      snapshot: 'before_umzug_2',
      keepSnapshot: true,
    });
    expect(outcome.result?.map((migration) => migration.name)).toEqual(['03-never']);
    expect(outcome).toMatchObject({ pending: ['03-never'], snapshotKept: true });
    expect(steps).toEqual([`snapshot ${db.name} as before_umzug_2`]);
  });
});
