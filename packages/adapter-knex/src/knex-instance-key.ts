import type { Knex } from 'knex';

/**
 * What a Knex instance's client and transactions share their detected server and query events by: the
 * configuration object, which a Knex instance and every transaction of it have in common.
 */
export function knexInstanceKey(knexOrTrx: Knex | Knex.Transaction): object {
  return knexOrTrx.client.config;
}
