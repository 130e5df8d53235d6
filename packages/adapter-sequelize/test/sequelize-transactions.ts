/**
 * Sequelize's transaction calls for the adapter test suite's nested-transaction scenarios (`runNestedRollback`,
 * `poolAfterNestedOutcome`), shared by the compatibility suite and the guard tests.
 */
import type { NestedTransactionCalls } from '@matrixone/adapter-test-suite';
import type { Model, ModelStatic, Sequelize, Transaction } from 'sequelize';

/** `sequelize.transaction(fn)`, `sequelize.transaction({ transaction }, fn)` and `model.create({ email })` in it. */
export function sequelizeTransactions(
  sequelize: Sequelize,
  model: ModelStatic<Model>,
): NestedTransactionCalls<Transaction> {
  return {
    transaction: (block) => sequelize.transaction(block),
    nested: (transaction, block) => sequelize.transaction({ transaction }, block),
    insert: (transaction, email) => model.create({ email }, { transaction }),
  };
}
