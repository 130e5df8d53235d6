/**
 * Live suite for `clones.withClone()`, `clones.sweep()` and `snapshots.guard()` on a real MatrixOne: the clone
 * holds the source's rows (or the snapshot's), writes stay in the clone, the clone is dropped after success and
 * failure; a failing Knex migration run is restored from its snapshot.
 */
import { randomBytes } from 'node:crypto';
import {
  MigrationFailedError,
  type PooledClient,
  createClient,
  guardKnexMigrations,
  urlWithDatabase,
} from '@matrixone/core';
import { testServer } from '@matrixone/test-server';
import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp } from './clean-up.js';

describe.skipIf(testServer().flavor !== 'matrixone')(
  'withClone, sweep and guarded migrations on MatrixOne (live)',
  () => {
    const suffix = randomBytes(4).toString('hex');
    const source = `h13_wc_src_${suffix}`;
    const prefix = `h13_wc_${suffix}`;
    const guarded = `h13_mig_${suffix}`;
    const snapshotName = `h13_wc_sp_${suffix}`;
    let client: PooledClient;

    const databases = async (like: string): Promise<string[]> =>
      (await client.query<Record<string, string>>('SHOW DATABASES'))
        .map((row) => String(Object.values(row)[0]))
        .filter((name) => name.startsWith(like));
    const count = async (database: string, table: string): Promise<number> =>
      Number(
        (await client.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM \`${database}\`.\`${table}\``))[0]?.n,
      );

    beforeAll(async () => {
      client = createClient(testServer().url);
      await client.execute(`CREATE DATABASE \`${source}\``);
      await client.execute(`CREATE TABLE \`${source}\`.\`items\` (id INT PRIMARY KEY)`);
      await client.execute(`INSERT INTO \`${source}\`.\`items\` VALUES (1), (2), (3)`);
      await client.snapshots.create({ name: snapshotName, level: 'database', database: source });
      await client.execute(`INSERT INTO \`${source}\`.\`items\` VALUES (4)`);
      await client.execute(`CREATE DATABASE \`${guarded}\``);
    });
    afterAll(async () => {
      await cleanUp([
        () => client.execute(`DROP DATABASE IF EXISTS \`${source}\``),
        () => client.execute(`DROP DATABASE IF EXISTS \`${guarded}\``),
        () => client.snapshots.drop(snapshotName, { ifExists: true }),
        async () => {
          for (const name of await databases(prefix)) await client.execute(`DROP DATABASE \`${name}\``);
        },
        () => client.close(),
      ]);
    });

    it('a clone of current data: the rows are there, writes stay in the clone, the clone is gone afterwards', async () => {
      const seen = await client.clones.withClone({ source, prefix, url: testServer().url }, async (clone) => {
        const onClone = createClient(clone.url);
        try {
          expect(await count(clone.database, 'items')).toBe(4);
          await onClone.execute('DELETE FROM items');
          expect(await count(clone.database, 'items')).toBe(0);
        } finally {
          await onClone.close();
        }
        return clone.database;
      });
      expect(await count(source, 'items')).toBe(4);
      expect(await databases(seen)).toEqual([]);
    });

    it('a clone at a snapshot holds the snapshot rows, and is dropped when the callback throws', async () => {
      let name = '';
      await expect(
        client.clones.withClone({ source, snapshot: snapshotName, prefix }, async (clone) => {
          name = clone.database;
          expect(await count(clone.database, 'items')).toBe(3);
          throw new Error('test failed');
        }),
      ).rejects.toThrow('test failed');
      expect(await databases(name)).toEqual([]);
    });

    it('sweep drops an old leftover of the prefix and leaves a fresh one', async () => {
      const old = `${prefix}_20000101000000_0123abcd`;
      await client.clones.database(old, source);
      await client.clones.withClone({ source, prefix }, async (clone) => {
        expect(await client.clones.sweep({ prefix, olderThanMs: 60 * 60 * 1000 })).toEqual([old]);
        expect(await databases(clone.database)).toEqual([clone.database]);
      });
      expect(await databases(prefix)).toEqual([]);
    });

    it('a failing Knex migration run is restored from the snapshot, which is kept', async () => {
      const knex: Knex = knexFactory({
        client: 'mysql2',
        connection: urlWithDatabase(testServer().url, guarded),
      });
      const migrations: Record<string, Knex.Migration> = {
        '001_create': {
          up: (k) => k.schema.createTable('accounts', (t) => t.integer('id').primary()),
          down: async () => {},
        },
        '002_broken': { up: (k) => k.raw('ALTER TABLE accounts ADD COLUMN'), down: async () => {} },
      };
      const config = {
        // Each migration commits on its own. By default Knex runs the pending migrations in one transaction, and
        // MatrixOne undoes DDL with ROLLBACK (TypeORM's failed synchronize: observed on MatrixOne 4.2.0), so 002's
        // failure would have removed 001's table before the restore and the checks below would not see the
        // restore at all.
        disableTransactions: true,
        migrationSource: {
          getMigrations: async () => Object.keys(migrations),
          getMigrationName: (name: string) => name,
          getMigration: async (name: string) => migrations[name] as Knex.Migration,
        },
      };
      const snapshot = `${guarded}_before`;
      const tables = async () =>
        (await client.query<Record<string, string>>(`SHOW TABLES FROM \`${guarded}\``))
          .map((row) => String(Object.values(row)[0]))
          .sort();
      try {
        // Knex's pending list creates its own tables, so they exist before the guarded run and are in its
        // snapshot; 001 creates and commits `accounts` after the snapshot, and only the restore can remove it
        // (unrecorded in the reference: docs/matrixone-facts.md#snapshots-clones-restores-time-travel).
        await knex.migrate.list(config);
        const before = await tables();
        expect(before).toContain('knex_migrations');
        expect(before).not.toContain('accounts');
        const error = await guardKnexMigrations(client, knex, { database: guarded, snapshot, config }).catch(
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(MigrationFailedError);
        expect((error as MigrationFailedError).report).toMatchObject({
          failedMigration: '002_broken',
          restored: true,
          snapshot,
        });
        expect(await tables()).toEqual(before);
        // 001's row in Knex's record was committed after the snapshot too.
        expect(await count(guarded, 'knex_migrations')).toBe(0);
        expect(await client.snapshots.exists(snapshot)).toBe(true);
      } finally {
        await knex.destroy();
        await client.snapshots.drop(snapshot, { ifExists: true });
      }
    });
  },
);
