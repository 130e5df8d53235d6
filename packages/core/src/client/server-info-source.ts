import type { Executor } from '../connection/executor.js';
import { toMatrixOneError } from '../errors/map-driver-error.js';
import { type ServerFlavor, type ServerInfo, parseServerVersion } from '../server/server-info.js';

/** Options of {@link serverInfoSource}. */
export interface ServerInfoSourceOptions {
  /**
   * Forces the server flavor: no statement is sent and the version is unknown (`versionString` is `forced`),
   * for proxies that hide the version.
   */
  readonly serverFlavor?: ServerFlavor;
  /**
   * An object that stands for the database, such as the ORM instance: sources given the same object share the
   * first answer any of them read, so the server is asked once per ORM instance. Only answers are shared, never
   * a detection still running on another source's connection, so a transaction never waits for a statement
   * queued on someone else's connection.
   */
  readonly sharedBy?: object;
}

/** Answers read by sources created with `sharedBy`, per that object. */
const sharedAnswers = new WeakMap<object, ServerInfo>();

/**
 * A `serverInfo` function over `executor`: `SELECT version()` on the first call and the same answer afterwards
 * (a failed detection is retried on the next call). Adapters pass the executor of the transaction they bind, so
 * detection runs on the transaction's own connection and cannot wait for a second pooled connection that a
 * pool of one never hands out.
 *
 * @example
 * const serverInfo = serverInfoSource(executorOverOrmTransaction, { sharedBy: dataSource });
 * const bound = bindTransaction(executorOverOrmTransaction, { serverInfo });
 */
export function serverInfoSource(
  executor: Executor,
  options: ServerInfoSourceOptions = {},
): () => Promise<ServerInfo> {
  const { serverFlavor, sharedBy } = options;
  if (serverFlavor !== undefined) {
    const forced: ServerInfo = { flavor: serverFlavor, version: undefined, versionString: 'forced' };
    return () => Promise.resolve(forced);
  }
  let detected: Promise<ServerInfo> | undefined;
  return () => {
    const known = sharedBy && sharedAnswers.get(sharedBy);
    if (known) return Promise.resolve(known);
    detected ??= detect(executor).then(
      (info) => {
        if (sharedBy) sharedAnswers.set(sharedBy, info);
        return info;
      },
      (error: unknown) => {
        detected = undefined;
        throw error;
      },
    );
    return detected;
  };
}

const VERSION_QUERY = { sql: 'SELECT version() AS version' } as const;

/** Reads the version; a failure comes back as the SDK's typed error, whichever executor ran it. */
async function detect(executor: Executor): Promise<ServerInfo> {
  try {
    const { rows } = await executor.run<{ version: unknown }>(VERSION_QUERY);
    return parseServerVersion(String(rows[0]?.version ?? ''));
  } catch (error) {
    throw toMatrixOneError(error, VERSION_QUERY);
  }
}
