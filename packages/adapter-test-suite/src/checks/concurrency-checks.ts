import { describe, expect, it } from 'vitest';
import type { TestRow } from '../driver.js';
import { POOL_SIZE, type SuiteContext } from '../suite-context.js';
import { insertRowSql } from '../test-tables.js';

const TRANSACTIONS = 100;

/** Every tenth transaction (index 7, 17, …) throws and must leave nothing behind. */
const rollsBack = (index: number): boolean => index % 10 === 7;

/** Check 7: 100 concurrent transactions on a pool of 5 complete with correct data and leave the pool empty. */
export function registerConcurrencyChecks<OrmTx>(context: SuiteContext<OrmTx>): void {
  describe('concurrency', () => {
    it(`${TRANSACTIONS} concurrent transactions on a pool of ${POOL_SIZE} keep exactly the committed rows`, async () => {
      const adapter = context.adapter();
      const table = await context.tables.create('concurrent');
      const outcomes = await Promise.allSettled(
        Array.from({ length: TRANSACTIONS }, (_, index) =>
          adapter.transaction(async ({ orm, mo }) => {
            await adapter.ormInsert(orm, table, [{ id: index * 2, name: `orm ${index}` }]);
            await mo.execute(insertRowSql(table), [index * 2 + 1, `mo ${index}`]);
            const [row] = await mo.query<{ id: number | string }>('SELECT CONNECTION_ID() AS id');
            const sameConnection = Number(row?.id) === (await adapter.ormConnectionId(orm));
            if (rollsBack(index)) throw new Error(`rolled back ${index}`);
            return sameConnection;
          }),
        ),
      );
      expect(outcomes).toEqual(
        Array.from({ length: TRANSACTIONS }, (_, index) =>
          rollsBack(index)
            ? { status: 'rejected', reason: new Error(`rolled back ${index}`) }
            : { status: 'fulfilled', value: true },
        ),
      );
      const expected: TestRow[] = Array.from({ length: TRANSACTIONS }, (_, index) => index)
        .filter((index) => !rollsBack(index))
        .flatMap((index) => [
          { id: index * 2, name: `orm ${index}` },
          { id: index * 2 + 1, name: `mo ${index}` },
        ]);
      expect(await context.tables.rows(table)).toEqual(expected);
      expect(adapter.checkedOutConnections()).toBe(0);
    });
  });
}
