/**
 * Sequelize, semantic search: a model whose `embedding` attribute is the adapter's `vectorType` (arrays in and
 * out), the nearest documents by `findAll` ordered by Sequelize's `fn` over core's `distanceCall`, and the shared scenario's
 * index, searches, full-text and snapshot + clone through the adapter's client (scenarios/semantic-search.ts).
 */
import { matrixone, vectorType } from '@matrixone/adapter-sequelize';
import { distanceCall } from '@matrixone/core';
import { DataTypes, Model, Sequelize, col, fn } from 'sequelize';
import { DIMENSION, semanticSearchExample } from '../scenarios/semantic-search.js';
import { runIfMain } from '../support/example.js';
import { connectionSettings } from '../support/server.js';

class Doc extends Model {
  declare id: number;
  declare embedding: number[];
}

/** The semantic-search example on Sequelize. */
export const sequelizeSemanticSearch = semanticSearchExample('Sequelize', async (url, database) => {
  const settings = connectionSettings(url, database);
  const sequelize = new Sequelize({
    dialect: 'mysql',
    host: settings.host,
    port: settings.port,
    username: settings.user,
    password: settings.password,
    database,
    logging: false,
    pool: { max: 5, min: 0 },
  });
  Doc.init(
    {
      id: { type: DataTypes.BIGINT, primaryKey: true },
      topic: DataTypes.STRING(20),
      title: DataTypes.STRING(100),
      body: DataTypes.TEXT,
      embedding: vectorType({ dimension: DIMENSION }),
    },
    { sequelize, tableName: 'docs', timestamps: false },
  );
  const client = matrixone(sequelize);
  return {
    mo: client,
    async insert(docs) {
      await Doc.bulkCreate(docs.map((doc) => ({ ...doc })));
    },
    async embeddingOf(id) {
      return (await Doc.findByPk(id))?.embedding ?? [];
    },
    async nearest(query, k) {
      const d = distanceCall('cosine', query);
      const docs = await Doc.findAll({
        attributes: ['id'],
        order: [[fn(d.functionName, col('embedding'), d.vector), 'ASC']],
        limit: k,
      });
      return docs.map((doc) => Number(doc.id));
    },
    async close() {
      await client.close();
      await sequelize.close();
    },
  };
});

await runIfMain(import.meta.url, sequelizeSemanticSearch);
