/**
 * Query events shared by everything the SDK does on one DataSource. A transaction bound with
 * `matrixone(manager)` does not know which client the application built; its events go to the DataSource's
 * hub, and every open client of that DataSource passes them on to its own `on('query')` listeners.
 */
import { QueryEvents } from '@matrixone/core';
import type { DataSource } from 'typeorm';

const hubs = new WeakMap<DataSource, QueryEvents>();

/** The hub of `dataSource`: emit into it (or forward to it) to reach every open client of the DataSource. */
export function dataSourceEvents(dataSource: DataSource): QueryEvents {
  let hub = hubs.get(dataSource);
  if (!hub) {
    hub = new QueryEvents();
    hubs.set(dataSource, hub);
  }
  return hub;
}
