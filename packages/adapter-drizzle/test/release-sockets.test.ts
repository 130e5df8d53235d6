import type { Socket } from 'node:net';
import { type FaultProxy, startFaultProxy, useTestDatabase } from '@matrixone/test-server';
import { drizzle } from 'drizzle-orm/mysql2';
import { type Connection, type Pool, createConnection, createPool } from 'mysql2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrixone } from '../src/index.js';
import { endPool } from './support/open-drizzle.js';

/**
 * MatrixOne keeps a connection open after COM_QUIT (observed on MatrixOne 4.2.0); the fault proxy's swallowQuit
 * mode does the same. Once the adapter is set up, ending Drizzle's pool or connection must leave no socket open.
 */
const db = useTestDatabase();
let proxy: FaultProxy;

beforeAll(async () => {
  proxy = await startFaultProxy(db.url, { swallowQuit: true });
});
afterAll(async () => {
  await proxy.close();
});

/** A mysql2 pool through the proxy that records the socket of every connection it opens. */
function openPool(): { pool: Pool; sockets: Socket[] } {
  const sockets: Socket[] = [];
  const pool = createPool({ uri: proxy.url, connectionLimit: 3 });
  pool.on('connection', (connection) => sockets.push((connection as unknown as { stream: Socket }).stream));
  return { pool, sockets };
}

const openSockets = (sockets: readonly Socket[]) => sockets.filter((socket) => !socket.destroyed);
const endConnection = (connection: Connection) => new Promise((resolve) => connection.end(resolve));

describe('ending Drizzle’s pool after matrixone()', () => {
  it('leaves no socket open for a client', async () => {
    const { pool, sockets } = openPool();
    const client = matrixone(matrixone(drizzle(pool)).db); // set up twice: patched once
    await Promise.all([1, 2, 3].map(() => client.query('SELECT SLEEP(0.05) AS slept')));
    await client.transaction(async ({ mo }) => mo.query('SELECT 1'));
    expect(sockets.length).toBeGreaterThanOrEqual(2);
    await client.close();
    await endPool(pool);
    await expect.poll(() => openSockets(sockets)).toEqual([]);
  });

  it('leaves no socket open when only matrixone(tx) was used', async () => {
    const { pool, sockets } = openPool();
    await drizzle(pool).transaction(async (tx) => {
      await matrixone(tx).query('SELECT 1');
    });
    expect(sockets).toHaveLength(1);
    await endPool(pool);
    await expect.poll(() => openSockets(sockets)).toEqual([]);
  });

  it('leaves no socket open for a db on one connection', async () => {
    const connection = createConnection({ uri: proxy.url });
    const client = matrixone(drizzle(connection));
    await client.query('SELECT 1');
    const socket = (connection as unknown as { stream: Socket }).stream;
    await endConnection(connection);
    await expect.poll(() => socket.destroyed).toBe(true);
  });

  it('without matrixone(), the proxy really keeps the sockets open (the checks above can fail)', async () => {
    const { pool, sockets } = openPool();
    await drizzle(pool).execute('SELECT 1');
    await endPool(pool);
    expect(openSockets(sockets)).toHaveLength(1);
    for (const socket of sockets) socket.destroy();
  });
});
