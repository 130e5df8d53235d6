import { ErrorKind, type PooledClient, createClient, isMatrixOneErrorOfKind } from '@matrixone/core';
import {
  type FaultProxy,
  type PrivateMariaDb,
  startFaultProxy,
  startPrivateMariaDb,
  testServer,
} from '@matrixone/test-server';
import mysql from 'mysql2/promise';
import { afterAll, describe, expect, it } from 'vitest';
import { caught } from './reliability-support.js';

/**
 * A real server shutdown: a second private MariaDB is stopped while the client's pool holds connections to it,
 * and another one takes its place behind the same address (the proxy), with the same user and database. The
 * client, created once, fails with ConnectionError while no server answers and works again afterwards.
 */
const DATABASE = 'restart_db';
const state: { servers: PrivateMariaDb[]; proxy?: FaultProxy; client?: PooledClient } = { servers: [] };

/** Starts a private MariaDB whose `sdk_test` user has `password`, with the test database and table in it. */
async function serverWith(password?: string): Promise<{ server: PrivateMariaDb; url: string }> {
  const server = await startPrivateMariaDb();
  state.servers.push(server);
  const admin = await mysql.createConnection(server.url);
  if (password !== undefined) await admin.query("ALTER USER 'sdk_test'@'%' IDENTIFIED BY ?", [password]);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.query(`CREATE TABLE ${DATABASE}.entries (id INT PRIMARY KEY)`);
  await admin.end();
  const url = new URL(server.url);
  if (password !== undefined) url.password = encodeURIComponent(password);
  url.pathname = `/${DATABASE}`;
  return { server, url: url.toString() };
}

afterAll(async () => {
  await state.client?.close().catch(() => undefined);
  await state.proxy?.close();
  for (const server of state.servers) await server.stop();
});

describe.skipIf(testServer().flavor === 'matrixone')('the server is shut down and replaced', () => {
  it('ConnectionError while no server answers; the same client commits on the new server', async () => {
    const first = await serverWith();
    const proxy = await startFaultProxy(first.url);
    state.proxy = proxy;
    const client = createClient(`${proxy.url}?poolSize=3`);
    state.client = client;
    await Promise.all([1, 2, 3].map((id) => client.execute('INSERT INTO entries (id) VALUES (?)', [id])));
    expect(client.poolStats().total).toBeGreaterThan(0);

    await first.server.stop();
    const down = await caught(() => client.query('SELECT 1'));
    expect(isMatrixOneErrorOfKind(down, ErrorKind.Connection)).toBe(true);
    const downInTransaction = await caught(() =>
      client.transaction(async (tx) => tx.execute('INSERT INTO entries (id) VALUES (?)', [4])),
    );
    expect(isMatrixOneErrorOfKind(downInTransaction, ErrorKind.Connection)).toBe(true);

    const second = await serverWith(decodeURIComponent(new URL(first.url).password));
    proxy.retarget(second.url);
    expect(await client.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await client.transaction(async (tx) => tx.execute('INSERT INTO entries (id) VALUES (?)', [5]));
    expect(await client.query('SELECT id FROM entries')).toEqual([{ id: 5 }]);
    expect(client.poolStats()).toMatchObject({ busy: 0, queued: 0 });
  });
});
