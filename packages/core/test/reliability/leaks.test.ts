import {
  ConstraintError,
  ErrorKind,
  HookError,
  type PooledClient,
  SqlSyntaxError,
  type Transaction,
  createClient,
  hookErrorOf,
  isMatrixOneErrorOfKind,
} from '@matrixone/core';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RowTable, caught, serverSessions, settlesTo } from './reliability-support.js';

/**
 * 1,000 transactions that fail in every way leave no connection checked out (the pool's own counters), no
 * extra session on the server (its process list) and no unhandled rejection.
 */
const db = useTestDatabase();
const POOL_SIZE = 10;
const FAILURES = 1000;
const CONCURRENCY = 25;
const QUERY_TIMEOUT_MS = 500;
/**
 * Server sessions are counted from information_schema.PROCESSLIST (columns DB and ID), which the MatrixOne
 * reference does not describe; there the pool's own counters are the check.
 */
const countsSessions = testServer().flavor !== 'matrixone';

/** One way for a transaction to fail: runs it and checks what it threw. */
interface FailureKind {
  readonly name: string;
  /** True when the transaction still committed (a failing afterCommit hook does not undo the commit). */
  readonly commits: boolean;
  run(client: PooledClient, table: RowTable, id: number): Promise<void>;
}

const insert = (tx: Transaction, table: RowTable, id: number) =>
  tx.execute(table.insertSql, [id, `row ${id}`]);

const KINDS: readonly FailureKind[] = [
  {
    name: 'the callback throws',
    commits: false,
    async run(client, table, id) {
      const failure = new Error(`callback ${id}`);
      const error = await caught(() =>
        client.transaction(async (tx) => {
          await insert(tx, table, id);
          throw failure;
        }),
      );
      expect(error).toBe(failure);
    },
  },
  {
    name: 'a statement fails (duplicate key)',
    commits: false,
    async run(client, table, id) {
      const error = await caught(() =>
        client.transaction(async (tx) => {
          await insert(tx, table, id);
          await insert(tx, table, id);
        }),
      );
      expect(error).toBeInstanceOf(ConstraintError);
    },
  },
  {
    name: 'a statement fails (syntax)',
    commits: false,
    async run(client, table, id) {
      const error = await caught(() =>
        client.transaction(async (tx) => {
          await insert(tx, table, id);
          await tx.query('SELEC 1');
        }),
      );
      expect(error).toBeInstanceOf(SqlSyntaxError);
    },
  },
  {
    name: 'an afterRollback hook throws',
    commits: false,
    async run(client, table, id) {
      const error = await caught(() =>
        client.transaction(async (tx) => {
          tx.afterRollback(() => {
            throw new Error(`afterRollback ${id}`);
          });
          await insert(tx, table, id);
          throw new Error(`callback ${id}`);
        }),
      );
      expect(hookErrorOf(error)).toBeInstanceOf(HookError);
    },
  },
  {
    name: 'an afterCommit hook throws',
    commits: true,
    async run(client, table, id) {
      const error = await caught(() =>
        client.transaction(async (tx) => {
          tx.afterCommit(async () => {
            throw new Error(`afterCommit ${id}`);
          });
          await insert(tx, table, id);
        }),
      );
      expect(error).toBeInstanceOf(HookError);
    },
  },
  {
    name: 'a statement times out',
    commits: false,
    async run(client, table, id) {
      const error = await caught(() =>
        client.transaction(async (tx) => {
          await insert(tx, table, id);
          await tx.query('SELECT SLEEP(1.5)');
        }),
      );
      expect(isMatrixOneErrorOfKind(error, ErrorKind.Timeout)).toBe(true);
    },
  },
];

describe('failing transactions leak nothing', () => {
  let client: PooledClient;
  let table: RowTable;
  let baseline: number;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    table = await RowTable.create(db, 'leak_rows');
    baseline = countsSessions ? await serverSessions(db) : 0;
    client = createClient(`${db.url}?poolSize=${POOL_SIZE}&queryTimeoutMs=${QUERY_TIMEOUT_MS}`);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await client.close();
  });

  it(`${FAILURES} transactions failing ${KINDS.length} ways: no checked-out connection, no extra server session, no unhandled rejection`, async () => {
    const started = performance.now();
    let next = 0;
    const committed: number[] = [];
    const worker = async () => {
      for (let id = next++; id < FAILURES; id = next++) {
        const kind = KINDS[id % KINDS.length];
        if (kind === undefined) throw new Error('no failure kind');
        await kind.run(client, table, id);
        if (kind.commits) committed.push(id);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const elapsedMs = performance.now() - started;
    await new Promise((resolve) => setImmediate(resolve));

    expect(client.poolStats()).toMatchObject({ busy: 0, queued: 0 });
    expect(client.poolStats().total).toBeLessThanOrEqual(POOL_SIZE);
    expect(unhandled).toEqual([]);
    expect(await table.ids()).toEqual(committed.sort((a, b) => a - b));
    // Every session the server still has for this database is one of the pool's open connections.
    const expected = baseline + client.poolStats().total;
    if (countsSessions) expect(await settlesTo(() => serverSessions(db), expected)).toBe(expected);

    await client.close();
    if (countsSessions) expect(await settlesTo(() => serverSessions(db), baseline)).toBe(baseline);
    console.log(
      `[reliability] ${FAILURES} failing transactions (${KINDS.map((kind) => kind.name).join(', ')}), ` +
        `${CONCURRENCY} at a time on a pool of ${POOL_SIZE}: ${Math.round(elapsedMs)} ms; ` +
        `checked out afterwards 0, server sessions back to baseline ${baseline}, unhandled rejections 0`,
    );
  });
});
