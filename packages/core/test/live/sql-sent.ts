/**
 * For the live suites' "refused before any SQL" checks: the SQL text of every statement a client ran while an
 * action was in progress, taken from its query events.
 */
import type { PooledClient, QueryEvent } from '@matrixone/core';

/** Runs `action` and returns the SQL of every statement `client` ran meanwhile, in order. */
export async function sqlSentDuring(client: PooledClient, action: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const listener = (event: QueryEvent): void => {
    sent.push(event.sql);
  };
  client.on('query', listener);
  try {
    await action();
  } finally {
    client.off('query', listener);
  }
  return sent;
}
