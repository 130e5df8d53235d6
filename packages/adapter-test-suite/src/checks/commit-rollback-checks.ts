import { describe, expect, it } from 'vitest';
import { type SuiteContext, caught } from '../suite-context.js';
import { insertRowSql } from '../test-tables.js';

/** Checks 2 and 3: commit keeps both sides, a thrown error or a failing `mo` statement rolls back both. */
export function registerCommitRollbackChecks<OrmTx>(context: SuiteContext<OrmTx>): void {
  describe('commit and rollback', () => {
    it('commit keeps the ORM rows and the mo rows, which stay invisible to others until then', async () => {
      const adapter = context.adapter();
      const table = await context.tables.create('commit');
      const seenBeforeCommit = await adapter.transaction(async ({ orm, mo }) => {
        await adapter.ormInsert(orm, table, [{ id: 1, name: 'orm' }]);
        await mo.execute(insertRowSql(table), [2, 'mo']);
        return context.tables.rows(table);
      });
      expect(seenBeforeCommit).toEqual([]);
      expect(await context.tables.rows(table)).toEqual([
        { id: 1, name: 'orm' },
        { id: 2, name: 'mo' },
      ]);
    });

    it('a thrown error rolls back the ORM rows and the mo rows and is rethrown unchanged', async () => {
      const adapter = context.adapter();
      const table = await context.tables.create('rollback');
      const failure = new Error('abort the transaction');
      const error = await caught(() =>
        adapter.transaction(async ({ orm, mo }) => {
          await adapter.ormInsert(orm, table, [{ id: 1, name: 'orm' }]);
          await mo.execute(insertRowSql(table), [2, 'mo']);
          throw failure;
        }),
      );
      expect(error).toBe(failure);
      expect(await context.tables.rows(table)).toEqual([]);
    });

    it('with bind(ormTx), the ORM native transaction commits and rolls back the mo rows too', async () => {
      const adapter = context.adapter();
      const table = await context.tables.create('bound');
      await adapter.ormTransaction(async (orm) => {
        await adapter.ormInsert(orm, table, [{ id: 1, name: 'orm' }]);
        await adapter.bind(orm).execute(insertRowSql(table), [2, 'mo']);
      });
      const failure = new Error('abort the ORM transaction');
      const error = await caught(() =>
        adapter.ormTransaction(async (orm) => {
          await adapter.ormInsert(orm, table, [{ id: 3, name: 'orm' }]);
          await adapter.bind(orm).execute(insertRowSql(table), [4, 'mo']);
          throw failure;
        }),
      );
      expect(error).toBe(failure);
      expect(await context.tables.rows(table)).toEqual([
        { id: 1, name: 'orm' },
        { id: 2, name: 'mo' },
      ]);
    });

    it('a failing mo statement surfaces as ConstraintError with errno 1062 and the whole transaction rolls back', async () => {
      const adapter = context.adapter();
      const table = await context.tables.create('duplicate');
      const error = await caught(() =>
        adapter.transaction(async ({ orm, mo }) => {
          await adapter.ormInsert(orm, table, [{ id: 1, name: 'orm' }]);
          await mo.execute(insertRowSql(table), [2, 'mo']);
          await mo.execute(insertRowSql(table), [1, 'duplicate']);
        }),
      );
      expect(error).toMatchObject({ name: 'ConstraintError', kind: 'constraint', errno: 1062 });
      expect((error as Error).cause).toBeDefined();
      expect(await context.tables.rows(table)).toEqual([]);
    });

    it('a failing mo statement inside the ORM native transaction is typed too and rolls it back', async () => {
      const adapter = context.adapter();
      const table = await context.tables.create('duplicate_bound');
      const error = await caught(() =>
        adapter.ormTransaction(async (orm) => {
          await adapter.ormInsert(orm, table, [{ id: 1, name: 'orm' }]);
          await adapter.bind(orm).execute(insertRowSql(table), [1, 'duplicate']);
        }),
      );
      expect(error).toMatchObject({ name: 'ConstraintError', errno: 1062 });
      expect(await context.tables.rows(table)).toEqual([]);
    });
  });
}
