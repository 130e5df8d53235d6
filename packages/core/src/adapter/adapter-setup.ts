/**
 * The options every adapter's `matrixone(ormOrTransaction, options)` takes, and what they resolve to once per
 * call: the same names, defaults and validation in every adapter.
 */
import { serverInfoSource } from '../client/server-info-source.js';
import { sharedQueryEvents } from '../client/shared-query-events.js';
import { validQueryTimeout } from '../config/resolve-config.js';
import type { Executor } from '../connection/executor.js';
import type { HookError } from '../errors/errors.js';
import { QueryEvents, type QueryLogger } from '../events/query-events.js';
import type { ServerFlavor, ServerInfo } from '../server/server-info.js';

/** Options of every adapter's `matrixone(ormOrTransaction, options)`. */
export interface AdapterOptions {
  /** Forces the server flavor instead of reading `SELECT version()` (for proxies that hide the version). */
  readonly serverFlavor?: ServerFlavor;
  /** Called with every query event the SDK reports (SQL with placeholders, never the bound values). */
  readonly logger?: QueryLogger;
  /**
   * Timeout for each statement the SDK sends through the ORM (client and bound transactions), in
   * milliseconds; the connection is closed (not reused, its transaction rolled back by the server) when it
   * fires, and the statement fails with `TimeoutError`. A whole number from 1; default none. Row streams
   * (`client.stream`) have no limit.
   */
  readonly queryTimeoutMs?: number;
  /**
   * Receives a `HookError` when `afterCommit`/`afterRollback` hooks fail on a transaction bound with
   * `matrixone(ormTransaction)`: the ORM has already ended its transaction call by then, so the failure cannot
   * reject it. Defaults to a process warning (`MatrixOneHookWarning`). Hooks of `client.transaction()` reject
   * that call instead.
   */
  readonly onHookError?: (error: HookError) => void;
}

/** {@link AdapterOptions} resolved for one ORM instance. */
export interface AdapterSetup {
  /** The ORM instance's identity (see `OrmBinding.identity`). */
  readonly identity: object;
  /** Query events of the client or bound transaction (its logger registered). */
  readonly events: QueryEvents;
  /** The ORM instance's hub: events of transactions bound outside any client. */
  readonly shared: QueryEvents;
  readonly serverFlavor: ServerFlavor | undefined;
  readonly timeoutMs: number | undefined;
  /** Server detection on a bound transaction's own connection, answered once per ORM instance. */
  readonly serverInfo: (executor: Executor) => () => Promise<ServerInfo>;
  readonly onHookError: (error: HookError) => void;
}

/**
 * Validates `options` and resolves them. `forClient`: the events are the client's own (bound transactions
 * forward to the ORM instance's hub instead).
 */
export function setUpAdapter(identity: object, options: AdapterOptions, forClient: boolean): AdapterSetup {
  const timeoutMs = validQueryTimeout(options.queryTimeoutMs);
  const shared = sharedQueryEvents(identity);
  const { serverFlavor } = options;
  return {
    identity,
    events: new QueryEvents(options.logger, forClient ? undefined : shared),
    shared,
    serverFlavor,
    timeoutMs,
    serverInfo: (executor) =>
      serverInfoSource(executor, {
        sharedBy: identity,
        ...(serverFlavor !== undefined && { serverFlavor }),
      }),
    onHookError: options.onHookError ?? warnHookError,
  };
}

function warnHookError(error: HookError): void {
  process.emitWarning(error.message, 'MatrixOneHookWarning');
}
