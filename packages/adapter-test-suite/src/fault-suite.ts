/**
 * Fault injection for adapters: the same faults the core client is tested against (a connection cut inside a
 * transaction, a cut during COMMIT, a server that stops answering), through a TCP proxy between the ORM's pool
 * and the test server. Every adapter's `test/faults.test.ts` calls {@link runAdapterFaultSuite}.
 */
import { ErrorKind, type TransactionError, isMatrixOneErrorOfKind } from '@matrixone/core';
import { type FaultProxy, startFaultProxy, useTestDatabase } from '@matrixone/test-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AdapterUnderTest } from './driver.js';
import { caught } from './suite-context.js';
import { TestTables, insertRowSql } from './test-tables.js';

/** The part of an opened adapter the fault suite uses. */
export type AdapterUnderFault<OrmTx> = Pick<
  AdapterUnderTest<OrmTx>,
  'client' | 'transaction' | 'checkedOutConnections' | 'close'
>;

/** Opens an adapter for the fault suite: like the conformance driver, with the ORM's connect timeout set. */
export interface AdapterFaultDriver<OrmTx> {
  /** The ORM's name, used in test titles. */
  readonly name: string;
  /**
   * Opens the ORM on `url` with a pool of `poolSize` and its own connect-timeout option set to
   * `connectTimeoutMs` (the timeout that fires when the server accepts a connection and then says nothing).
   */
  open(
    url: string,
    options: { readonly poolSize: number; readonly connectTimeoutMs: number },
  ): Promise<AdapterUnderFault<OrmTx>>;
}

const POOL_SIZE = 3;
const CONNECT_TIMEOUT_MS = 500;
/** What ORMs send to end a transaction: `COMMIT` or `COMMIT;`. */
const COMMIT = /^\s*COMMIT\s*;?\s*$/i;

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Registers the adapter fault suite with vitest. Call it once, at the top level of an adapter's
 * `test/faults.test.ts`; it gives the file its own database and puts a fault proxy in front of it.
 *
 * @example
 * runAdapterFaultSuite<Knex.Transaction>({ name: 'knex', open: openKnexBehindProxy });
 */
export function runAdapterFaultSuite<OrmTx>(driver: AdapterFaultDriver<OrmTx>): void {
  const db = useTestDatabase();
  const tables = new TestTables(db);
  const state: { proxy?: FaultProxy; opened: AdapterUnderFault<OrmTx>[] } = { opened: [] };
  const proxy = (): FaultProxy => {
    if (!state.proxy) throw new Error('the fault proxy did not start');
    return state.proxy;
  };
  const open = async (): Promise<AdapterUnderFault<OrmTx>> => {
    const adapter = await driver.open(proxy().url, {
      poolSize: POOL_SIZE,
      connectTimeoutMs: CONNECT_TIMEOUT_MS,
    });
    state.opened.push(adapter);
    return adapter;
  };

  describe(`${driver.name} adapter under faults`, () => {
    beforeAll(async () => {
      state.proxy = await startFaultProxy(db.url);
    });
    afterEach(() => {
      proxy().resume();
    });
    afterAll(async () => {
      for (const adapter of state.opened) await adapter.close().catch(() => undefined);
      await state.proxy?.close();
    });

    it('a connection cut inside a transaction: ConnectionError, nothing committed, the next transaction succeeds', async () => {
      const adapter = await open();
      const table = await tables.create('cut_in_tx');
      const error = await caught(() =>
        adapter.transaction(async ({ mo }) => {
          await mo.execute(insertRowSql(table), [1, 'before the cut']);
          proxy().cutAll();
          await mo.execute(insertRowSql(table), [2, 'after the cut']);
        }),
      );
      expect(isMatrixOneErrorOfKind(error, ErrorKind.Connection)).toBe(true);
      expect(await tables.count(table)).toBe(0);
      expect(adapter.checkedOutConnections()).toBe(0);

      const accepted = proxy().acceptedConnections();
      await adapter.transaction(async ({ mo }) => {
        await mo.execute(insertRowSql(table), [3, 'next transaction']);
      });
      expect(await tables.rows(table)).toEqual([{ id: 3, name: 'next transaction' }]);
      expect(proxy().acceptedConnections()).toBeGreaterThan(accepted);
    });

    it('a connection cut during COMMIT: TransactionError{outcomeUnknown}, no afterCommit hook', async () => {
      const adapter = await open();
      const table = await tables.create('cut_commit');
      const hooks: string[] = [];
      const dropped = proxy().dropOnStatement(COMMIT);
      const error = await caught(() =>
        adapter.transaction(async ({ mo }) => {
          mo.afterCommit(() => hooks.push('afterCommit'));
          await mo.execute(insertRowSql(table), [1, 'committed without an answer']);
        }),
      );
      expect(await dropped).toMatch(COMMIT);
      expect(isMatrixOneErrorOfKind(error, ErrorKind.Transaction)).toBe(true);
      expect((error as TransactionError).outcomeUnknown).toBe(true);
      expect(hooks).toEqual([]);
      expect(adapter.checkedOutConnections()).toBe(0);
      await adapter.transaction(async ({ mo }) => mo.execute(insertRowSql(table), [2, 'next']));
      expect((await tables.rows(table)).map((row) => row.id)).toContain(2);
    });

    it('a server that accepts connections and stops answering: the connect timeout fires with TimeoutError', async () => {
      const adapter = await open();
      await adapter.client.query('SELECT 1');
      // Established connections have no query timeout in the ORMs: cut them, so the pool has to connect anew.
      proxy().cutAll();
      await pause(200); // lets the pool see its connections close (they are discarded, not handed out)
      proxy().stall();
      const error = await caught(() => adapter.client.query('SELECT 2'));
      expect(error).toMatchObject({ kind: ErrorKind.Timeout });
      expect(adapter.checkedOutConnections()).toBe(0);
      proxy().resume();
      expect(await adapter.client.query<{ three: number }>('SELECT 3 AS three')).toEqual([{ three: 3 }]);
    });
  });
}
