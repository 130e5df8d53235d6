import type { QueryEvent } from '@matrixone/core';
import { testServer } from '@matrixone/test-server';
import { describe, expect, it } from 'vitest';
import type { ConformanceTransaction } from '../driver.js';
import { type SuiteContext, caught } from '../suite-context.js';

/** The session's statement counter (MariaDB and MySQL); each read counts itself once. */
async function statementsSent(mo: ConformanceTransaction): Promise<number> {
  const [row] = await mo.query<{ Value: string }>("SHOW SESSION STATUS LIKE 'Questions'");
  return Number(row?.Value);
}

/**
 * Check 5: operations MatrixOne refuses inside a transaction throw TransactionRuleError on `mo` before any
 * SQL is sent, and leave the transaction usable. "Nothing sent" is checked twice: no query event reached the
 * client's listeners, and (where the server has one) the session's statement counter did not move.
 */
export function registerRuleChecks<OrmTx>(context: SuiteContext<OrmTx>): void {
  describe('MatrixOne transaction rules', () => {
    it('refused operations on mo throw TransactionRuleError without sending SQL; the transaction goes on', async () => {
      const adapter = context.adapter();
      const sent: string[] = [];
      const listener = (event: QueryEvent) => sent.push(event.sql);
      const counts = testServer().flavor !== 'matrixone';
      adapter.client.on('query', listener);
      try {
        await adapter.transaction(async ({ mo }) => {
          await mo.query('SELECT 1 AS probe');
          expect(sent).toEqual(['SELECT 1 AS probe']);
          const before = counts ? await statementsSent(mo) : 0;
          sent.length = 0;
          const refusedSnapshot = await caught(() =>
            mo.snapshots.create({ name: 'conformance_refused', level: 'account' }),
          );
          const refusedList = await caught(() => mo.snapshots.list());
          const refusedPitr = await caught(() => mo.pitr.list());
          expect(sent).toEqual([]);
          if (counts) expect(await statementsSent(mo)).toBe(before + 1);
          expect(refusedSnapshot).toMatchObject({
            name: 'TransactionRuleError',
            operation: 'snapshots.create',
          });
          expect(refusedList).toMatchObject({ name: 'TransactionRuleError', operation: 'snapshots.list' });
          expect(refusedPitr).toMatchObject({ name: 'TransactionRuleError', operation: 'pitr.list' });
          expect(mo.isOpen()).toBe(true);
          const [row] = await mo.query<{ still: number | string }>('SELECT 2 AS still');
          expect(Number(row?.still)).toBe(2);
        });
      } finally {
        adapter.client.off('query', listener);
      }
    });
  });
}
