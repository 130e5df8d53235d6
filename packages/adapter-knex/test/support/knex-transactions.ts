/**
 * Knex's transaction calls for the adapter test suite's nested-transaction scenarios (`runNestedRollback`,
 * `poolAfterNestedOutcome`), shared by the compatibility suite and the guard tests.
 */
import type { NestedTransactionCalls } from '@matrixone/adapter-test-suite';
import type { Knex } from 'knex';

/** `knex.transaction()`, `trx.transaction()` and an insert of `{ email }` into `table`. */
export function knexTransactions(knex: Knex, table: string): NestedTransactionCalls<Knex.Transaction> {
  return {
    transaction: (block) => knex.transaction(block),
    nested: (trx, block) => trx.transaction(block),
    insert: (trx, email) => trx(table).insert({ email }),
  };
}
