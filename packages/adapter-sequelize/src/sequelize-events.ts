/**
 * Query events of transactions bound with `matrixone(t)`, per Sequelize instance: such a binding reports to the
 * instance's hub, and every open client built on that instance passes the events on to its own
 * `on('query')` listeners.
 */
import { QueryEvents } from '@matrixone/core';
import type { Sequelize } from 'sequelize';

const hubs = new WeakMap<Sequelize, QueryEvents>();

/** The event hub of `sequelize`, created on first use. */
export function sequelizeEvents(sequelize: Sequelize): QueryEvents {
  let hub = hubs.get(sequelize);
  if (!hub) {
    hub = new QueryEvents();
    hubs.set(sequelize, hub);
  }
  return hub;
}
