/**
 * The kit's SqlDriver over a DataSource through the TypeORM binding, as the core client uses it: plain statements
 * and SDK-owned transactions.
 */
import { InvalidInputError, TransactionError } from '@matrixone/core';
import { OrmDriver } from '@matrixone/core/adapter';
import { useTestDatabase } from '@matrixone/test-server';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typeormBinding } from '../src/binding.js';
import { matrixone } from '../src/index.js';
import { checkedOutConnections } from './pool-usage.js';

const db = useTestDatabase();
let dataSource: DataSource;

beforeAll(async () => {
  dataSource = new DataSource({ type: 'mysql', url: db.url, poolSize: 2 });
  await dataSource.initialize();
  // Sets up what the driver relies on: insertId is the first id on MatrixOne too.
  matrixone(dataSource);
  await db.inspect.query('CREATE TABLE items (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50))');
});

afterAll(async () => {
  await dataSource.destroy();
});

describe('the driver over a DataSource', () => {
  it('reports rows with their columns, affected rows and the insert id', async () => {
    const driver = new OrmDriver(typeormBinding, dataSource);
    const inserted = await driver.run({
      sql: 'INSERT INTO items (name) VALUES (?), (?)',
      values: ['a', 'b'],
    });
    expect(inserted).toMatchObject({ rows: [], affectedRows: 2, insertId: 1 });
    const selected = await driver.run({ sql: 'SELECT id, name FROM items ORDER BY id' });
    expect(selected).toEqual({
      rows: [
        { id: 1, name: 'a' },
        { id: 2, name: 'b' },
      ],
      columns: ['id', 'name'],
      affectedRows: 0,
    });
    expect(checkedOutConnections(dataSource)).toBe(0);
  });

  it('begin() gives a transaction on one connection that commits or rolls back', async () => {
    const driver = new OrmDriver(typeormBinding, dataSource);
    const committed = await driver.begin({ isolationLevel: 'READ COMMITTED' });
    await committed.run({ sql: 'INSERT INTO items (name) VALUES (?)', values: ['kept'] });
    await committed.commit();
    expect(committed.isOpen()).toBe(false);
    await expect(committed.run({ sql: 'SELECT 1' })).rejects.toThrow(TransactionError);
    await committed.release();

    const rolledBack = await driver.begin();
    await rolledBack.run({ sql: 'INSERT INTO items (name) VALUES (?)', values: ['undone'] });
    await rolledBack.rollback();
    await rolledBack.release();

    const [rows] = await db.inspect.query("SELECT name FROM items WHERE name IN ('kept', 'undone')");
    expect(rows).toEqual([{ name: 'kept' }]);
    expect(checkedOutConnections(dataSource)).toBe(0);
  });

  it('refuses READ ONLY, which TypeORM cannot start, before taking a connection', async () => {
    const driver = new OrmDriver(typeormBinding, dataSource);
    await expect(driver.begin({ readOnly: true })).rejects.toThrow(InvalidInputError);
    expect(checkedOutConnections(dataSource)).toBe(0);
  });

  it('close() leaves the DataSource open', async () => {
    await new OrmDriver(typeormBinding, dataSource).close();
    expect(dataSource.isInitialized).toBe(true);
  });
});
