/**
 * Issue 17 §2 and issue 18 §5 through TypeORM on a real MatrixOne (skipped elsewhere): a VECF32 column (created
 * with SQL: TypeORM's mysql driver has no vector type) read and written as arrays through core's
 * `vectorTransformer`, a query builder ordered by `l2_distance`, an IVF-flat index (new rows visible at once, so
 * nothing waits), `mo.vectors.search` and `mo.fulltext.search` inside a TypeORM transaction, and LOAD DATA LOCAL
 * from a client stream (accepted by MatrixOne 4.2.0).
 */
import { NEAREST_FIRST, QUERY_VECTOR, STAND_IN_DOCS, csvStream } from '@matrixone/adapter-test-suite';
import { type MatrixOneTypeOrmClient, matrixone } from '@matrixone/adapter-typeorm';
import { distanceCall, vectorTransformer } from '@matrixone/core';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import { DataSource, EntitySchema } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const db = useTestDatabase();

interface Doc {
  id: string;
  title: string;
  embedding: number[];
}

const DocSchema = new EntitySchema<Doc>({
  name: 'Doc',
  tableName: 'docs',
  columns: {
    id: { type: 'bigint', primary: true },
    title: { type: 'varchar', length: 50 },
    embedding: { type: 'text', transformer: vectorTransformer({ dimension: 3 }) },
  },
});

describe.skipIf(testServer().flavor !== 'matrixone')(
  'TypeORM vectors, full-text and loading on MatrixOne',
  () => {
    let dataSource: DataSource;
    let client: MatrixOneTypeOrmClient;

    beforeAll(async () => {
      await db.inspect.query(
        'CREATE TABLE docs (id BIGINT PRIMARY KEY, title VARCHAR(50), embedding VECF32(3))',
      );
      await db.inspect.query('CREATE TABLE loaded (id INT PRIMARY KEY, name VARCHAR(40))');
      dataSource = await new DataSource({ type: 'mysql', url: db.url, entities: [DocSchema] }).initialize();
      client = matrixone(dataSource);
      await dataSource
        .getRepository(DocSchema)
        .insert(STAND_IN_DOCS.map((doc) => ({ ...doc, id: String(doc.id) })));
    });
    afterAll(async () => {
      await dataSource.destroy();
    });

    it('reads the vectors back as arrays', async () => {
      const docs = await dataSource.getRepository(DocSchema).find({ order: { id: 'ASC' } });
      expect(docs.map((doc) => doc.embedding)).toEqual(
        [...STAND_IN_DOCS].sort((a, b) => a.id - b.id).map((doc) => doc.embedding),
      );
    });

    it('orders a query builder by l2_distance', async () => {
      const distance = distanceCall('l2', QUERY_VECTOR);
      const rows = await dataSource
        .getRepository(DocSchema)
        .createQueryBuilder('doc')
        .select('doc.id', 'id')
        .orderBy(`${distance.functionName}(doc.embedding, :query)`, 'ASC')
        .setParameter('query', distance.vector)
        .getRawMany<{ id: string }>();
      expect(rows.map((row) => Number(row.id))).toEqual(NEAREST_FIRST);
    });

    it('searches through an IVF-flat index and full-text from mo inside a TypeORM transaction', async () => {
      await client.vectors.createIndex({
        name: 'docs_ivf',
        table: { table: 'docs' },
        column: 'embedding',
        algorithm: 'ivfflat',
        lists: 1,
      });
      await client.fulltext.createIndex({ name: 'docs_ft', table: { table: 'docs' }, columns: ['title'] });
      await client.transaction(async ({ manager, mo }) => {
        await manager
          .getRepository(DocSchema)
          .insert({ id: '5', title: 'fresh nearest', embedding: [...QUERY_VECTOR] });
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

    it('loads a client stream through the client and through mo in a TypeORM transaction', async () => {
      expect((await client.loading.load('loaded', { stream: csvStream(100) })).rowsLoaded).toBe(100);
      await dataSource.transaction(async (manager) => {
        await matrixone(manager).loading.load('loaded', { stream: csvStream(10, 1001) });
      });
      expect(Number((await dataSource.query('SELECT COUNT(*) AS n FROM loaded'))[0]?.n)).toBe(110);
    });
  },
);
