import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../suite-context.js';

/** Check 1: the ORM and `mo` see the same connection inside one transaction. */
export function registerConnectionChecks<OrmTx>(context: SuiteContext<OrmTx>): void {
  describe('same connection', () => {
    it('the adapter transaction runs ORM statements and mo statements on one connection', async () => {
      const adapter = context.adapter();
      const seen = await adapter.transaction(async ({ orm, mo }) => {
        const ormId = await adapter.ormConnectionId(orm);
        const [row] = await mo.query<{ id: number | string }>('SELECT CONNECTION_ID() AS id');
        return { ormId, moId: Number(row?.id) };
      });
      expect(seen.moId).toBe(seen.ormId);
      const [outside] = await adapter.client.query<{ id: number | string }>('SELECT CONNECTION_ID() AS id');
      expect(Number.isInteger(Number(outside?.id))).toBe(true);
    });

    it('a transaction bound with bind(ormTx) runs on the ORM transaction connection', async () => {
      const adapter = context.adapter();
      const seen = await adapter.ormTransaction(async (orm) => {
        const mo = adapter.bind(orm);
        const [row] = await mo.query<{ id: number | string }>('SELECT CONNECTION_ID() AS id');
        return { ormId: await adapter.ormConnectionId(orm), moId: Number(row?.id) };
      });
      expect(seen.moId).toBe(seen.ormId);
    });
  });
}
