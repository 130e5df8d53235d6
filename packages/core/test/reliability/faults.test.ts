import {
  ErrorKind,
  type PooledClient,
  TransactionError,
  createClient,
  isMatrixOneErrorOfKind,
  rollbackErrorOf,
} from '@matrixone/core';
import { type FaultProxy, startFaultProxy, testServer, useTestDatabase } from '@matrixone/test-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RowTable, caught } from './reliability-support.js';

/**
 * Faults injected by a TCP proxy between the client and the test server: connections cut inside a transaction
 * and during COMMIT, the server going away and coming back, and a server that stops answering.
 */
const db = useTestDatabase();
let proxy: FaultProxy;
const clients: PooledClient[] = [];
let tables = 0;

function clientVia(params: string): PooledClient {
  const client = createClient(`${proxy.url}?${params}`);
  clients.push(client);
  return client;
}

function newTable(purpose: string): Promise<RowTable> {
  tables += 1;
  return RowTable.create(db, `${purpose}_${tables}`);
}

beforeAll(async () => {
  proxy = await startFaultProxy(db.url);
});
afterEach(() => {
  proxy.resume();
  proxy.refuseNew(false);
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
  await proxy.close();
});

describe('a connection cut inside a transaction', () => {
  it('between statements: ConnectionError, nothing committed, the pool replaces the connection', async () => {
    const client = clientVia('poolSize=2');
    const table = await newTable('cut_between');
    const hooks: string[] = [];
    const error = await caught(() =>
      client.transaction(async (tx) => {
        tx.afterCommit(() => hooks.push('afterCommit'));
        await tx.execute(table.insertSql, [1, 'before the cut']);
        proxy.cutAll();
        await tx.execute(table.insertSql, [2, 'after the cut']);
      }),
    );
    expect(isMatrixOneErrorOfKind(error, ErrorKind.Connection)).toBe(true);
    expect(hooks).toEqual([]);
    expect(await table.ids()).toEqual([]);
    expect(client.poolStats()).toMatchObject({ busy: 0, queued: 0 });

    const accepted = proxy.acceptedConnections();
    await client.transaction(async (tx) => {
      await tx.execute(table.insertSql, [3, 'next transaction']);
    });
    expect(await table.ids()).toEqual([3]);
    expect(proxy.acceptedConnections()).toBeGreaterThan(accepted);
  });

  it('while a statement is on the wire: ConnectionError, the rollback failure attached, nothing committed', async () => {
    const client = clientVia('poolSize=2');
    const table = await newTable('cut_in_flight');
    const dropped = proxy.dropOnStatement(/^INSERT INTO `cut_in_flight_\d+` .*VALUES \(2,/);
    const error = await caught(() =>
      client.transaction(async (tx) => {
        await tx.execute(table.insertSql, [1, 'first']);
        await tx.execute(table.insertSql, [2, 'dropped with its connection']);
      }),
    );
    expect(await dropped).toContain('INSERT INTO');
    expect(isMatrixOneErrorOfKind(error, ErrorKind.Connection)).toBe(true);
    expect(isMatrixOneErrorOfKind(rollbackErrorOf(error), ErrorKind.Connection)).toBe(true);
    expect(await table.ids()).toEqual([]);
    expect(client.poolStats().busy).toBe(0);
    await client.execute(table.insertSql, [3, 'after']);
    expect(await table.ids()).toEqual([3]);
  });
});

describe('a connection cut during COMMIT', () => {
  it('after the server received COMMIT: TransactionError{outcomeUnknown}, no hook runs (the data did commit)', async () => {
    const client = clientVia('poolSize=2');
    const table = await newTable('cut_commit_sent');
    const hooks: string[] = [];
    const dropped = proxy.dropOnStatement(/^COMMIT$/i);
    const error = await caught(() =>
      client.transaction(async (tx) => {
        tx.afterCommit(() => hooks.push('afterCommit'));
        tx.afterRollback(() => hooks.push('afterRollback'));
        await tx.execute(table.insertSql, [1, 'committed without an answer']);
      }),
    );
    expect(await dropped).toBe('COMMIT');
    expect(error).toBeInstanceOf(TransactionError);
    expect((error as TransactionError).outcomeUnknown).toBe(true);
    expect(hooks).toEqual([]);
    if (testServer().flavor === 'matrixone') {
      // MatrixOne may abandon a COMMIT whose client connection closed; the reference does not say which way it
      // goes, so either outcome is the "unknown" the error reports (but nothing else).
      expect([[], [1]]).toContainEqual(await table.ids());
    } else {
      expect(await table.ids()).toEqual([1]);
    }
    expect(client.poolStats().busy).toBe(0);
  });

  it('before COMMIT reached the server: still outcomeUnknown (never a claimed success), the data rolled back', async () => {
    const client = clientVia('poolSize=2');
    const table = await newTable('cut_commit_lost');
    const dropped = proxy.dropOnStatement(/^COMMIT$/i, { forward: false });
    const error = await caught(() =>
      client.transaction(async (tx) => {
        await tx.execute(table.insertSql, [1, 'never committed']);
      }),
    );
    expect(await dropped).toBe('COMMIT');
    expect((error as TransactionError).outcomeUnknown).toBe(true);
    expect(await table.ids()).toEqual([]);
    await client.transaction(async (tx) => tx.execute(table.insertSql, [2, 'next']));
    expect(await table.ids()).toEqual([2]);
  });
});

describe('the server goes away and comes back', () => {
  it('statements fail with ConnectionError while it is down; the same client works once it is back', async () => {
    const client = clientVia('poolSize=4');
    const table = await newTable('restart');
    await Promise.all([1, 2, 3, 4].map((id) => client.execute(table.insertSql, [id, 'before'])));
    expect(client.poolStats().total).toBeGreaterThan(0);

    await proxy.goDown();
    const down = await caught(() => client.query('SELECT 1 AS one'));
    expect(isMatrixOneErrorOfKind(down, ErrorKind.Connection)).toBe(true);
    const downInTransaction = await caught(() => client.transaction(async (tx) => tx.query('SELECT 1')));
    expect(isMatrixOneErrorOfKind(downInTransaction, ErrorKind.Connection)).toBe(true);

    await proxy.listen();
    expect(await client.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await client.transaction(async (tx) => tx.execute(table.insertSql, [5, 'after']));
    expect(await table.ids()).toEqual([1, 2, 3, 4, 5]);
    expect(client.poolStats()).toMatchObject({ busy: 0, queued: 0 });
  });
});

describe('a server that refuses new connections', () => {
  it('open connections keep working, a new one fails with ConnectionError, and the pool grows once it accepts again', async () => {
    const client = clientVia('poolSize=2');
    await client.query('SELECT 1');
    expect(client.poolStats()).toMatchObject({ total: 1, idle: 1 });
    proxy.refuseNew(true);
    const outcomes = await Promise.allSettled([
      client.query('SELECT 1 AS one'),
      client.query('SELECT 2 AS two'),
    ]);
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect(isMatrixOneErrorOfKind((refused[0] as PromiseRejectedResult).reason, ErrorKind.Connection)).toBe(
      true,
    );
    proxy.refuseNew(false);
    const both = await Promise.all([client.query('SELECT 1 AS one'), client.query('SELECT 2 AS two')]);
    expect(both).toEqual([[{ one: 1 }], [{ two: 2 }]]);
    expect(client.poolStats()).toMatchObject({ total: 2, busy: 0 });
  });
});

describe('a server that stops answering', () => {
  it('the configured query timeout fires with TimeoutError; the connection is discarded, not reused', async () => {
    const client = clientVia('poolSize=2&queryTimeoutMs=300');
    await client.query('SELECT 1');
    proxy.stall();
    const error = await caught(() => client.query('SELECT 2 AS two'));
    expect(isMatrixOneErrorOfKind(error, ErrorKind.Timeout)).toBe(true);
    expect(client.poolStats().busy).toBe(0);
    proxy.resume();
    expect(await client.query('SELECT 3 AS three')).toEqual([{ three: 3 }]);
  });

  it('inside a transaction: TimeoutError from the statement, the ROLLBACK not stuck behind it, nothing committed', async () => {
    const client = clientVia('poolSize=2&queryTimeoutMs=300');
    const table = await newTable('stall_tx');
    const error = await caught(() =>
      client.transaction(async (tx) => {
        await tx.execute(table.insertSql, [1, 'before the stall']);
        proxy.stall();
        await tx.execute(table.insertSql, [2, 'stalled']);
      }),
    );
    expect(isMatrixOneErrorOfKind(error, ErrorKind.Timeout)).toBe(true);
    // ROLLBACK is not queued behind the stalled statement: closing the connection ends the transaction.
    expect(isMatrixOneErrorOfKind(rollbackErrorOf(error), ErrorKind.Connection)).toBe(true);
    proxy.resume();
    expect(await table.ids()).toEqual([]);
    expect(client.poolStats().busy).toBe(0);
  });

  it('during COMMIT: TransactionError{outcomeUnknown}', async () => {
    const client = clientVia('poolSize=2&queryTimeoutMs=300');
    const table = await newTable('stall_commit');
    const error = await caught(() =>
      client.transaction(async (tx) => {
        await tx.execute(table.insertSql, [1, 'row']);
        proxy.stall();
      }),
    );
    expect(error).toBeInstanceOf(TransactionError);
    expect((error as TransactionError).outcomeUnknown).toBe(true);
    expect(client.poolStats().busy).toBe(0);
  });

  it('when connecting: the connect timeout fires with TimeoutError', async () => {
    const client = clientVia('poolSize=2&connectTimeoutMs=300');
    proxy.stall();
    const error = await caught(() => client.query('SELECT 1'));
    expect(isMatrixOneErrorOfKind(error, ErrorKind.Timeout)).toBe(true);
    expect(client.poolStats()).toMatchObject({ busy: 0, queued: 0 });
  });
});
