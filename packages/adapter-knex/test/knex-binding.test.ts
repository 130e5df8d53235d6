import type { HookError, QueryEvent } from '@matrixone/core';
import {
  type FaultProxy,
  answerOrmStatementsLikeMatrixOne,
  startFaultProxy,
  testServer,
  useTestDatabase,
} from '@matrixone/test-server';
import type { Knex } from 'knex';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MatrixOneKnexClient, matrixone } from '../src/index.js';
import { openKnex, usedConnections } from './support/open-knex.js';

const db = useTestDatabase();
let knex: Knex;
let client: MatrixOneKnexClient;

async function names(): Promise<string[]> {
  const [rows] = await db.inspect.query('SELECT name FROM notes ORDER BY id');
  return (rows as Array<{ name: string }>).map((row) => row.name);
}

/** A promise and the function that resolves it, for hooks that run after `knex.transaction()` resolved. */
function signal<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/**
 * Runs a client transaction whose nested Knex transaction throws after its savepoint was released (MariaDB can roll
 * back to savepoints; releasing Knex's first makes its ROLLBACK TO fail the way it always fails on MatrixOne,
 * docs/matrixone-facts.md#transactions) and checks that the outer COMMIT became a ROLLBACK with TransactionError.
 */
async function checkUnrollbackableSavepoint(client: MatrixOneKnexClient, matrixOne: boolean): Promise<void> {
  const undoInner = new Error('undo inner');
  const error = await client
    .transaction(async ({ trx }) => {
      await trx('notes').insert({ id: 1, name: 'outer' });
      let savepoint = '';
      const onQuery = (query: { sql: string }) => {
        savepoint = /^SAVEPOINT (\w+);$/.exec(query.sql)?.[1] ?? savepoint;
      };
      trx.on('query', onQuery);
      await trx
        .transaction(async (inner) => {
          await inner('notes').insert({ id: 2, name: 'inner' });
          await inner.raw(`RELEASE SAVEPOINT ${savepoint}`);
          throw undoInner;
        })
        .catch(() => undefined);
      trx.off('query', onQuery);
    })
    .catch((failure: unknown) => failure);
  if (matrixOne) {
    // matrixone(knex) guards Knex's connections there: the ROLLBACK TO went out as ROLLBACK, and the COMMIT was
    // refused for the nested callback's error (docs/matrixone-facts.md#orms-on-matrixone).
    expect(error).toMatchObject({ name: 'TransactionError', cause: undoInner });
  } else {
    // The savepoint no longer exists (1305).
    expect(error).toMatchObject({ name: 'TransactionError', errno: 1305 });
  }
  expect(await names()).toEqual([]);
  expect(usedConnections(client.knex)).toBe(0);
}

beforeAll(async () => {
  knex = openKnex(db.url);
  client = matrixone(knex);
  await db.inspect.query('CREATE TABLE notes (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL)');
});
beforeEach(async () => {
  await db.inspect.query('DELETE FROM notes');
});
afterAll(async () => {
  await client.close();
  await knex.destroy();
});

describe('a transaction bound with matrixone(trx)', () => {
  it('reports failing hooks to onHookError with the HookError', async () => {
    const reported = signal<HookError>();
    await knex.transaction(async (trx) => {
      const mo = matrixone(trx, { onHookError: reported.resolve });
      mo.afterCommit(() => {
        throw new Error('hook failed');
      });
    });
    const error = await reported.promise;
    expect(error).toMatchObject({ name: 'HookError', phase: 'afterCommit' });
    expect(error.errors).toEqual([new Error('hook failed')]);
  });

  it('reports failing hooks as a process warning by default', async () => {
    const warned = signal<Error>();
    const onWarning = (warning: Error) => {
      if (warning.name === 'MatrixOneHookWarning') warned.resolve(warning);
    };
    process.on('warning', onWarning);
    try {
      await knex.transaction(async (trx) => {
        matrixone(trx).afterRollback(() => {
          throw new Error('rollback hook failed');
        });
        await trx.rollback();
      });
      expect((await warned.promise).message).toMatch(/rollback hook failed/);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('inside client.transaction(), matrixone(trx) is mo itself and its hook failures only reject the call', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const error = await client
        .transaction(async ({ trx, mo }) => {
          expect(matrixone(trx)).toBe(mo);
          matrixone(trx).afterCommit(() => {
            throw new Error('hook failed');
          });
        })
        .catch((failure: unknown) => failure);
      expect(error).toMatchObject({ name: 'HookError', phase: 'afterCommit' });
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).not.toContain('MatrixOneHookWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it("reports its statements to its logger and to the on('query') listeners of the Knex instance's open clients", async () => {
    const heard: Array<[string, string, boolean]> = [];
    const listener = (event: QueryEvent) => heard.push(['client', event.sql, event.inTransaction]);
    const other = matrixone(openKnex(db.url));
    const otherHeard: string[] = [];
    other.on('query', (event) => otherHeard.push(event.sql));
    client.on('query', listener);
    try {
      await knex.transaction(async (trx) => {
        const mo = matrixone(trx, {
          logger: (event) => heard.push(['logger', event.sql, event.inTransaction]),
        });
        await mo.execute('INSERT INTO notes (id, name) VALUES (?, ?)', [1, 'heard']);
      });
    } finally {
      client.off('query', listener);
      await other.close();
      await other.knex.destroy();
    }
    const sql = 'INSERT INTO notes (id, name) VALUES (?, ?)';
    expect(heard).toEqual([
      ['logger', sql, true],
      ['client', sql, true],
    ]);
    expect(otherHeard).toEqual([]);
  });

  it('an unmanaged transaction (knex.transaction() without a callback) fires hooks on commit()', async () => {
    const trx = await knex.transaction();
    const mo = matrixone(trx);
    const committed = signal<number>();
    await mo.execute('INSERT INTO notes (id, name) VALUES (?, ?)', [1, 'unmanaged']);
    mo.afterCommit(async () => committed.resolve((await names()).length));
    await trx.commit();
    expect(await committed.promise).toBe(1);
    expect(mo.isOpen()).toBe(false);
  });

  it('hooks of a nested transaction wait for the outer commit', async () => {
    const order: string[] = [];
    const done = signal<void>();
    await knex.transaction(async (trx) => {
      await trx.transaction(async (inner) => {
        matrixone(inner).afterCommit(() => {
          order.push('inner afterCommit');
          done.resolve();
        });
      });
      order.push('inner released');
      await trx('notes').insert({ id: 1, name: 'outer' });
    });
    await done.promise;
    expect(order).toEqual(['inner released', 'inner afterCommit']);
  });

  // ROLLBACK TO SAVEPOINT always fails on MatrixOne (docs/matrixone-facts.md#transactions); the failure paths
  // below cover it there.
  it.skipIf(testServer().flavor === 'matrixone')(
    'a nested transaction rolled back to its savepoint runs afterRollback, never afterCommit',
    async () => {
      const events: string[] = [];
      const rolledBack = signal<void>();
      await knex.transaction(async (trx) => {
        await trx('notes').insert({ id: 1, name: 'outer' });
        await trx
          .transaction(async (inner) => {
            const mo = matrixone(inner);
            await mo.execute('INSERT INTO notes (id, name) VALUES (?, ?)', [2, 'inner']);
            mo.afterCommit(() => events.push('inner afterCommit'));
            mo.afterRollback(() => {
              events.push('inner afterRollback');
              rolledBack.resolve();
            });
            throw new Error('undo inner');
          })
          .catch(() => undefined);
      });
      await rolledBack.promise;
      expect(events).toEqual(['inner afterRollback']);
      expect(await names()).toEqual(['outer']);
    },
  );

  it('a released nested transaction whose outer transaction rolls back runs afterRollback', async () => {
    const events: string[] = [];
    const rolledBack = signal<void>();
    const failure = new Error('undo all');
    await expect(
      knex.transaction(async (trx) => {
        await trx.transaction(async (inner) => {
          const mo = matrixone(inner);
          mo.afterCommit(() => events.push('inner afterCommit'));
          mo.afterRollback(() => {
            events.push('inner afterRollback');
            rolledBack.resolve();
          });
        });
        throw failure;
      }),
    ).rejects.toBe(failure);
    await rolledBack.promise;
    expect(events).toEqual(['inner afterRollback']);
  });

  // InnoDB's deadlock detection; MatrixOne reports deadlocks with its own codes
  // (docs/matrixone-facts.md#transactions).
  it.skipIf(testServer().flavor === 'matrixone')(
    'after the server ended the transaction (deadlock on an mo statement), Knex’s COMMIT becomes a ROLLBACK',
    async () => {
      await db.inspect.query("INSERT INTO notes (id, name) VALUES (1, 'a'), (2, 'b')");
      const [first, second] = [await knex.transaction(), await knex.transaction()];
      const ran: string[] = [];
      const bothEnded = signal<void>();
      const record = (what: string) => {
        ran.push(what);
        if (ran.length === 2) bothEnded.resolve();
      };
      const [moFirst, moSecond] = [matrixone(first), matrixone(second)];
      for (const [name, mo] of [
        ['first', moFirst],
        ['second', moSecond],
      ] as const) {
        mo.afterCommit(() => record(`${name} committed`));
        mo.afterRollback(() => record(`${name} rolled back`));
      }
      await moFirst.execute('UPDATE notes SET name = ? WHERE id = ?', ['first', 1]);
      await moSecond.execute('UPDATE notes SET name = ? WHERE id = ?', ['second', 2]);
      // Each now waits for the row the other holds, whichever request the server sees first.
      const results = await Promise.allSettled([
        moFirst.execute('UPDATE notes SET name = ? WHERE id = ?', ['first', 2]),
        moSecond.execute('UPDATE notes SET name = ? WHERE id = ?', ['second', 1]),
      ]);
      const victims = results.flatMap((result, index) => (result.status === 'rejected' ? [index] : []));
      expect(victims).toHaveLength(1);
      const [victim, survivor] = victims[0] === 0 ? [first, second] : [second, first];
      const [victimName, survivorName] = victims[0] === 0 ? ['first', 'second'] : ['second', 'first'];
      expect((results[victims[0] ?? 0] as PromiseRejectedResult).reason).toMatchObject({ errno: 1213 });
      // The application ignores the deadlock and commits: the binding rolls back instead.
      await victim.commit();
      const error = await victim.executionPromise.catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name: 'TransactionError', cause: { errno: 1213 } });
      await survivor.commit();
      await survivor.executionPromise;
      await bothEnded.promise;
      expect([...ran].sort()).toEqual([`${survivorName} committed`, `${victimName} rolled back`].sort());
      expect(await names()).toEqual([survivorName, survivorName]);
      expect(usedConnections(knex)).toBe(0);
    },
  );
});

describe('client.transaction() failure paths', () => {
  it('a savepoint that cannot be rolled back to turns the outer COMMIT into a ROLLBACK with TransactionError', () =>
    checkUnrollbackableSavepoint(client, testServer().flavor === 'matrixone'));

  it("the core's own savepoints (mo.transaction) that cannot be rolled back to also force the ROLLBACK", async () => {
    let savepoint = '';
    const onQuery = (event: QueryEvent) => {
      savepoint = /^SAVEPOINT (\S+)$/.exec(event.sql)?.[1] ?? savepoint;
    };
    client.on('query', onQuery);
    const error = await client
      .transaction(async ({ trx, mo }) => {
        await trx('notes').insert({ id: 1, name: 'outer' });
        await mo
          .transaction(async (inner) => {
            await inner.execute('INSERT INTO notes (id, name) VALUES (?, ?)', [2, 'inner']);
            await inner.execute(`RELEASE SAVEPOINT ${savepoint}`);
            throw new Error('undo inner');
          })
          .catch(() => undefined);
      })
      .catch((failure: unknown) => failure)
      .finally(() => client.off('query', onQuery));
    expect(savepoint).not.toBe('');
    expect(error).toMatchObject({ name: 'TransactionError' });
    expect(await names()).toEqual([]);
  });

  // KILL from another session is not in the MatrixOne reference: this runs on MariaDB/MySQL only.
  it.skipIf(testServer().flavor === 'matrixone')(
    'a COMMIT lost with the connection fails with TransactionError{outcomeUnknown} and runs no hook',
    async () => {
      const events: string[] = [];
      const error = await client
        .transaction(async ({ trx, mo }) => {
          await trx('notes').insert({ id: 1, name: 'maybe' });
          mo.afterCommit(() => events.push('afterCommit'));
          mo.afterRollback(() => events.push('afterRollback'));
          const [rows] = (await trx.raw('SELECT CONNECTION_ID() AS id')) as [Array<{ id: number }>];
          await db.inspect.query(`KILL CONNECTION ${Number(rows[0]?.id)}`);
        })
        .catch((failure: unknown) => failure);
      expect(error).toMatchObject({ name: 'TransactionError', outcomeUnknown: true });
      expect(events).toEqual([]);
      expect(await names()).toEqual([]);
    },
  );

  it('the callback error is rethrown unchanged, with failing afterRollback hooks attached as hookError', async () => {
    const failure = new Error('callback failed');
    const error = await client
      .transaction(async ({ mo }) => {
        mo.afterRollback(() => {
          throw new Error('rollback hook failed');
        });
        throw failure;
      })
      .catch((caught: unknown) => caught);
    expect(error).toBe(failure);
    expect((error as { hookError?: unknown }).hookError).toMatchObject({
      name: 'HookError',
      phase: 'afterRollback',
    });
  });
});

describe.skipIf(testServer().flavor === 'matrixone')(
  'on MariaDB answering like MatrixOne 4.2.0 (fault proxy)',
  () => {
    let proxy: FaultProxy;
    let emulated: Knex;
    let emulatedClient: MatrixOneKnexClient;
    beforeAll(async () => {
      proxy = await startFaultProxy(db.url);
      answerOrmStatementsLikeMatrixOne(proxy, ['id']);
      emulated = openKnex(proxy.url);
      emulatedClient = matrixone(emulated, { serverFlavor: 'matrixone' });
    });
    afterAll(async () => {
      await emulatedClient.close();
      await emulated.destroy();
      await proxy.close();
    });

    it('a savepoint that cannot be rolled back to turns the outer COMMIT into a ROLLBACK with TransactionError', () =>
      checkUnrollbackableSavepoint(emulatedClient, true));
  },
);
