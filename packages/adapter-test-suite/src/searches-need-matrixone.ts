/**
 * The check each adapter's vector test makes on the test server (MariaDB): core's vector and full-text searches are
 * reached from the adapter's client and from the `mo` of its transactions, and refuse a server that is not MatrixOne.
 */
import { type MatrixOneClient, type Transaction, UnsupportedServerError } from '@matrixone/core';
import { expect } from 'vitest';
import { QUERY_VECTOR } from './vector-stand-in.js';

/** What the check needs of an adapter's client: its `vectors`, and a transaction handing out `mo`. */
export interface SearchingClient {
  readonly vectors: MatrixOneClient['vectors'];
  transaction(fn: (context: { readonly mo: Transaction }) => Promise<void>): Promise<unknown>;
}

/**
 * Asserts that `client.vectors.search` on table `docs` (column `embedding`) and `mo.fulltext.search` (column
 * `title`) in a transaction of the client both fail with `UnsupportedServerError`.
 */
export async function expectSearchesNeedMatrixOne(client: SearchingClient): Promise<void> {
  await expect(
    client.vectors.search({ table: { table: 'docs' }, column: 'embedding', vector: [...QUERY_VECTOR], k: 2 }),
  ).rejects.toBeInstanceOf(UnsupportedServerError);
  await client.transaction(async ({ mo }) => {
    await expect(
      mo.fulltext.search({ table: { table: 'docs' }, columns: ['title'], query: 'near' }),
    ).rejects.toBeInstanceOf(UnsupportedServerError);
  });
}
