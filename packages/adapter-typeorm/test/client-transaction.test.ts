/** `client.transaction(async ({ manager, mo }) => …)`: how failures after TypeORM finished reach the caller. */
import { matrixone } from '@matrixone/adapter-typeorm';
import { HookError, NotFoundError, TransactionError, hookErrorOf } from '@matrixone/core';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import {
  DataSource,
  type EntitySubscriberInterface,
  QueryFailedError,
  type TransactionCommitEvent,
} from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const db = useTestDatabase();
let dataSource: DataSource;

beforeAll(async () => {
  dataSource = new DataSource({ type: 'mysql', url: db.url, poolSize: 2 });
  await dataSource.initialize();
  await db.inspect.query('CREATE TABLE entries (id INT PRIMARY KEY)');
});

afterAll(async () => {
  await dataSource.destroy();
});

describe('client.transaction', () => {
  it('passes the isolation level to TypeORM', async () => {
    const client = matrixone(dataSource);
    const sqls: string[] = [];
    const spy: EntitySubscriberInterface = {
      beforeQuery: (event) => {
        sqls.push(event.query);
      },
    };
    dataSource.subscribers.push(spy);
    try {
      await client.transaction(async ({ mo }) => mo.query('SELECT 1'), { isolationLevel: 'READ COMMITTED' });
    } finally {
      dataSource.subscribers.splice(dataSource.subscribers.indexOf(spy), 1);
      await client.close();
    }
    expect(sqls.slice(0, 2)).toEqual(['SET TRANSACTION ISOLATION LEVEL READ COMMITTED', 'START TRANSACTION']);
  });

  it('failing afterRollback hooks are attached to the original error as hookError', async () => {
    const client = matrixone(dataSource);
    const original = new Error('callback failed');
    const error = await client
      .transaction(async ({ mo }) => {
        mo.afterRollback(() => {
          throw new Error('rollback hook failed');
        });
        throw original;
      })
      .catch((caught: unknown) => caught);
    expect(error).toBe(original);
    const hookError = hookErrorOf(error);
    expect(hookError).toBeInstanceOf(HookError);
    expect(hookError?.errors).toEqual([new Error('rollback hook failed')]);
    await client.close();
  });

  it('a failure while TypeORM commits comes back typed, after the rollback and its hooks', async () => {
    const client = matrixone(dataSource);
    const seen: string[] = [];
    const failingCommit: EntitySubscriberInterface = {
      async beforeTransactionCommit(event: TransactionCommitEvent) {
        await event.queryRunner.query('SELECT * FROM no_such_table');
      },
    };
    dataSource.subscribers.push(failingCommit);
    try {
      const error = await client
        .transaction(async ({ mo }) => {
          await mo.execute('INSERT INTO entries (id) VALUES (?)', [2]);
          mo.afterRollback(() => {
            seen.push('afterRollback');
          });
        })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error).toMatchObject({ errno: 1146, cause: expect.any(QueryFailedError) });
    } finally {
      dataSource.subscribers.splice(dataSource.subscribers.indexOf(failingCommit), 1);
      await client.close();
    }
    expect(seen).toEqual(['afterRollback']);
    const [rows] = await db.inspect.query('SELECT id FROM entries WHERE id = 2');
    expect(rows).toEqual([]);
  });

  it('when a subscriber of its own makes TypeORM give up before its ROLLBACK, the callback error still comes back and afterRollback hooks run', async () => {
    // A DataSource of its own: the connection goes back to its pool still inside the transaction.
    const own = await new DataSource({ type: 'mysql', url: db.url, poolSize: 1 }).initialize();
    const client = matrixone(own);
    const seen: string[] = [];
    const failingRollback: EntitySubscriberInterface = {
      beforeTransactionRollback() {
        throw new Error('subscriber failed');
      },
    };
    own.subscribers.push(failingRollback);
    const original = new Error('callback failed');
    try {
      const error = await client
        .transaction(async ({ mo }) => {
          mo.afterRollback(() => {
            seen.push('afterRollback');
          });
          throw original;
        })
        .catch((caught: unknown) => caught);
      expect(error).toBe(original);
      expect(seen).toEqual(['afterRollback']);
    } finally {
      await client.close();
      await own.destroy();
    }
  });

  // KILL from another session is not in the MatrixOne reference: this runs on MariaDB/MySQL only.
  it.skipIf(testServer().flavor === 'matrixone')(
    'a connection lost during COMMIT gives TransactionError with outcomeUnknown, and no hook runs',
    async () => {
      const client = matrixone(dataSource);
      const seen: string[] = [];
      const killer: EntitySubscriberInterface = {
        async beforeTransactionCommit(event: TransactionCommitEvent) {
          const [row] = await event.queryRunner.query('SELECT CONNECTION_ID() AS id');
          await db.inspect.query('KILL ?', [Number(row.id)]);
        },
      };
      dataSource.subscribers.push(killer);
      try {
        const error = await client
          .transaction(async ({ mo }) => {
            await mo.execute('INSERT INTO entries (id) VALUES (?)', [1]);
            mo.afterCommit(() => {
              seen.push('afterCommit');
            });
            mo.afterRollback(() => {
              seen.push('afterRollback');
            });
          })
          .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(TransactionError);
        expect(error).toMatchObject({ outcomeUnknown: true, cause: { kind: 'connection' } });
      } finally {
        dataSource.subscribers.splice(dataSource.subscribers.indexOf(killer), 1);
        await client.close();
      }
      expect(seen).toEqual([]);
      expect(await dataSource.query('SELECT COUNT(*) AS n FROM entries')).toEqual([{ n: '0' }]);
    },
  );
});
