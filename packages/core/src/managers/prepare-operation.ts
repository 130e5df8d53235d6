import { assertMatrixOne } from '../server/server-info.js';
import type { ManagerContext } from './manager-context.js';
import { type ManagedOperation, assertAllowedInTransaction } from './transaction-rules.js';

/**
 * The checks every MatrixOne-only manager operation makes, in this order, before it sends its statement:
 * the transaction rule (no SQL at all), then the server flavor (may read `version()` once).
 */
export async function prepareOperation(context: ManagerContext, operation: ManagedOperation): Promise<void> {
  assertAllowedInTransaction(operation, context.executor.inTransaction);
  assertMatrixOne(await context.serverInfo(), operation);
}
