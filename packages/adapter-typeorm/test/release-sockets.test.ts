import type { Socket } from 'node:net';
import { matrixone } from '@matrixone/adapter-typeorm';
import { type FaultProxy, startFaultProxy, useTestDatabase } from '@matrixone/test-server';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * MatrixOne keeps a connection open after COM_QUIT (observed on MatrixOne 4.2.0); the fault proxy's swallowQuit
 * mode does the same. Once the adapter is set up, `dataSource.destroy()` must leave no socket open.
 */
const db = useTestDatabase();
let proxy: FaultProxy;

beforeAll(async () => {
  proxy = await startFaultProxy(db.url, { swallowQuit: true });
});
afterAll(async () => {
  await proxy.close();
});

interface RecordingPool {
  on(event: 'connection', listener: (connection: { stream: Socket }) => void): unknown;
  readonly _allConnections: { toArray(): { stream: Socket }[] };
}

/** An initialized DataSource through the proxy and the socket of every connection its pool opens. */
async function openRecording(): Promise<{ dataSource: DataSource; sockets: Socket[] }> {
  const dataSource = await new DataSource({ type: 'mysql', url: proxy.url, poolSize: 3 }).initialize();
  // The test reads mysql2's pool internals to see the connections opened during initialize().
  const pool = (dataSource.driver as unknown as { pool: RecordingPool }).pool;
  const sockets = pool._allConnections.toArray().map((connection) => connection.stream);
  pool.on('connection', (connection) => sockets.push(connection.stream));
  return { dataSource, sockets };
}

const openSockets = (sockets: readonly Socket[]) => sockets.filter((socket) => !socket.destroyed);

describe('dataSource.destroy() after matrixone()', () => {
  it('leaves no socket open for a client (set up twice: patched once)', async () => {
    const { dataSource, sockets } = await openRecording();
    matrixone(dataSource);
    const client = matrixone(dataSource);
    await Promise.all([1, 2, 3].map(() => client.query('SELECT SLEEP(0.05) AS slept')));
    await client.transaction(async ({ manager, mo }) => {
      await manager.query('SELECT 1');
      await mo.query('SELECT 1');
    });
    expect(sockets.length).toBeGreaterThanOrEqual(2);
    await client.close();
    await dataSource.destroy();
    expect(openSockets(sockets)).toEqual([]);
  });

  it('leaves no socket open when only matrixone(manager) was used, a timed-out connection included', async () => {
    const { dataSource, sockets } = await openRecording();
    await dataSource
      .transaction(async (manager) => {
        // The timeout destroys the runner's connection (a mysql2 half-close), which leaves TypeORM's pool.
        await expect(matrixone(manager, { queryTimeoutMs: 100 }).query('SELECT SLEEP(2)')).rejects.toThrow();
      })
      .catch(() => undefined);
    await dataSource.query('SELECT 1');
    await dataSource.destroy();
    expect(openSockets(sockets)).toEqual([]);
  });

  it('without matrixone(), the proxy really keeps the sockets open (the checks above can fail)', async () => {
    const { dataSource, sockets } = await openRecording();
    await dataSource.destroy();
    expect(openSockets(sockets).length).toBeGreaterThanOrEqual(1);
    for (const socket of sockets) socket.destroy();
  });
});
