import type { Executor } from '../connection/executor.js';
import type { ServerInfo } from '../server/server-info.js';

/** What every manager works with: an executor and the server it talks to. */
export interface ManagerContext {
  /** Runs the manager's statements: the pool on a client, the transaction's connection on `tx`. */
  readonly executor: Executor;
  /** The detected (cached) server; may run `SELECT version()` the first time. */
  serverInfo(): Promise<ServerInfo>;
}
