import { useTestDatabase } from '@matrixone/test-server';
import { afterAll, beforeAll, describe } from 'vitest';
import { registerBulkChecks } from './checks/bulk-checks.js';
import { registerCommitRollbackChecks } from './checks/commit-rollback-checks.js';
import { registerConcurrencyChecks } from './checks/concurrency-checks.js';
import { registerConnectionChecks } from './checks/connection-checks.js';
import { registerHookChecks } from './checks/hook-checks.js';
import { registerNestedChecks } from './checks/nested-checks.js';
import { registerRuleChecks } from './checks/rule-checks.js';
import { registerStaleChecks } from './checks/stale-checks.js';
import type { AdapterConformanceDriver, AdapterUnderTest } from './driver.js';
import { POOL_SIZE, type SuiteContext } from './suite-context.js';
import { TestTables } from './test-tables.js';

/**
 * Registers the adapter conformance suite with vitest. Call it once, at the top level of an adapter's
 * `test/conformance.test.ts`; it gives the file its own database and opens the adapter on it.
 *
 * @example
 * runAdapterConformanceSuite<Knex.Transaction>({ name: 'knex', open: openKnexAdapter });
 */
export function runAdapterConformanceSuite<OrmTx>(driver: AdapterConformanceDriver<OrmTx>): void {
  const db = useTestDatabase();
  const state: { adapter?: AdapterUnderTest<OrmTx> } = {};
  const context: SuiteContext<OrmTx> = {
    db,
    tables: new TestTables(db),
    adapter() {
      if (!state.adapter) throw new Error(`the ${driver.name} adapter did not open`);
      return state.adapter;
    },
  };

  describe(`${driver.name} adapter conformance`, () => {
    beforeAll(async () => {
      state.adapter = await driver.open(db.url, { poolSize: POOL_SIZE });
    });
    afterAll(async () => {
      await state.adapter?.close();
    });

    registerConnectionChecks(context);
    registerCommitRollbackChecks(context);
    registerHookChecks(context);
    registerRuleChecks(context);
    registerNestedChecks(context);
    registerConcurrencyChecks(context);
    registerBulkChecks(context);
    registerStaleChecks(context);
  });
}
