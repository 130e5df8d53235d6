/**
 * Runs only against a real MatrixOne (MATRIXONE_URL): what MariaDB cannot show. CLONE is part of the TypeORM
 * transaction and rolls back with it (docs/matrixone-facts.md#transactions, cases/clone/clone_can_rollback);
 * ROLLBACK TO SAVEPOINT
 * always fails (docs/matrixone-facts.md#transactions), so a failed nested `manager.transaction` on a DataSource
 * that `matrixone(dataSource)` never guarded rolls the bound transaction back as a whole.
 */
import { matrixone } from '@matrixone/adapter-typeorm';
import { TransactionError, TransactionRuleError } from '@matrixone/core';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const db = useTestDatabase();

describe.skipIf(testServer().flavor !== 'matrixone')('on MatrixOne', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = new DataSource({ type: 'mysql', url: db.url, poolSize: 2 });
    await dataSource.initialize();
    await db.inspect.query('CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50))');
    await db.inspect.query("INSERT INTO items VALUES (1, 'one'), (2, 'two')");
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  beforeEach(async () => {
    await db.inspect.query('DROP TABLE IF EXISTS items_copy');
    await db.inspect.query('DELETE FROM items WHERE id > 2');
  });

  async function copyExists(): Promise<boolean> {
    const [rows] = await db.inspect.query("SHOW TABLES LIKE 'items_copy'");
    return (rows as unknown[]).length > 0;
  }

  it('the client detects MatrixOne through the DataSource pool', async () => {
    const client = matrixone(dataSource);
    expect((await client.serverInfo()).flavor).toBe('matrixone');
    await client.close();
  });

  it('a table clone made through mo commits with the TypeORM transaction', async () => {
    await dataSource.transaction(async (manager) => {
      await manager.query("INSERT INTO items VALUES (3, 'three')");
      await matrixone(manager).clones.table(
        { database: db.name, table: 'items_copy' },
        { database: db.name, table: 'items' },
      );
    });
    // A clone inside a transaction sees the transaction's own uncommitted rows (cases/clone/clone_can_rollback).
    const [copied] = await db.inspect.query('SELECT id FROM items_copy ORDER BY id');
    expect(copied).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    const [items] = await db.inspect.query('SELECT id FROM items WHERE id = 3');
    expect(items).toEqual([{ id: 3 }]);
  });

  it('a table clone made through mo is undone when the TypeORM transaction rolls back', async () => {
    const failure = new Error('abort');
    await expect(
      dataSource.transaction(async (manager) => {
        await matrixone(manager).clones.table(
          { database: db.name, table: 'items_copy' },
          { database: db.name, table: 'items' },
        );
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await copyExists()).toBe(false);
  });

  it('snapshots are refused inside the transaction and run from afterCommit on the client', async () => {
    const client = matrixone(dataSource);
    const name = `typeorm_live_${db.name.slice(-8)}`;
    try {
      await client.transaction(async ({ manager, mo }) => {
        await manager.query("INSERT INTO items VALUES (4, 'four')");
        await expect(
          mo.snapshots.create({ name, level: 'table', database: db.name, table: 'items' }),
        ).rejects.toBeInstanceOf(TransactionRuleError);
        mo.afterCommit(() =>
          client.snapshots.create({ name, level: 'table', database: db.name, table: 'items' }),
        );
      });
      expect(await client.snapshots.exists(name)).toBe(true);
    } finally {
      await client.snapshots.drop(name, { ifExists: true });
      await client.close();
    }
  });

  it('a failed nested manager.transaction rolls the whole bound transaction back with a TransactionError', async () => {
    // A DataSource that matrixone(dataSource) never guarded (the tests above guard `dataSource`'s connections,
    // which would send the ROLLBACK TO SAVEPOINT as ROLLBACK): MatrixOne's own refusal (20101) reaches the adapter.
    const unguarded = await new DataSource({ type: 'mysql', url: db.url, poolSize: 1 }).initialize();
    try {
      const error = await unguarded
        .transaction(async (manager) => {
          const mo = matrixone(manager);
          await mo.execute('INSERT INTO items VALUES (?, ?)', [5, 'outer']);
          await manager
            .transaction(async (inner) => {
              await inner.query("INSERT INTO items VALUES (6, 'inner')");
              throw new Error('inner failure');
            })
            .catch(() => undefined);
        })
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      expect(error).toBeInstanceOf(TransactionError);
      expect(error).toMatchObject({ cause: { errno: 20101 } });
      const [rows] = await db.inspect.query('SELECT id FROM items WHERE id > 2');
      expect(rows).toEqual([]);
    } finally {
      await unguarded.destroy();
    }
  });
});
