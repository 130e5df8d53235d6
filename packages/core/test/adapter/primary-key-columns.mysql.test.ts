/**
 * The kit's primary-key reader, run on the test server: `COLUMNS.COLUMN_KEY` gives each table's primary-key
 * columns (composite ones too), tables without one get none, and a table of another schema is told apart.
 */
import { useTestDatabase } from '@matrixone/test-server';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  primaryKeyColumnsOf,
  primaryKeyColumnsStatement,
  primaryKeyOf,
} from '../../src/adapter/primary-key-columns.js';

const db = useTestDatabase();

beforeAll(async () => {
  await db.inspect.query(
    'CREATE TABLE single_key (id BIGINT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(40) UNIQUE)',
  );
  await db.inspect.query(
    'CREATE TABLE pair_key (b INT NOT NULL, a INT NOT NULL, note TEXT, PRIMARY KEY (a, b))',
  );
  await db.inspect.query('CREATE TABLE no_key (note TEXT)');
});

describe('primaryKeyColumnsStatement / primaryKeyColumnsOf', () => {
  it('reads the primary-key columns of each table, in table order, and none for a table without one', async () => {
    const tables = ['single_key', 'pair_key', 'no_key', 'missing'].map((table) => ({
      schema: db.name,
      table,
    }));
    const statement = primaryKeyColumnsStatement(tables);
    const [rows] = await db.inspect.query(statement.sql, [...(statement.values ?? [])]);
    const keys = primaryKeyColumnsOf(rows as object[]);
    expect(keys.get(primaryKeyOf({ schema: db.name, table: 'single_key' }))).toEqual(['id']);
    expect(keys.get(primaryKeyOf({ schema: db.name, table: 'pair_key' }))).toEqual(['b', 'a']);
    expect(keys.get(primaryKeyOf({ schema: db.name, table: 'no_key' }))).toBeUndefined();
    expect(keys.size).toBe(2);
  });

  it('keeps tables of other schemas apart, and reads nothing for no tables', async () => {
    const statement = primaryKeyColumnsStatement([{ schema: `${db.name}_other`, table: 'single_key' }]);
    const [rows] = await db.inspect.query(statement.sql, [...(statement.values ?? [])]);
    expect(primaryKeyColumnsOf(rows as object[]).size).toBe(0);
    const none = primaryKeyColumnsStatement([]);
    const [noRows] = await db.inspect.query(none.sql, [...(none.values ?? [])]);
    expect(noRows).toEqual([]);
  });
});
