import mysql from 'mysql2/promise';
import { endConnection } from './end-connection.js';

/**
 * The product behind the test server, read from `SELECT version()`; `'none'` when the run has no server (the
 * tests that need one are skipped).
 */
export type TestServerFlavor = 'matrixone' | 'mariadb' | 'mysql' | 'none';

/** What every test file may know about its server. */
export interface TestServer {
  readonly url: string;
  readonly flavor: TestServerFlavor;
  readonly version: string;
  /** True when MATRIXONE_URL is set: the MatrixOne live suite runs. */
  readonly live: boolean;
}

/** Connects once and reads the server's version string. */
export async function describeServer(url: string, live: boolean): Promise<TestServer> {
  const connection = await mysql.createConnection(url);
  try {
    const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT version() AS v');
    const version = String(rows[0]?.v ?? '');
    const flavor: TestServerFlavor = /MatrixOne/i.test(version)
      ? 'matrixone'
      : /MariaDB/i.test(version)
        ? 'mariadb'
        : 'mysql';
    return { url, flavor, version, live };
  } finally {
    await endConnection(connection);
  }
}
