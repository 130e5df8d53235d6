/**
 * Drizzle, semantic search: a table whose `embedding` column is the adapter's `vector` type (arrays in and out),
 * the nearest documents by a Drizzle query ordered with the adapter's `vectorDistance`, and the shared scenario's
 * index, searches, full-text and snapshot + clone through the adapter's client (scenarios/semantic-search.ts).
 */
import { matrixone, vector, vectorDistance } from '@matrixone/adapter-drizzle';
import { eq } from 'drizzle-orm';
import { bigint, mysqlTable, text, varchar } from 'drizzle-orm/mysql-core';
import { drizzle } from 'drizzle-orm/mysql2';
import { createPool } from 'mysql2';
import { DIMENSION, semanticSearchExample } from '../scenarios/semantic-search.js';
import { runIfMain } from '../support/example.js';
import { connectionSettings } from '../support/server.js';

const docs = mysqlTable('docs', {
  id: bigint('id', { mode: 'number' }).primaryKey(),
  topic: varchar('topic', { length: 20 }),
  title: varchar('title', { length: 100 }),
  body: text('body'),
  embedding: vector('embedding', { dimension: DIMENSION }),
});

/** The semantic-search example on Drizzle. */
export const drizzleSemanticSearch = semanticSearchExample('Drizzle', async (url, database) => {
  const pool = createPool({ ...connectionSettings(url, database), connectionLimit: 5 });
  const db = drizzle(pool);
  const client = matrixone(db);
  return {
    mo: client,
    async insert(rows) {
      await db.insert(docs).values(rows.map((row) => ({ ...row })));
    },
    async embeddingOf(id) {
      const [row] = await db.select({ embedding: docs.embedding }).from(docs).where(eq(docs.id, id));
      return row?.embedding ?? [];
    },
    async nearest(query, k) {
      const rows = await db
        .select({ id: docs.id })
        .from(docs)
        .orderBy(vectorDistance(docs.embedding, 'cosine', query))
        .limit(k);
      return rows.map((row) => row.id);
    },
    async close() {
      await client.close();
      await pool.promise().end();
    },
  };
});

await runIfMain(import.meta.url, drizzleSemanticSearch);
