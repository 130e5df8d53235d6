import { useTestDatabase } from '@matrixone/test-server';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Statement } from '../../src/connection/executor.js';
import { AlreadyExistsError, NotFoundError } from '../../src/errors/errors.js';
import { mysqlContext } from './mysql-context.js';

const db = useTestDatabase();

describe('mysqlContext', () => {
  let connection: mysql.Connection;
  const sent: Statement[] = [];

  beforeAll(async () => {
    connection = await mysql.createConnection(db.url);
  });
  afterAll(async () => {
    await connection.end();
  });

  it('runs statements with bound values and maps rows, columns, affected rows and insert ids', async () => {
    const context = mysqlContext(connection, { onStatement: (statement) => sent.push(statement) });
    await context.executor.run({
      sql: 'CREATE TABLE items (id INT AUTO_INCREMENT PRIMARY KEY, label VARCHAR(20))',
    });
    const insert = await context.executor.run({
      sql: 'INSERT INTO items (label) VALUES (?), (?)',
      values: ['a', "b'"],
    });
    expect(insert).toMatchObject({ affectedRows: 2, insertId: 1, rows: [], columns: [] });
    const select = await context.executor.run({
      sql: 'SELECT id, label FROM items WHERE label = ?',
      values: ["b'"],
    });
    expect(select).toEqual({ rows: [{ id: 2, label: "b'" }], columns: ['id', 'label'], affectedRows: 0 });
    expect(sent.map((statement) => statement.sql)).toContain('SELECT id, label FROM items WHERE label = ?');
    const [check] = await db.inspect.query('SELECT COUNT(*) AS n FROM items');
    expect(check).toEqual([{ n: 2 }]);
  });

  it('maps driver errors to typed errors', async () => {
    const context = mysqlContext(connection);
    await expect(context.executor.run({ sql: 'SELECT * FROM missing_table' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(context.executor.run({ sql: 'CREATE TABLE items (id INT)' })).rejects.toBeInstanceOf(
      AlreadyExistsError,
    );
  });

  it('detects the server once and reports the transaction flag it was given', async () => {
    const versions: string[] = [];
    const context = mysqlContext(connection, {
      inTransaction: true,
      onStatement: (s) => versions.push(s.sql),
    });
    const [first, second] = await Promise.all([context.serverInfo(), context.serverInfo()]);
    const [[row]] = (await connection.query('SELECT version() AS v')) as unknown as [[{ v: string }]];
    expect(first?.versionString).toBe(row.v);
    expect(second).toBe(first);
    expect(versions).toEqual(['SELECT version() AS v']);
    expect(context.executor.inTransaction).toBe(true);
  });
});
