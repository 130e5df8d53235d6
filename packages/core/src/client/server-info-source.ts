import type { Executor } from '../connection/executor.js';
import { type ServerFlavor, type ServerInfo, parseServerVersion } from '../server/server-info.js';

/**
 * Detects the server once: `SELECT version()` on the first call, the same answer afterwards (a failed
 * detection is retried on the next call). With `forcedFlavor` no statement is sent: the flavor comes from
 * configuration and the version is unknown (`versionString` is `forced`), for proxies that hide the version.
 */
export function serverInfoSource(executor: Executor, forcedFlavor?: ServerFlavor): () => Promise<ServerInfo> {
  if (forcedFlavor !== undefined) {
    const forced: ServerInfo = { flavor: forcedFlavor, version: undefined, versionString: 'forced' };
    return () => Promise.resolve(forced);
  }
  let detected: Promise<ServerInfo> | undefined;
  return () => {
    detected ??= detect(executor).catch((error: unknown) => {
      detected = undefined;
      throw error;
    });
    return detected;
  };
}

async function detect(executor: Executor): Promise<ServerInfo> {
  const { rows } = await executor.run<{ version: unknown }>({ sql: 'SELECT version() AS version' });
  return parseServerVersion(String(rows[0]?.version ?? ''));
}
