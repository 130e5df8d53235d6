import { describe, expect, it } from 'vitest';
import type { ConformanceTransaction } from '../driver.js';
import { type SuiteContext, caught } from '../suite-context.js';

/**
 * The stale-transaction hazard: ORMs keep a finished transaction pointing at its connection, which the pool
 * may already have handed to another transaction. `mo` must refuse instead of running there.
 */
export function registerStaleChecks<OrmTx>(context: SuiteContext<OrmTx>): void {
  describe('finished transactions', () => {
    it('mo used after the adapter transaction committed throws TransactionError and sends nothing', async () => {
      const adapter = context.adapter();
      let kept: ConformanceTransaction | undefined;
      await adapter.transaction(async ({ mo }) => {
        kept = mo;
      });
      expect(kept?.isOpen()).toBe(false);
      const error = await caught(() => kept?.query('SELECT 1'));
      expect(error).toMatchObject({ name: 'TransactionError' });
    });

    it('mo bound to an ORM transaction that has ended throws TransactionError', async () => {
      const adapter = context.adapter();
      let bound: ConformanceTransaction | undefined;
      await adapter.ormTransaction(async (orm) => {
        bound = adapter.bind(orm);
      });
      const error = await caught(() => bound?.execute('SELECT 1'));
      expect(error).toMatchObject({ name: 'TransactionError' });
    });

    it('binding an ORM transaction that has already ended throws TransactionError', async () => {
      const adapter = context.adapter();
      let ended: OrmTx | undefined;
      await adapter.ormTransaction(async (orm) => {
        ended = orm;
      });
      const error = await caught(async () => {
        if (ended === undefined) throw new Error('the ORM transaction did not run');
        await adapter.bind(ended).query('SELECT 1');
      });
      expect(error).toMatchObject({ name: 'TransactionError' });
    });
  });
}
