/** A QueryRunner whose transaction the application drives by hand: startTransaction / commit / rollback. */
import { matrixone } from '@matrixone/adapter-typeorm';
import { TransactionError, isMatrixOneErrorOfKind } from '@matrixone/core';
import { useTestDatabase } from '@matrixone/test-server';
import { DataSource, type QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Author, Book } from './entities.js';

const db = useTestDatabase();
let dataSource: DataSource;

beforeAll(async () => {
  dataSource = new DataSource({
    type: 'mysql',
    url: db.url,
    entities: [Author, Book],
    synchronize: true,
    poolSize: 3,
  });
  await dataSource.initialize();
});

afterAll(async () => {
  await dataSource.destroy();
});

async function authorNames(): Promise<string[]> {
  const [rows] = await db.inspect.query('SELECT name FROM authors ORDER BY id');
  return (rows as { name: string }[]).map((row) => row.name);
}

async function withRunner(fn: (queryRunner: QueryRunner) => Promise<void>): Promise<void> {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  try {
    await fn(queryRunner);
  } finally {
    await queryRunner.release();
  }
}

describe('QueryRunner with a manual transaction', () => {
  it('commit keeps entity and SDK rows and runs afterCommit hooks after COMMIT, in order', async () => {
    await db.inspect.query('DELETE FROM authors');
    const seen: string[] = [];
    await withRunner(async (queryRunner) => {
      await queryRunner.startTransaction();
      const mo = matrixone(queryRunner);
      await queryRunner.manager.save(new Author(1, 'entity'));
      await mo.execute('INSERT INTO authors (id, name) VALUES (?, ?)', [2, 'sdk']);
      mo.afterCommit(async () => {
        seen.push(`first:${(await authorNames()).join(',')}`);
      });
      mo.afterCommit(() => {
        seen.push('second');
      });
      mo.afterRollback(() => {
        seen.push('rollback');
      });
      expect(await authorNames()).toEqual([]);
      await queryRunner.commitTransaction();
      expect(mo.isOpen()).toBe(false);
    });
    expect(seen).toEqual(['first:entity,sdk', 'second']);
  });

  it('rollback undoes entity and SDK rows and runs only afterRollback hooks', async () => {
    await db.inspect.query('DELETE FROM authors');
    const seen: string[] = [];
    await withRunner(async (queryRunner) => {
      await queryRunner.startTransaction();
      const mo = matrixone(queryRunner);
      await queryRunner.manager.save(new Author(3, 'entity'));
      await mo.execute('INSERT INTO authors (id, name) VALUES (?, ?)', [4, 'sdk']);
      mo.afterCommit(() => {
        seen.push('commit');
      });
      mo.afterRollback(() => {
        seen.push('rollback');
      });
      await queryRunner.rollbackTransaction();
    });
    expect(seen).toEqual(['rollback']);
    expect(await authorNames()).toEqual([]);
  });

  it('refuses a runner with no open transaction instead of running in autocommit', async () => {
    await withRunner(async (queryRunner) => {
      expect(() => matrixone(queryRunner)).toThrow(TransactionError);
    });
  });

  it('refuses a released runner', async () => {
    const queryRunner = dataSource.createQueryRunner();
    await queryRunner.connect();
    await queryRunner.startTransaction();
    await queryRunner.rollbackTransaction();
    await queryRunner.release();
    expect(() => matrixone(queryRunner)).toThrow(/released/);
  });

  it('a binding kept from an ended transaction fails even after the runner starts a new one', async () => {
    await db.inspect.query('DELETE FROM authors');
    await withRunner(async (queryRunner) => {
      await queryRunner.startTransaction();
      const stale = matrixone(queryRunner);
      await queryRunner.commitTransaction();
      await queryRunner.startTransaction();
      await expect(
        stale.execute('INSERT INTO authors (id, name) VALUES (?, ?)', [5, 'stale']),
      ).rejects.toThrow(TransactionError);
      const fresh = matrixone(queryRunner);
      expect(fresh).not.toBe(stale);
      await fresh.execute('INSERT INTO authors (id, name) VALUES (?, ?)', [6, 'fresh']);
      await queryRunner.commitTransaction();
    });
    expect(await authorNames()).toEqual(['fresh']);
  });

  it('binding the same runner twice gives the same transaction, so hooks are not lost', async () => {
    const seen: string[] = [];
    await withRunner(async (queryRunner) => {
      await queryRunner.startTransaction();
      const first = matrixone(queryRunner);
      const second = matrixone(queryRunner.manager);
      expect(second).toBe(first);
      first.afterCommit(() => {
        seen.push('first');
      });
      second.afterCommit(() => {
        seen.push('second');
      });
      await queryRunner.commitTransaction();
    });
    expect(seen).toEqual(['first', 'second']);
  });

  it('a failing afterCommit hook goes to onHookError as a HookError before commitTransaction resolves; the commit stands', async () => {
    await db.inspect.query('DELETE FROM authors');
    const reported: unknown[] = [];
    await withRunner(async (queryRunner) => {
      await queryRunner.startTransaction();
      const mo = matrixone(queryRunner, { onHookError: (error) => reported.push(error) });
      await mo.execute('INSERT INTO authors (id, name) VALUES (?, ?)', [7, 'kept']);
      mo.afterCommit(() => {
        throw new Error('hook failed');
      });
      await queryRunner.commitTransaction();
      expect(reported).toHaveLength(1);
      expect(isMatrixOneErrorOfKind(reported[0], 'hook')).toBe(true);
      expect(queryRunner.isTransactionActive).toBe(false);
    });
    expect(await authorNames()).toEqual(['kept']);
  });
});
