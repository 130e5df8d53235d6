import { describe, expect, it } from 'vitest';
import { type SuiteContext, caught } from '../suite-context.js';

/** Check 4: `afterCommit` hooks run after commit, in order, never after a rollback; failures are reported. */
export function registerHookChecks<OrmTx>(context: SuiteContext<OrmTx>): void {
  describe('after-commit hooks', () => {
    it('run after the commit, in registration order, and see the committed rows', async () => {
      const adapter = context.adapter();
      const table = await context.tables.create('hooks');
      const events: string[] = [];
      await adapter.transaction(async ({ orm, mo }) => {
        await adapter.ormInsert(orm, table, [{ id: 1, name: 'orm' }]);
        mo.afterCommit(async () => {
          events.push(`first hook sees ${await context.tables.count(table)} row(s)`);
        });
        mo.afterCommit(() => events.push('second hook'));
        mo.afterRollback(() => events.push('rollback hook'));
        events.push('transaction body done');
      });
      expect(events).toEqual(['transaction body done', 'first hook sees 1 row(s)', 'second hook']);
    });

    it('never run after a rollback; afterRollback hooks do', async () => {
      const adapter = context.adapter();
      const events: string[] = [];
      const failure = new Error('roll back');
      const error = await caught(() =>
        adapter.transaction(async ({ mo }) => {
          mo.afterCommit(() => events.push('commit hook'));
          mo.afterRollback(() => events.push('rollback hook'));
          throw failure;
        }),
      );
      expect(error).toBe(failure);
      expect(events).toEqual(['rollback hook']);
    });

    it('a failing hook is reported as HookError after the commit, and the later hooks still run', async () => {
      const adapter = context.adapter();
      const table = await context.tables.create('failing_hook');
      const events: string[] = [];
      const error = await caught(() =>
        adapter.transaction(async ({ orm, mo }) => {
          await adapter.ormInsert(orm, table, [{ id: 1, name: 'orm' }]);
          mo.afterCommit(() => {
            throw new Error('hook failed');
          });
          mo.afterCommit(() => events.push('later hook'));
        }),
      );
      expect(error).toMatchObject({ name: 'HookError', phase: 'afterCommit' });
      expect((error as { errors: readonly Error[] }).errors.map((failure) => failure.message)).toEqual([
        'hook failed',
      ]);
      expect(events).toEqual(['later hook']);
      expect(await context.tables.rows(table)).toEqual([{ id: 1, name: 'orm' }]);
    });

    it('on a transaction bound with bind(ormTx), run only once the ORM has committed', async () => {
      const adapter = context.adapter();
      const table = await context.tables.create('bound_hooks');
      let seenByHook: number | undefined;
      let hookRan: () => void = () => undefined;
      const ran = new Promise<void>((resolve) => {
        hookRan = resolve;
      });
      await adapter.ormTransaction(async (orm) => {
        await adapter.ormInsert(orm, table, [{ id: 1, name: 'orm' }]);
        adapter.bind(orm).afterCommit(async () => {
          seenByHook = await context.tables.count(table);
          hookRan();
        });
      });
      await ran;
      expect(seenByHook).toBe(1);
    });

    it('on a transaction bound with bind(ormTx), run the afterRollback hooks only when the ORM rolls back', async () => {
      const adapter = context.adapter();
      const events: string[] = [];
      let rollbackHookRan: () => void = () => undefined;
      const ran = new Promise<void>((resolve) => {
        rollbackHookRan = resolve;
      });
      const failure = new Error('roll back the ORM transaction');
      const error = await caught(() =>
        adapter.ormTransaction(async (orm) => {
          const mo = adapter.bind(orm);
          mo.afterCommit(() => events.push('commit hook'));
          mo.afterRollback(() => {
            events.push('rollback hook');
            rollbackHookRan();
          });
          throw failure;
        }),
      );
      await ran;
      expect(error).toBe(failure);
      expect(events).toEqual(['rollback hook']);
    });
  });
}
