/**
 * Which server a DataSource talks to, detected once per DataSource. Detection runs on the executor that asks
 * first, which inside a transaction is the transaction's own connection: asking the pool instead could wait
 * forever for a connection while every pooled one is held by a transaction waiting for the answer.
 */
import { type Executor, type ServerFlavor, type ServerInfo, parseServerVersion } from '@matrixone/core';
import type { DataSource } from 'typeorm';

const detected = new WeakMap<DataSource, ServerInfo>();

/**
 * A `serverInfo` function for the SDK's managers: the forced flavor when one is configured (nothing is sent,
 * the version is unknown), otherwise the DataSource's cached answer, or `SELECT version()` on `executor`.
 */
export function serverInfoFor(
  dataSource: DataSource,
  executor: Executor,
  forcedFlavor?: ServerFlavor,
): () => Promise<ServerInfo> {
  if (forcedFlavor !== undefined) {
    const forced: ServerInfo = { flavor: forcedFlavor, version: undefined, versionString: 'forced' };
    return () => Promise.resolve(forced);
  }
  return async () => {
    const cached = detected.get(dataSource);
    if (cached) return cached;
    const { rows } = await executor.run<{ version: unknown }>({ sql: 'SELECT version() AS version' });
    const info = parseServerVersion(String(rows[0]?.version ?? ''));
    detected.set(dataSource, info);
    return info;
  };
}
