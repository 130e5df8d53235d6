import { testServer } from '@matrixone/test-server';
import { describe, expect, it } from 'vitest';
import { type SuiteContext, caught } from '../suite-context.js';
import { insertRowSql } from '../test-tables.js';

/**
 * Check 6: nested transactions as the ORM defines them (savepoints). MatrixOne accepts SAVEPOINT and RELEASE
 * but cannot roll back to a savepoint, so there an inner rollback must end in a typed error and a full rollback.
 */
export function registerNestedChecks<OrmTx>(context: SuiteContext<OrmTx>): void {
  describe('nested transactions', () => {
    it('a nested transaction that succeeds keeps its rows with the outer commit', async () => {
      const adapter = context.adapter();
      const table = await context.tables.create('nested_ok');
      await adapter.transaction(async ({ orm, mo }) => {
        await adapter.ormInsert(orm, table, [{ id: 1, name: 'outer' }]);
        await adapter.ormNested(orm, async (inner) => {
          await adapter.ormInsert(inner, table, [{ id: 2, name: 'inner' }]);
          await mo.execute(insertRowSql(table), [3, 'mo inside inner']);
        });
      });
      expect(await context.tables.rows(table)).toEqual([
        { id: 1, name: 'outer' },
        { id: 2, name: 'inner' },
        { id: 3, name: 'mo inside inner' },
      ]);
    });

    it.skipIf(testServer().flavor === 'matrixone')(
      'an inner rollback undoes only the inner part, mo statements run inside it included',
      async () => {
        const adapter = context.adapter();
        const table = await context.tables.create('nested_rollback');
        const failure = new Error('roll back the inner transaction');
        await adapter.transaction(async ({ orm, mo }) => {
          await adapter.ormInsert(orm, table, [{ id: 1, name: 'outer' }]);
          const error = await caught(() =>
            adapter.ormNested(orm, async (inner) => {
              await adapter.ormInsert(inner, table, [{ id: 2, name: 'inner' }]);
              await mo.execute(insertRowSql(table), [3, 'mo inside inner']);
              throw failure;
            }),
          );
          expect(error).toBe(failure);
          await mo.execute(insertRowSql(table), [4, 'mo after inner']);
        });
        expect(await context.tables.rows(table)).toEqual([
          { id: 1, name: 'outer' },
          { id: 4, name: 'mo after inner' },
        ]);
      },
    );

    it.skipIf(testServer().flavor !== 'matrixone')(
      'on MatrixOne an inner rollback cannot be partial: the transaction ends in TransactionError and rolls back',
      async () => {
        const adapter = context.adapter();
        const table = await context.tables.create('nested_mo');
        const error = await caught(() =>
          adapter.transaction(async ({ orm }) => {
            await adapter.ormInsert(orm, table, [{ id: 1, name: 'outer' }]);
            await caught(() =>
              adapter.ormNested(orm, async (inner) => {
                await adapter.ormInsert(inner, table, [{ id: 2, name: 'inner' }]);
                throw new Error('roll back the inner transaction');
              }),
            );
          }),
        );
        expect(error).toMatchObject({ name: 'TransactionError' });
        expect(await context.tables.rows(table)).toEqual([]);
      },
    );
  });
}
