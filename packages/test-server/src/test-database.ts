import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { getCurrentTest } from 'vitest/suite';
import { endConnection } from './end-connection.js';
// The `testServer` value is provided by the global setup; its declaration of `ProvidedContext` types `inject`.
import type {} from './global-setup.js';
import { NoTestServerError } from './no-test-server-error.js';
import { recordServerDemand, wasCollected } from './server-demand.js';
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

/**
 * Stands in for the server when the run has none. Test files read it while they are collected (for example
 * `new URL(testServer().url)` inside a `describe`), so it must parse; nothing connects to it, because the files
 * that asked for a server are skipped before their hooks and tests run. `.invalid` never resolves (RFC 2606).
 */
const NO_SERVER: TestServer = {
  url: 'mysql://no-test-server.invalid/',
  flavor: 'none',
  version: '',
  live: false,
};

/**
 * The server the harness resolved for this run.
 *
 * When the run has no server, asking for one marks the calling test file as needing it, and the harness's
 * runner skips that whole file. Called inside a test, it skips that test. While the file is collected it returns
 * a stand-in of flavor `'none'`, so top-level checks such as `describe.skipIf(testServer().flavor !== 'matrixone')`
 * still evaluate. Called first from a hook it throws {@link NoTestServerError}: the file can no longer be skipped.
 */
export function testServer(): TestServer {
  const provided = inject('testServer');
  if (provided.available) return provided.server;
  getCurrentTest()?.context.skip('no test server (the reason is printed once at the start of the run)');
  const file = currentTestFile();
  if (wasCollected(file)) {
    throw new NoTestServerError(
      `${provided.reason} This file asked for the server only in a hook, too late to skip it: call testServer() ` +
        'or useTestDatabase() at its top level.',
    );
  }
  recordServerDemand(file);
  return NO_SERVER;
}

function currentTestFile(): string {
  return expect.getState().testPath ?? 'test';
}

/** Replaces the path of a `mysql://` URL with a database name. */
export function urlWithDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/**
 * Gives the calling test file its own database: created before the file's tests, dropped after them.
 * Call it at the top level of a test file (or of a `describe`); read the fields inside tests or hooks.
 * When the run has no server, the calling file is skipped with the reason.
 */
export function useTestDatabase(): TestDatabase {
  const file = basename(currentTestFile()).replace(/\.test\.[cm]?[jt]s$/, '');
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
  // With no server the file is skipped as a whole (testServer() records the demand): no database to make.
  if (testServer().flavor === 'none') return handle;
  beforeAll(async () => {
    const admin = await mysql.createConnection(testServer().url);
    await admin.query(`CREATE DATABASE \`${name}\``);
    await endConnection(admin);
    state.inspect = await mysql.createConnection({ uri: handle.url, multipleStatements: false });
  });
  afterAll(async () => {
    if (state.inspect) await endConnection(state.inspect);
    const admin = await mysql.createConnection(testServer().url);
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await endConnection(admin);
  });
  return handle;
}
