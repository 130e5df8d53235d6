import { once } from 'node:events';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import mysql from 'mysql2/promise';
import { afterEach, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy, testServer } from '../src/index.js';

/** How long a socket must stay open to count as "left open" (MatrixOne kept one open for 150 s). */
const OPEN_FOR_MS = 500;

let proxy: FaultProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

/** mysql2's socket under a promise connection. */
function socketOf(connection: mysql.Connection): Socket {
  return (connection as unknown as { connection: { stream: Socket } }).connection.stream;
}

/** Whether `socket` closes within `ms`. */
async function closesWithin(socket: Socket, ms: number): Promise<boolean> {
  if (socket.destroyed) return true;
  return Promise.race([once(socket, 'close').then(() => true), sleep(ms).then(() => false)]);
}

/** Whether the server still lists the session `threadId`. */
async function serverHasSession(threadId: number): Promise<boolean> {
  const admin = await mysql.createConnection(testServer().url);
  try {
    const [rows] = await admin.query<mysql.RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM information_schema.processlist WHERE id = ?',
      [threadId],
    );
    return Number(rows[0]?.n) > 0;
  } finally {
    await admin.end();
  }
}

async function connectThrough(url: string): Promise<mysql.Connection> {
  const connection = await mysql.createConnection(url);
  const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT 1 AS one');
  expect(rows[0]?.one).toBe(1);
  return connection;
}

describe('fault proxy: COM_QUIT handling', () => {
  it('forwards COM_QUIT by default, and the server closes the connection', async () => {
    proxy = await startFaultProxy(testServer().url);
    const connection = await connectThrough(proxy.url);
    await connection.end();
    expect(await closesWithin(socketOf(connection), 5_000)).toBe(true);
    await expect.poll(() => proxy?.openConnections()).toBe(0);
  });

  it('with swallowQuit, keeps the client socket open after COM_QUIT and lets the server session go', async () => {
    proxy = await startFaultProxy(testServer().url, { swallowQuit: true });
    const connection = await connectThrough(proxy.url);
    const threadId = connection.threadId;
    await connection.end(); // resolves, as it does on MatrixOne
    const socket = socketOf(connection);
    expect(await closesWithin(socket, OPEN_FOR_MS)).toBe(false);
    expect(proxy.heldOpen()).toBe(1);
    await expect.poll(() => serverHasSession(threadId)).toBe(false);

    // A half-close after the QUIT (mysql2's destroy()) is not answered either: only destroying frees the socket.
    socket.end();
    expect(await closesWithin(socket, OPEN_FOR_MS)).toBe(false);
    expect(proxy.heldOpen()).toBe(1);
    socket.destroy();
  });

  it('with swallowQuit, leaves a bare half-close (FIN, no QUIT) unanswered', async () => {
    proxy = await startFaultProxy(testServer().url, { swallowQuit: true });
    const connection = await connectThrough(proxy.url);
    connection.destroy(); // mysql2: stream.end(), no COM_QUIT
    const socket = socketOf(connection);
    expect(await closesWithin(socket, OPEN_FOR_MS)).toBe(false);
    expect(proxy.heldOpen()).toBe(1);
    socket.destroy();
  });

  it('frees held connections on cutAll', async () => {
    proxy = await startFaultProxy(testServer().url, { swallowQuit: true });
    const connection = await connectThrough(proxy.url);
    await connection.end();
    expect(await closesWithin(socketOf(connection), OPEN_FOR_MS)).toBe(false);
    proxy.cutAll();
    expect(await closesWithin(socketOf(connection), 5_000)).toBe(true);
    expect(proxy.openConnections()).toBe(0);
  });

  it('switches the mode at run time', async () => {
    proxy = await startFaultProxy(testServer().url);
    proxy.swallowQuit(true);
    const held = await connectThrough(proxy.url);
    await held.end();
    expect(await closesWithin(socketOf(held), OPEN_FOR_MS)).toBe(false);

    proxy.swallowQuit(false);
    const closed = await connectThrough(proxy.url);
    await closed.end();
    expect(await closesWithin(socketOf(closed), 5_000)).toBe(true);
    expect(proxy.heldOpen()).toBe(1);
    socketOf(held).destroy();
  });
});
