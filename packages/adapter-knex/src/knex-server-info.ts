import { type ServerFlavor, type ServerInfo, parseServerVersion } from '@matrixone/core';
import type { Knex } from 'knex';
import { runRaw } from './run-raw.js';

/** Detected servers, per Knex configuration (a Knex instance and all its transactions share one). */
const detected = new WeakMap<object, Promise<ServerInfo>>();

/**
 * How a transaction bound with `matrixone(trx)` learns the server: the forced flavor, or `SELECT version()`
 * on the transaction's own connection the first time a manager asks, then the same answer for every
 * transaction of the same Knex instance. A failed detection is retried next time.
 */
export function serverInfoFor(trx: Knex.Transaction, forcedFlavor?: ServerFlavor): () => Promise<ServerInfo> {
  if (forcedFlavor !== undefined) {
    const forced: ServerInfo = { flavor: forcedFlavor, version: undefined, versionString: 'forced' };
    return () => Promise.resolve(forced);
  }
  const key: object = trx.client.config;
  return () => {
    const known = detected.get(key);
    if (known) return known;
    const detection = runRaw<{ version: unknown }>(trx, { sql: 'SELECT version() AS version' }).then(
      ({ rows }) => parseServerVersion(String(rows[0]?.version ?? '')),
    );
    detected.set(key, detection);
    detection.catch(() => detected.delete(key));
    return detection;
  };
}
