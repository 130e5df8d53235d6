import { randomBytes } from 'node:crypto';
import { testServer } from '@matrixone/test-server';
import { describe, expect, it } from 'vitest';
import type { TestRow } from '../driver.js';
import type { SuiteContext } from '../suite-context.js';

const BULK_ROWS = 10_000;

/**
 * Check 8: the batch-then-snapshot flow. 10,000 rows go in through the ORM and an `afterCommit` hook runs
 * after the commit; on MatrixOne the hook takes a table snapshot through the client (snapshots are refused
 * inside a transaction), and the snapshot must see all the rows.
 */
export function registerBulkChecks<OrmTx>(context: SuiteContext<OrmTx>): void {
  describe('bulk insert then after-commit work', () => {
    it(`${BULK_ROWS} rows inserted through the ORM are all committed before the afterCommit hook runs`, async () => {
      const adapter = context.adapter();
      const table = await context.tables.create('bulk');
      const rows: TestRow[] = Array.from({ length: BULK_ROWS }, (_, index) => ({
        id: index + 1,
        name: `row ${index + 1}`,
      }));
      let seenByHook: number | undefined;
      await adapter.transaction(async ({ orm, mo }) => {
        await adapter.ormInsert(orm, table, rows);
        mo.afterCommit(async () => {
          seenByHook = await context.tables.count(table);
        });
      });
      expect(seenByHook).toBe(BULK_ROWS);
      expect(await context.tables.rows(table)).toEqual(rows);
    });

    it.skipIf(testServer().flavor !== 'matrixone')(
      'on MatrixOne the afterCommit hook snapshots the table through the client and the snapshot holds every row',
      async () => {
        const adapter = context.adapter();
        const table = await context.tables.create('bulk_snapshot');
        const snapshot = `conformance_${randomBytes(4).toString('hex')}`;
        const rows: TestRow[] = Array.from({ length: BULK_ROWS }, (_, index) => ({
          id: index + 1,
          name: `row ${index + 1}`,
        }));
        try {
          await adapter.transaction(async ({ orm, mo }) => {
            await adapter.ormInsert(orm, table, rows);
            mo.afterCommit(() =>
              adapter.client.snapshots.create({
                name: snapshot,
                level: 'table',
                database: context.db.name,
                table,
              }),
            );
          });
          await context.db.inspect.query(`DELETE FROM \`${table}\``);
          const [counted] = await context.db.inspect.query(
            `SELECT COUNT(*) AS n FROM \`${table}\`{snapshot = '${snapshot}'}`,
          );
          expect(Number((counted as Array<{ n: number | string }>)[0]?.n)).toBe(BULK_ROWS);
        } finally {
          await context.db.inspect.query(`DROP SNAPSHOT IF EXISTS \`${snapshot}\``);
        }
      },
    );
  });
}
