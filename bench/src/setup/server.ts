/** The benchmark database: created for the run with its tables, dropped at the end. */
import { randomBytes } from 'node:crypto';
import { destroyAfterQuit } from '@matrixone/core';
import mysql from 'mysql2/promise';

/** Connection settings in the shape every ORM accepts. */
export interface ConnectionSettings {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string;
}

/** The URL with `database` selected. */
export function urlWithDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** Splits a `mysql://` URL into the settings ORMs take (user and password percent-decoded). */
export function connectionSettings(url: string, database: string): ConnectionSettings {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database,
  };
}

/** The tables every suite uses; each suite empties the ones it writes before it measures. */
const TABLES = [
  'CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(60) NOT NULL, amount DECIMAL(12,2) NOT NULL)',
  'CREATE TABLE writes (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(60) NOT NULL, amount DECIMAL(12,2) NOT NULL)',
  'CREATE TABLE loads (id INT PRIMARY KEY, name VARCHAR(60) NOT NULL, amount DECIMAL(12,2) NOT NULL, qty INT NOT NULL)',
  'CREATE TABLE digits (d INT NOT NULL)',
];

/** Rows in `items`, the table point selects read. */
export const ITEM_COUNT = 10_000;

/** A database made for one run. */
export interface BenchDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

/** Creates `bench_<random>` with the benchmark tables and fills `items` and `digits`. */
export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `bench_${randomBytes(4).toString('hex')}`;
  const admin = await mysql.createConnection(serverUrl);
  try {
    await admin.query(`CREATE DATABASE \`${name}\``);
    await admin.query(`USE \`${name}\``);
    for (const sql of TABLES) await admin.query(sql);
    await admin.query('INSERT INTO digits (d) VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)');
    for (let start = 0; start < ITEM_COUNT; start += 1000) {
      const rows = Array.from({ length: 1000 }, (_, i) => [start + i, `item ${start + i}`, (start + i) / 4]);
      await admin.query('INSERT INTO items (id, name, amount) VALUES ?', [rows]);
    }
  } finally {
    await admin.end();
    await destroyAfterQuit(admin); // MatrixOne keeps the connection open after COM_QUIT
  }
  return {
    name,
    url: urlWithDatabase(serverUrl, name),
    async drop() {
      const connection = await mysql.createConnection(serverUrl);
      try {
        await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await connection.end();
        await destroyAfterQuit(connection);
      }
    },
  };
}
