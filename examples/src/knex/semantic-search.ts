/**
 * Knex, semantic search: embeddings written and read through core's `vectorTransformer`, the nearest documents by
 * a Knex query ordered with the adapter's `vectorDistance`, and the shared scenario's index, searches, full-text
 * and snapshot + clone through the adapter's client (scenarios/semantic-search.ts).
 */
import { matrixone, vectorDistance } from '@matrixone/adapter-knex';
import { vectorTransformer } from '@matrixone/core';
import knexFactory from 'knex';
import { DIMENSION, semanticSearchExample } from '../scenarios/semantic-search.js';
import { runIfMain } from '../support/example.js';
import { connectionSettings } from '../support/server.js';

const embedding = vectorTransformer({ dimension: DIMENSION });

/** The semantic-search example on Knex. */
export const knexSemanticSearch = semanticSearchExample('Knex', async (url, database) => {
  const knex = knexFactory({
    client: 'mysql2',
    connection: connectionSettings(url, database),
    pool: { min: 0, max: 5 },
  });
  const client = matrixone(knex);
  return {
    mo: client,
    async insert(docs) {
      await knex('docs').insert(docs.map((doc) => ({ ...doc, embedding: embedding.to(doc.embedding) })));
    },
    async embeddingOf(id) {
      const row = await knex('docs').first('embedding').where({ id });
      return embedding.from(row?.embedding) ?? [];
    },
    async nearest(query, k) {
      const rows = await knex('docs')
        .select('id')
        .orderByRaw(vectorDistance(knex, 'cosine', 'embedding', query))
        .limit(k);
      return rows.map((row: { id: number | string }) => Number(row.id));
    },
    async close() {
      await client.close();
      await knex.destroy();
    },
  };
});

await runIfMain(import.meta.url, knexSemanticSearch);
