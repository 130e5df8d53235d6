import { QueryEvents } from '../events/query-events.js';

const hubs = new WeakMap<object, QueryEvents>();

/**
 * The query events of an ORM instance, created on first use. A transaction an adapter binds outside any client
 * (`matrixone(ormTransaction)`) reports to it; every open client of the same instance passes those events on
 * to its own listeners (the `forwardFrom` option of {@link AdapterClient}).
 *
 * @example
 * const bound = bindTransaction(executor, { serverInfo, events: sharedQueryEvents(sequelize) });
 */
export function sharedQueryEvents(owner: object): QueryEvents {
  let hub = hubs.get(owner);
  if (!hub) {
    hub = new QueryEvents();
    hubs.set(owner, hub);
  }
  return hub;
}
