import { once } from 'node:events';
import { type Socket, createConnection, createServer } from 'node:net';
import { MysqlDriver, destroyAfterQuit } from '@matrixone/core';
import { type FaultProxy, startFaultProxy, useTestDatabase } from '@matrixone/test-server';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * MatrixOne keeps a connection open after COM_QUIT (observed on MatrixOne 4.2.0): closing must destroy the
 * sockets itself. The fault proxy's swallowQuit mode answers neither the QUIT nor the FIN, like that server.
 */
const db = useTestDatabase();
let proxy: FaultProxy;

beforeAll(async () => {
  proxy = await startFaultProxy(db.url, { swallowQuit: true });
});
afterAll(async () => {
  await proxy.close();
});

describe('destroyAfterQuit', () => {
  it('destroys the socket only after everything written to it reached the peer', async () => {
    const received: Buffer[] = [];
    const peer = createServer({ allowHalfOpen: true }, (socket) => {
      socket.on('data', (chunk: Buffer) => received.push(chunk));
    });
    peer.listen(0, '127.0.0.1');
    await once(peer, 'listening');
    const { port } = peer.address() as { port: number };
    const stream = createConnection({ port, host: '127.0.0.1' });
    await once(stream, 'connect');
    // A large write is still queued when destroyAfterQuit starts: it must be flushed, not discarded.
    const payload = Buffer.alloc(8 * 1024 * 1024, 7);
    stream.write(payload);
    await destroyAfterQuit({ stream });
    expect(stream.destroyed).toBe(true);
    await expect.poll(() => Buffer.concat(received).length).toBe(payload.length);
    peer.close();
  });

  it('does nothing for a connection without a socket or with a closed one', async () => {
    await expect(destroyAfterQuit({})).resolves.toBeUndefined();
    await expect(destroyAfterQuit(null)).resolves.toBeUndefined();
    const stream = createConnection({ port: proxy.port, host: '127.0.0.1' });
    stream.destroy();
    await expect(destroyAfterQuit({ stream })).resolves.toBeUndefined();
  });

  it('frees a mysql2 connection the server keeps open after COM_QUIT', async () => {
    const connection = await mysql.createConnection(proxy.url);
    await connection.query('SELECT 1');
    const core = (connection as unknown as { connection: { stream: Socket } }).connection;
    await connection.end();
    expect(core.stream.destroyed).toBe(false);
    await destroyAfterQuit(connection); // the promise API's connection, which wraps the callback one
    expect(core.stream.destroyed).toBe(true);
  });
});

describe('MysqlDriver.close()', () => {
  it('leaves no socket open: pooled, busy-then-idle and discarded connections', async () => {
    const pool = mysql.createPool({ uri: proxy.url, connectionLimit: 4 });
    const sockets: Socket[] = [];
    pool.on('connection', (connection) => {
      sockets.push((connection as unknown as { stream: Socket }).stream);
    });
    const driver = new MysqlDriver(pool, { queryTimeoutMs: 200 });
    await Promise.all([1, 2, 3].map(() => driver.run({ sql: 'SELECT SLEEP(0.05)' })));
    // A timed-out statement makes the driver discard its connection (mysql2's destroy(): a half-close only).
    await expect(driver.run({ sql: 'SELECT SLEEP(2)' })).rejects.toThrow();
    expect(sockets.length).toBeGreaterThanOrEqual(3);

    await driver.close();
    expect(sockets.filter((socket) => !socket.destroyed)).toEqual([]);
  });

  it('also frees connections a pool opened before the driver was built on it', async () => {
    const pool = mysql.createPool({ uri: proxy.url, connectionLimit: 2 });
    const early = await pool.getConnection();
    const socket = (early.connection as unknown as { stream: Socket }).stream;
    early.release();
    const driver = new MysqlDriver(pool);
    await driver.close();
    expect(socket.destroyed).toBe(true);
  });
});
