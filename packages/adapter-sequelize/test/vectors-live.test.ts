/**
 * Issue 17 §2 and issue 18 §5 through Sequelize on a real MatrixOne (skipped elsewhere): a VECF32 column created
 * by `sync()` from `vectorType`, arrays written and read back, `findAll` ordered by a distance, an IVF-flat
 * index (new rows visible at once, so nothing waits), `mo.vectors.search` and `mo.fulltext.search` inside a
 * Sequelize transaction, and LOAD DATA LOCAL from a client stream (accepted by MatrixOne 4.2.0).
 */
import { NEAREST_FIRST, QUERY_VECTOR, STAND_IN_DOCS, csvStream } from '@matrixone/adapter-test-suite';
import { distanceCall } from '@matrixone/core';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import { DataTypes, Model, type Sequelize, col, fn } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MatrixOneSequelizeClient, matrixone, vectorType } from '../src/index.js';
import { openSequelize } from './open-sequelize.js';

const db = useTestDatabase();

class Doc extends Model {
  declare id: number;
  declare title: string;
  declare embedding: number[];
}

describe.skipIf(testServer().flavor !== 'matrixone')(
  'Sequelize vectors, full-text and loading on MatrixOne',
  () => {
    let sequelize: Sequelize;
    let client: MatrixOneSequelizeClient;

    beforeAll(async () => {
      sequelize = openSequelize(db.url, 2);
      client = matrixone(sequelize);
      Doc.init(
        {
          id: { type: DataTypes.BIGINT, primaryKey: true },
          title: DataTypes.STRING(50),
          embedding: vectorType({ dimension: 3 }),
        },
        { sequelize, tableName: 'docs', timestamps: false },
      );
      // A first sync on an empty database is what MatrixOne 4.2.0 accepted (docs/matrixone-facts.md).
      await Doc.sync();
      await Doc.bulkCreate(STAND_IN_DOCS.map((doc) => ({ ...doc })));
      await sequelize.query('CREATE TABLE loaded (id INT PRIMARY KEY, name VARCHAR(40))');
    });
    afterAll(async () => {
      await sequelize.close();
    });

    it('creates the column as VECF32(3) and reads the vectors back as arrays', async () => {
      expect(await client.vectors.describeColumn({ table: 'docs' }, 'embedding')).toMatchObject({
        dimension: 3,
      });
      const docs = await Doc.findAll({ order: [['id', 'ASC']] });
      expect(docs.map((doc) => doc.embedding)).toEqual(
        [...STAND_IN_DOCS].sort((a, b) => a.id - b.id).map((doc) => doc.embedding),
      );
    });

    it('orders findAll by l2_distance', async () => {
      const d = distanceCall('l2', QUERY_VECTOR);
      const docs = await Doc.findAll({ order: [[fn(d.functionName, col('embedding'), d.vector), 'ASC']] });
      expect(docs.map((doc) => Number(doc.id))).toEqual(NEAREST_FIRST);
    });

    it('searches through an IVF-flat index and full-text from mo inside a Sequelize transaction', async () => {
      await client.vectors.createIndex({
        name: 'docs_ivf',
        table: { table: 'docs' },
        column: 'embedding',
        algorithm: 'ivfflat',
        lists: 1,
      });
      await client.fulltext.createIndex({ name: 'docs_ft', table: { table: 'docs' }, columns: ['title'] });
      await client.transaction(async ({ t, mo }) => {
        await Doc.create({ id: 5, title: 'fresh nearest', embedding: [...QUERY_VECTOR] }, { transaction: t });
        const hits = await mo.vectors.search<{ id: number }>({
          table: { table: 'docs' },
          column: 'embedding',
          vector: [...QUERY_VECTOR],
          k: 2,
          columns: ['id'],
        });
        expect(hits.map((hit) => Number(hit.row.id))).toEqual([5, 1]);
        const found = await mo.fulltext.search<{ id: number }>({
          table: { table: 'docs' },
          columns: ['title'],
          query: 'farthest',
          select: ['id'],
        });
        expect(found.map((hit) => Number(hit.row.id))).toEqual([4]);
      });
    });

    it('loads a client stream through the client and through mo in a Sequelize transaction', async () => {
      expect((await client.loading.load('loaded', { stream: csvStream(100) })).rowsLoaded).toBe(100);
      await sequelize.transaction(async (t) => {
        await matrixone(t).loading.load('loaded', { stream: csvStream(10, 1001) });
      });
      const [[row]] = (await sequelize.query('SELECT COUNT(*) AS n FROM loaded')) as [
        { n: number }[],
        unknown,
      ];
      expect(Number(row?.n)).toBe(110);
    });
  },
);
