import { type Executor, type ServerFlavor, type ServerInfo, parseServerVersion } from '@matrixone/core';

/**
 * The server behind `executor`: forced by configuration (no statement sent, version unknown), or read with
 * `SELECT version()`, the same detection the core client makes.
 */
export async function detectServer(executor: Executor, forcedFlavor?: ServerFlavor): Promise<ServerInfo> {
  if (forcedFlavor !== undefined)
    return { flavor: forcedFlavor, version: undefined, versionString: 'forced' };
  const { rows } = await executor.run<{ version: unknown }>({ sql: 'SELECT version() AS version' });
  return parseServerVersion(String(rows[0]?.version ?? ''));
}
