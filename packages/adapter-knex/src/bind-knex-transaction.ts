import {
  type HookError,
  QueryEvents,
  type Transaction,
  sharedQueryEvents,
  validQueryTimeout,
} from '@matrixone/core';
import type { Knex } from 'knex';
import { bindKnexTransaction, claimHookFailures } from './knex-binding.js';
import { knexInstanceKey } from './knex-instance-key.js';
import { serverInfoFor } from './knex-server-info.js';
import type { MatrixOneKnexOptions } from './types.js';

/**
 * The SDK transaction bound to a Knex transaction the application manages. Hooks run once Knex has ended the
 * transaction; their failures go to `options.onHookError` (a process warning by default). Its query events go
 * to `options.logger` and to the open clients of the same Knex instance.
 */
export function bindApplicationTransaction(
  trx: Knex.Transaction,
  options: MatrixOneKnexOptions = {},
): Transaction {
  const queryTimeoutMs = validQueryTimeout(options.queryTimeoutMs);
  const binding = bindKnexTransaction(trx, {
    serverInfo: serverInfoFor(trx, options.serverFlavor, queryTimeoutMs),
    queryTimeoutMs,
    events: new QueryEvents(options.logger, sharedQueryEvents(knexInstanceKey(trx))),
  });
  if (claimHookFailures(binding)) {
    const report = options.onHookError ?? warnHookError;
    binding.settled.catch((error: unknown) => report(error as HookError));
  }
  return binding.tx;
}

function warnHookError(error: HookError): void {
  process.emitWarning(error.message, 'MatrixOneHookWarning');
}
