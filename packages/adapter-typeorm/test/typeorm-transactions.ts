/**
 * TypeORM's transaction calls for the adapter test suite's nested-transaction scenarios (`runNestedRollback`,
 * `poolAfterNestedOutcome`), shared by the compatibility suite and the guard tests.
 */
import type { NestedTransactionCalls } from '@matrixone/adapter-test-suite';
import type { DataSource, EntityManager, EntitySchema } from 'typeorm';

/** `dataSource.transaction(fn)`, `manager.transaction(fn)` and `manager.insert(entity, { email })`. */
export function typeOrmTransactions(
  dataSource: DataSource,
  entity: EntitySchema<{ email: string }>,
): NestedTransactionCalls<EntityManager> {
  return {
    transaction: (block) => dataSource.transaction(block),
    nested: (manager, block) => manager.transaction(block),
    insert: (manager, email) => manager.insert(entity, { email }),
  };
}
