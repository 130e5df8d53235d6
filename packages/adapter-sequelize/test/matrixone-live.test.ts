/**
 * Runs only against a real MatrixOne (MATRIXONE_URL): what MariaDB cannot show. MatrixOne refuses snapshot
 * statements inside a transaction, keeps CLONE inside it, and cannot roll back to a savepoint (seen on a
 * Sequelize that `matrixone(sequelize)` never guarded).
 */
import { type QueryEvent, TransactionError, TransactionRuleError } from '@matrixone/core';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import type { Sequelize, Transaction } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrixone } from '../src/index.js';
import { MODEL_TABLES, defineModels } from './models.js';
import { openSequelize } from './open-sequelize.js';

const db = useTestDatabase();

describe.skipIf(testServer().flavor !== 'matrixone')('live on MatrixOne', () => {
  let sequelize: Sequelize;
  let models: ReturnType<typeof defineModels>;

  beforeAll(async () => {
    sequelize = openSequelize(db.url, 2);
    models = defineModels(sequelize);
    for (const statement of MODEL_TABLES) await db.inspect.query(statement);
  });

  afterAll(async () => {
    await sequelize.close();
  });

  it('refuses a snapshot on mo before sending it, and takes it after commit through afterCommit', async () => {
    const events: QueryEvent[] = [];
    const client = matrixone(sequelize, { logger: (event) => events.push(event) });
    const name = `${db.name}_after_commit`;
    try {
      await client.transaction(async ({ t, mo }) => {
        await models.Customer.create({ id: 1, name: 'Ada' }, { transaction: t });
        const sentBefore = events.length;
        await expect(
          mo.snapshots.create({ name, level: 'database', database: db.name }),
        ).rejects.toBeInstanceOf(TransactionRuleError);
        expect(events.length).toBe(sentBefore);
        mo.afterCommit(() => client.snapshots.create({ name, level: 'database', database: db.name }));
      });
      expect(await client.snapshots.exists(name)).toBe(true);
    } finally {
      await client.snapshots.drop(name, { ifExists: true });
    }
  });

  it('a table clone made on mo rolls back with the Sequelize transaction, and is kept by its commit', async () => {
    const client = matrixone(sequelize);
    const source = { database: db.name, table: 'customers' };
    await expect(
      client.transaction(async ({ mo }) => {
        await mo.clones.table({ database: db.name, table: 'customers_undone' }, source);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await client.transaction(async ({ mo }) => {
      await mo.clones.table({ database: db.name, table: 'customers_kept' }, source);
    });
    const [tables] = await db.inspect.query('SHOW TABLES');
    const names = (tables as Array<Record<string, string>>).map((row) => String(Object.values(row)[0]));
    expect(names.filter((table) => table.startsWith('customers_'))).toEqual(['customers_kept']);
  });

  it('a bound savepoint’s rollback fails as TransactionError, and the outer commit rolls back instead', async () => {
    // A Sequelize that matrixone(sequelize) never guarded (the tests above guard `sequelize`'s connections, which
    // would send the ROLLBACK TO SAVEPOINT as ROLLBACK): MatrixOne's own refusal reaches the adapter.
    const unguarded = openSequelize(db.url, 1);
    const insert = (id: number, name: string, transaction: Transaction) =>
      unguarded.query('INSERT INTO customers (id, name) VALUES (?, ?)', {
        replacements: [id, name],
        transaction,
      });
    try {
      const t = await unguarded.transaction();
      await insert(10, 'Outer', t);
      const savepoint = await unguarded.transaction({ transaction: t });
      matrixone(savepoint);
      await insert(11, 'Inner', savepoint);
      await expect(savepoint.rollback()).rejects.toBeInstanceOf(TransactionError);
      await expect(t.commit()).rejects.toBeInstanceOf(TransactionError);
      const [rows] = await db.inspect.query('SELECT id FROM customers WHERE id >= 10');
      expect(rows).toEqual([]);
    } finally {
      await unguarded.close();
    }
  });
});
