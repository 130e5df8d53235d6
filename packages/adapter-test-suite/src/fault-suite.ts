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
   * True when {@link AdapterFaultDriver.open} passes `queryTimeoutMs` to the adapter (`matrixone(orm, {
   * queryTimeoutMs })`): the suite then checks that a statement on a stalled server fails with `TimeoutError`.
   */
  readonly passesQueryTimeout?: boolean;
  /**
   * Opens the ORM on `url` with a pool of `poolSize` and its own connect-timeout option set to
   * `connectTimeoutMs` (the timeout that fires when the server accepts a connection and then says nothing).
   * When `queryTimeoutMs` is given, the adapter's client is created with that option.
   */
  open(url: string, options: AdapterFaultOpenOptions): Promise<AdapterUnderFault<OrmTx>>;
}

/** How the fault suite opens an adapter. */
export interface AdapterFaultOpenOptions {
  /** The ORM's pool size. */
  readonly poolSize: number;
  /** The ORM's connect timeout, in milliseconds. */
  readonly connectTimeoutMs: number;
  /** The adapter's `queryTimeoutMs` option; only given to drivers with `passesQueryTimeout`. */
  readonly queryTimeoutMs?: number;
}

const POOL_SIZE = 3;
const CONNECT_TIMEOUT_MS = 500;
const QUERY_TIMEOUT_MS = 300;
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
  const open = async (queryTimeoutMs?: number): Promise<AdapterUnderFault<OrmTx>> => {
    const adapter = await driver.open(proxy().url, {
      poolSize: POOL_SIZE,
      connectTimeoutMs: CONNECT_TIMEOUT_MS,
      ...(queryTimeoutMs !== undefined && { queryTimeoutMs }),
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
      // Without queryTimeoutMs an established connection waits for ever: cut them, so the pool has to connect anew.
      proxy().cutAll();
      await pause(200); // lets the pool see its connections close (they are discarded, not handed out)
      proxy().stall();
      const error = await caught(() => adapter.client.query('SELECT 2'));
      expect(error).toMatchObject({ kind: ErrorKind.Timeout });
      expect(adapter.checkedOutConnections()).toBe(0);
      proxy().resume();
      // A string: MatrixOne types integer literals as BIGINT, which some drivers return as strings.
      expect(await adapter.client.query<{ three: string }>("SELECT 'three' AS three")).toEqual([
        { three: 'three' },
      ]);
    });

    if (driver.passesQueryTimeout === true) {
      it('a server that stops answering a statement: queryTimeoutMs fails it with TimeoutError, on the client and in a transaction, which is not committed', async () => {
        const adapter = await open(QUERY_TIMEOUT_MS);
        const table = await tables.create('stalled_statement');
        await adapter.client.query('SELECT 1');
        proxy().stall();
        const clientError = await caught(() => adapter.client.query('SELECT 2'));
        expect(clientError).toMatchObject({ kind: ErrorKind.Timeout });
        proxy().resume();

        const txError = await caught(() =>
          adapter.transaction(async ({ mo }) => {
            await mo.execute(insertRowSql(table), [1, 'before the stall']);
            proxy().stall();
            await mo.query('SELECT 2');
          }),
        );
        expect(txError).toMatchObject({ kind: ErrorKind.Timeout });
        proxy().resume();
        expect(await tables.count(table)).toBe(0);
        expect(adapter.checkedOutConnections()).toBe(0);

        await adapter.transaction(async ({ mo }) => mo.execute(insertRowSql(table), [2, 'after the stall']));
        expect(await tables.rows(table)).toEqual([{ id: 2, name: 'after the stall' }]);
      });
    }
  });
}
