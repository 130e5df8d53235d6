import knexFactory, { type Knex } from 'knex';

/** A Knex instance (mysql2 dialect) on `url`, with a small pool. */
export function openKnex(url: string, poolSize = 3): Knex {
  return knexFactory({ client: 'mysql2', connection: url, pool: { min: 0, max: poolSize } });
}

/** Connections checked out of a Knex pool right now. */
export function usedConnections(knex: Knex): number {
  const pool: unknown = knex.client.pool;
  if (
    typeof pool !== 'object' ||
    pool === null ||
    typeof (pool as { numUsed?: unknown }).numUsed !== 'function'
  ) {
    throw new Error('the Knex pool does not report its used connections');
  }
  return (pool as { numUsed(): number }).numUsed();
}

/** Every SQL text Knex sends while `fn` runs, in order. */
export async function sqlSentBy(knex: Knex, fn: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const listener = (query: { sql: string }) => sent.push(query.sql);
  knex.on('query', listener);
  try {
    await fn();
  } finally {
    knex.off('query', listener);
  }
  return sent;
}
