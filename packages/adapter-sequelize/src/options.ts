import type { QueryLogger, ServerFlavor } from '@matrixone/core';
import type { QueryEvents } from '@matrixone/core/adapter';

/** Options of `matrixone(sequelizeOrTransaction, options)`. */
export interface MatrixOneSequelizeOptions {
  /**
   * Forces the server flavor instead of reading `SELECT version()` (for proxies that hide the version).
   * Detected once per Sequelize instance when omitted.
   */
  readonly serverFlavor?: ServerFlavor;
  /** Called with every statement the SDK runs (SQL with placeholders, never the bound values). */
  readonly logger?: QueryLogger;
  /**
   * Timeout for each statement the SDK sends through Sequelize (client and bound transactions), in
   * milliseconds; the connection is closed (not reused, its transaction rolled back by the server) when it
   * fires, and the statement fails with `TimeoutError`. Default none. Row streams (`client.stream`) have no limit.
   */
  readonly queryTimeoutMs?: number;
  /**
   * Event listeners to report statements to; the client passes its own so that statements of bound
   * transactions reach `client.on('query')` listeners. A new set by default.
   */
  readonly events?: QueryEvents;
}
