import type { Socket } from 'node:net';
import { type FaultProxy, startFaultProxy, useTestDatabase } from '@matrixone/test-server';
import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrixone } from '../src/index.js';

/**
 * MatrixOne keeps a connection open after COM_QUIT (observed on MatrixOne 4.2.0); the fault proxy's swallowQuit
 * mode does the same. Once the adapter is set up, `knex.destroy()` must leave no socket open.
 */
const db = useTestDatabase();
let proxy: FaultProxy;

beforeAll(async () => {
  proxy = await startFaultProxy(db.url, { swallowQuit: true });
});
afterAll(async () => {
  await proxy.close();
});

/** A Knex instance through the proxy that records the socket of every connection its pool opens. */
function openKnex(): { knex: Knex; sockets: Socket[] } {
  const sockets: Socket[] = [];
  const knex = knexFactory({
    client: 'mysql2',
    connection: proxy.url,
    pool: {
      min: 0,
      max: 3,
      afterCreate(connection: { stream: Socket }, done: (error: Error | null, connection: unknown) => void) {
        sockets.push(connection.stream);
        done(null, connection);
      },
    },
  });
  return { knex, sockets };
}

const openSockets = (sockets: readonly Socket[]) => sockets.filter((socket) => !socket.destroyed);

describe('knex.destroy() after matrixone()', () => {
  it('leaves no socket open for a client', async () => {
    const { knex, sockets } = openKnex();
    const client = matrixone(matrixone(knex).knex); // set up twice: patched once
    await Promise.all([1, 2, 3].map(() => client.query('SELECT SLEEP(0.05) AS slept')));
    await client.transaction(async ({ trx, mo }) => {
      await trx.raw('SELECT 1');
      await mo.query('SELECT 1');
    });
    expect(sockets.length).toBeGreaterThanOrEqual(2);
    await client.close();
    await knex.destroy();
    expect(openSockets(sockets)).toEqual([]);
  });

  it("leaves the bound transaction's socket closed when only matrixone(trx) was used", async () => {
    const { knex, sockets } = openKnex();
    await knex.transaction(async (trx) => {
      await matrixone(trx).query('SELECT 1');
    });
    expect(sockets).toHaveLength(1);
    await knex.destroy();
    // The patched end() destroys the socket right after mysql2 wrote the QUIT, a moment after destroy() resolved.
    await expect.poll(() => openSockets(sockets)).toEqual([]);
  });

  it('without matrixone(), the proxy really keeps the sockets open (the check above can fail)', async () => {
    const { knex, sockets } = openKnex();
    await knex.raw('SELECT 1');
    await knex.destroy();
    expect(openSockets(sockets)).toHaveLength(1);
    for (const socket of sockets) socket.destroy();
  });
});
