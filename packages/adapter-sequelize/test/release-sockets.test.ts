import type { Socket } from 'node:net';
import { type FaultProxy, startFaultProxy, useTestDatabase } from '@matrixone/test-server';
import type { Sequelize } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrixone } from '../src/index.js';
import { openSequelize } from './open-sequelize.js';

/**
 * MatrixOne keeps a connection open after COM_QUIT (observed on MatrixOne 4.2.0); the fault proxy's swallowQuit
 * mode does the same. Once the adapter is set up, `sequelize.close()` must leave no socket open.
 */
const db = useTestDatabase();
let proxy: FaultProxy;

beforeAll(async () => {
  proxy = await startFaultProxy(db.url, { swallowQuit: true });
});
afterAll(async () => {
  await proxy.close();
});

/** mysql2's connection as far as these tests read it; `_closing` is set once its QUIT was sent. */
interface RecordedConnection {
  readonly stream: Socket;
  readonly _closing: boolean;
}

/** A Sequelize instance through the proxy that records every connection it opens. */
function openRecording(): { sequelize: Sequelize; sockets: Socket[]; connections: RecordedConnection[] } {
  const sockets: Socket[] = [];
  const connections: RecordedConnection[] = [];
  const sequelize = openSequelize(proxy.url, 3);
  sequelize.addHook('afterConnect', (connection: unknown) => {
    connections.push(connection as RecordedConnection);
    sockets.push((connection as RecordedConnection).stream);
  });
  return { sequelize, sockets, connections };
}

const openSockets = (sockets: readonly Socket[]) => sockets.filter((socket) => !socket.destroyed);

describe('sequelize.close() after matrixone()', () => {
  it('leaves no socket open for a client (set up twice: one hook)', async () => {
    const { sequelize, sockets } = openRecording();
    matrixone(sequelize);
    const client = matrixone(sequelize);
    await Promise.all([1, 2, 3].map(() => client.query('SELECT SLEEP(0.05) AS slept')));
    await client.transaction(async ({ t, mo }) => {
      await sequelize.query('SELECT 1', { transaction: t });
      await mo.query('SELECT 1');
    });
    expect(sockets.length).toBeGreaterThanOrEqual(2);
    await client.close();
    await sequelize.close();
    expect(openSockets(sockets)).toEqual([]);
  });

  it('when only matrixone(t) was used, leaves no socket open that was still open at set-up', async () => {
    const { sequelize, sockets, connections } = openRecording();
    let reachable: Socket[] = [];
    let openedBefore = 0;
    await sequelize.transaction(async (t) => {
      openedBefore = sockets.length;
      // Sequelize already opened and ended a connection to read the server version: out of the adapter's reach.
      reachable = connections.filter((connection) => !connection._closing).map(({ stream }) => stream);
      await matrixone(t).query('SELECT 1');
    });
    await sequelize.query('SELECT 1');
    const openedLater = sockets.slice(openedBefore);
    await sequelize.close();
    expect(reachable.length).toBeGreaterThanOrEqual(1);
    expect(openSockets([...reachable, ...openedLater])).toEqual([]);
    for (const socket of sockets) socket.destroy();
  });

  it('without matrixone(), the proxy really keeps the sockets open (the checks above can fail)', async () => {
    const { sequelize, sockets } = openRecording();
    await sequelize.query('SELECT 1');
    await sequelize.close();
    expect(openSockets(sockets).length).toBeGreaterThanOrEqual(1);
    for (const socket of sockets) socket.destroy();
  });
});
