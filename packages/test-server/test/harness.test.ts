import mysql from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { testServer, urlWithDatabase, useTestDatabase } from '../src/index.js';

const db = useTestDatabase();

describe('test harness', () => {
  it('gives the file a database of its own on a server that answers', async () => {
    const [rows] = await db.inspect.query<mysql.RowDataPacket[]>('SELECT DATABASE() AS name');
    expect(rows[0]?.name).toBe(db.name);
    expect(['matrixone', 'mariadb', 'mysql']).toContain(db.server.flavor);
  });

  it('marks the live suite enabled exactly when MATRIXONE_URL is set', () => {
    expect(testServer().live).toBe(Boolean(process.env.MATRIXONE_URL));
    if (!process.env.MATRIXONE_URL && !process.env.TEST_DATABASE_URL) {
      expect(testServer().flavor).toBe('mariadb');
    }
  });

  it('keeps each file on its own database name', async () => {
    await db.inspect.query('CREATE TABLE isolation_probe (id INT PRIMARY KEY)');
    const other = await mysql.createConnection(testServer().url);
    const [rows] = await other.query<mysql.RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_name = ? AND table_schema <> ?',
      ['isolation_probe', db.name],
    );
    await other.end();
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it('replaces only the database part of a URL', () => {
    expect(urlWithDatabase('mysql://u:p%40ss@127.0.0.1:3307/old?charset=utf8mb4', 'new_db')).toBe(
      'mysql://u:p%40ss@127.0.0.1:3307/new_db?charset=utf8mb4',
    );
  });
});
