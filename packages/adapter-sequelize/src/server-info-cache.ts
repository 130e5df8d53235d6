import type { ServerInfo } from '@matrixone/core';
import type { Sequelize } from 'sequelize';

const detectedBySequelize = new WeakMap<Sequelize, Promise<ServerInfo>>();

/**
 * The server behind `sequelize`, detected once per Sequelize instance by `detect` and shared by its client and
 * every transaction bound on it. A transaction passes a `detect` that runs on its own connection, so reading
 * the version never waits for a second pooled connection (with a pool of one, that would never come).
 * A failed detection is forgotten, so the next call tries again.
 */
export function sharedServerInfo(
  sequelize: Sequelize,
  detect: () => Promise<ServerInfo>,
): Promise<ServerInfo> {
  const known = detectedBySequelize.get(sequelize);
  if (known) return known;
  const detection = detect();
  detectedBySequelize.set(sequelize, detection);
  detection.catch(() => {
    if (detectedBySequelize.get(sequelize) === detection) detectedBySequelize.delete(sequelize);
  });
  return detection;
}
