/**
 * The executor over a Sequelize transaction, with stand-in transaction objects shaped like Sequelize's (the
 * fields `sequelize/lib/transaction.js` sets): what a server cannot easily be made to do on demand.
 */
import { TransactionError } from '@matrixone/core';
import type { Transaction } from 'sequelize';
import { describe, expect, it } from 'vitest';
import { SequelizeTransactionExecutor } from '../src/sequelize-transaction-executor.js';

interface StandIn {
  finished?: 'commit' | 'rollback';
  parent?: StandIn;
  connection?: object;
  rollbacks: number;
  rollback(): Promise<void>;
}

function failingConnection(failure: Record<string, unknown>): object {
  return {
    query(_options: unknown, callback: (error: unknown) => void) {
      callback(Object.assign(new Error(String(failure.sqlMessage)), failure));
    },
  };
}

function standIn(connection: object, parent?: StandIn): StandIn {
  const transaction: StandIn = {
    connection,
    rollbacks: 0,
    async rollback() {
      transaction.rollbacks += 1;
      transaction.finished = 'rollback';
    },
    ...(parent && { parent }),
  };
  return transaction;
}

const asSequelize = (transaction: StandIn) => transaction as unknown as Transaction;

describe('SequelizeTransactionExecutor', () => {
  it.each([
    [1213, 'Deadlock found when trying to get lock; try restarting transaction'],
    [20701, 'deadlock detected'],
  ])('after errno %i it rolls back the outermost Sequelize transaction', async (errno, sqlMessage) => {
    const connection = failingConnection({ errno, sqlState: 'HY000', sqlMessage });
    const root = standIn(connection);
    const savepoint = standIn(connection, root);
    const executor = new SequelizeTransactionExecutor(asSequelize(savepoint));
    await expect(executor.run({ sql: 'UPDATE t SET a = 1' })).rejects.toMatchObject({ errno });
    expect([root.rollbacks, savepoint.rollbacks]).toEqual([1, 0]);
    expect(executor.isOpen()).toBe(false);
  });

  it('leaves the transaction to the application after an ordinary error', async () => {
    const root = standIn(
      failingConnection({ errno: 1062, sqlState: '23000', sqlMessage: 'Duplicate entry' }),
    );
    const executor = new SequelizeTransactionExecutor(asSequelize(root));
    await expect(executor.run({ sql: 'INSERT INTO t VALUES (1)' })).rejects.toMatchObject({ errno: 1062 });
    expect(root.rollbacks).toBe(0);
    expect(executor.isOpen()).toBe(true);
  });

  it('sends nothing once the transaction, or one enclosing it, has ended', async () => {
    let sent = 0;
    const connection = {
      query(_options: unknown, callback: (error: null, rows: unknown[]) => void) {
        sent += 1;
        callback(null, []);
      },
    };
    const root = standIn(connection);
    const savepoint = standIn(connection, root);
    root.finished = 'commit';
    await expect(
      new SequelizeTransactionExecutor(asSequelize(savepoint)).run({ sql: 'SELECT 1' }),
    ).rejects.toThrow(/belongs to a transaction that was committed/);
    await expect(
      new SequelizeTransactionExecutor(asSequelize(root)).run({ sql: 'SELECT 1' }),
    ).rejects.toBeInstanceOf(TransactionError);
    expect(sent).toBe(0);
  });
});
