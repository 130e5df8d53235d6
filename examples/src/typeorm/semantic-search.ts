/**
 * TypeORM, semantic search: an entity whose `embedding` column uses core's `vectorTransformer` as its
 * ValueTransformer (arrays in and out), the nearest documents by a query builder ordered by core's `distanceCall`
 * (the vector a parameter), and the shared scenario's index, searches, full-text and snapshot + clone through the
 * adapter's client (scenarios/semantic-search.ts).
 */
import 'reflect-metadata';
import { matrixone } from '@matrixone/adapter-typeorm';
import { distanceCall, vectorTransformer } from '@matrixone/core';
import { DataSource, EntitySchema } from 'typeorm';
import { DIMENSION, type EmbeddedDoc, semanticSearchExample } from '../scenarios/semantic-search.js';
import { runIfMain } from '../support/example.js';
import { connectionSettings } from '../support/server.js';

const DocSchema = new EntitySchema<EmbeddedDoc>({
  name: 'Doc',
  tableName: 'docs',
  columns: {
    id: { type: 'bigint', primary: true },
    topic: { type: 'varchar', length: 20 },
    title: { type: 'varchar', length: 100 },
    body: { type: 'text' },
    // The table is created with SQL (VECF32 on MatrixOne): TypeORM only passes the text through the transformer.
    embedding: { type: 'text', transformer: vectorTransformer({ dimension: DIMENSION }) },
  },
});

/** The semantic-search example on TypeORM. */
export const typeormSemanticSearch = semanticSearchExample('TypeORM', async (url, database) => {
  const settings = connectionSettings(url, database);
  const dataSource = await new DataSource({
    type: 'mysql',
    host: settings.host,
    port: settings.port,
    username: settings.user,
    password: settings.password,
    database,
    entities: [DocSchema],
    poolSize: 5,
  }).initialize();
  const client = matrixone(dataSource);
  const docs = dataSource.getRepository(DocSchema);
  return {
    mo: client,
    async insert(rows) {
      await docs.insert(rows.map((row) => ({ ...row })));
    },
    async embeddingOf(id) {
      return (await docs.findOneBy({ id }))?.embedding ?? [];
    },
    async nearest(query, k) {
      const distance = distanceCall('cosine', query);
      const rows = await docs
        .createQueryBuilder('doc')
        .select('doc.id', 'id')
        .orderBy(`${distance.functionName}(doc.embedding, :query)`, 'ASC')
        .setParameter('query', distance.vector)
        .limit(k)
        .getRawMany<{ id: string }>();
      return rows.map((row) => Number(row.id));
    },
    async close() {
      await client.close();
      await dataSource.destroy();
    },
  };
});

await runIfMain(import.meta.url, typeormSemanticSearch);
