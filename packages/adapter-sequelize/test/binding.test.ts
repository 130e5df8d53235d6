/**
 * The binding over stand-in transaction objects shaped like Sequelize's (the fields `sequelize/lib/transaction.js`
 * sets): what a server cannot easily be made to do on demand.
 */
import { TransactionError } from '@matrixone/core';
import type { Transaction } from 'sequelize';
import { describe, expect, it } from 'vitest';
import { sequelizeBinding } from '../src/binding.js';
import { matrixone } from '../src/index.js';

interface StandIn {
  finished?: 'commit' | 'rollback';
  parent?: StandIn;
  connection?: object;
  savepoints: StandIn[];
  sequelize: object;
  rollbacks: number;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  afterCommit(): void;
}

const noop = () => undefined;
const sequelize = { query: noop, transaction: noop, getDialect: () => 'mysql', addHook: noop };

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
    savepoints: [],
    sequelize,
    rollbacks: 0,
    async commit() {
      transaction.finished = 'commit';
    },
    async rollback() {
      transaction.rollbacks += 1;
      transaction.finished = 'rollback';
    },
    afterCommit: () => undefined,
    ...(parent && { parent }),
  };
  return transaction;
}

const asSequelize = (transaction: StandIn) => transaction as unknown as Transaction;

describe('sequelizeBinding.run in a transaction', () => {
  it.each([
    [1213, 'Deadlock found when trying to get lock; try restarting transaction'],
    [20701, 'deadlock detected'],
  ])('after errno %i it rolls back the outermost Sequelize transaction', async (errno, sqlMessage) => {
    const connection = failingConnection({ errno, sqlState: 'HY000', sqlMessage });
    const root = standIn(connection);
    const savepoint = standIn(connection, root);
    const run = sequelizeBinding.run(asSequelize(savepoint), { sql: 'UPDATE t SET a = 1' }, undefined);
    await expect(run).rejects.toMatchObject({ errno });
    expect([root.rollbacks, savepoint.rollbacks]).toEqual([1, 0]);
    expect(sequelizeBinding.isOpen(asSequelize(savepoint))).toBe(false);
  });

  it('leaves the transaction to the application after an ordinary error', async () => {
    const root = standIn(
      failingConnection({ errno: 1062, sqlState: '23000', sqlMessage: 'Duplicate entry' }),
    );
    const run = sequelizeBinding.run(asSequelize(root), { sql: 'INSERT INTO t VALUES (1)' }, undefined);
    await expect(run).rejects.toMatchObject({ errno: 1062 });
    expect(root.rollbacks).toBe(0);
    expect(sequelizeBinding.isOpen(asSequelize(root))).toBe(true);
  });

  it('a bound transaction sends nothing once it, or one enclosing it, has ended', async () => {
    let sent = 0;
    const connection = {
      query(_options: unknown, callback: (error: null, rows: unknown[]) => void) {
        sent += 1;
        callback(null, []);
      },
    };
    const root = standIn(connection);
    const savepoint = standIn(connection, root);
    const moRoot = matrixone(asSequelize(root), { serverFlavor: 'mysql' });
    const moSavepoint = matrixone(asSequelize(savepoint), { serverFlavor: 'mysql' });
    await moSavepoint.execute('SELECT 1');
    expect(sent).toBe(1);
    await asSequelize(root).commit();
    expect(sequelizeBinding.isOpen(asSequelize(savepoint))).toBe(false);
    await expect(moSavepoint.execute('SELECT 1')).rejects.toBeInstanceOf(TransactionError);
    await expect(moRoot.execute('SELECT 1')).rejects.toBeInstanceOf(TransactionError);
    expect(sent).toBe(1);
  });

  it('a transaction that never began is not open', () => {
    const root = standIn({});
    Reflect.deleteProperty(root, 'connection');
    expect(sequelizeBinding.isOpen(asSequelize(root))).toBe(false);
  });
});
