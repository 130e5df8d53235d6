import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, expect, inject } from 'vitest';
// The `testServer` value is provided by the global setup; its declaration of `ProvidedContext` types `inject`.
import type {} from './global-setup.js';
import type { TestServer } from './server-flavor.js';

/** A database private to one test file, dropped after the file's tests. */
export interface TestDatabase {
  /** Database name, unique to this file and run. */
  readonly name: string;
  /** URL of the test server with this database selected. */
  readonly url: string;
  readonly server: TestServer;
  /** A plain mysql2 connection for checking what the code under test wrote, independent of it. */
  readonly inspect: mysql.Connection;
}

/** The server the harness resolved for this run. */
export function testServer(): TestServer {
  return inject('testServer');
}

/** Replaces the path of a `mysql://` URL with a database name. */
export function urlWithDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/**
 * Gives the calling test file its own database: created before the file's tests, dropped after them.
 * Call it at the top level of a test file; read the fields inside tests or hooks.
 */
export function useTestDatabase(): TestDatabase {
  const file = basename(expect.getState().testPath ?? 'test').replace(/\.test\.[cm]?[jt]s$/, '');
  const name =
    `t_${file.replace(/[^A-Za-z0-9]/g, '_').slice(0, 30)}_${randomBytes(4).toString('hex')}`.toLowerCase();
  const state: { inspect?: mysql.Connection } = {};
  const handle: TestDatabase = {
    name,
    get url() {
      return urlWithDatabase(testServer().url, name);
    },
    get server() {
      return testServer();
    },
    get inspect() {
      if (!state.inspect) throw new Error('useTestDatabase(): read `inspect` inside a test or hook');
      return state.inspect;
    },
  };
  beforeAll(async () => {
    const admin = await mysql.createConnection(testServer().url);
    await admin.query(`CREATE DATABASE \`${name}\``);
    await admin.end();
    state.inspect = await mysql.createConnection({ uri: handle.url, multipleStatements: false });
  });
  afterAll(async () => {
    await state.inspect?.end();
    const admin = await mysql.createConnection(testServer().url);
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.end();
  });
  return handle;
}
