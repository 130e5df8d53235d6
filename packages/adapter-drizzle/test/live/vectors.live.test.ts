/**
 * Issue 17 §2 and issue 18 §5 through Drizzle on a real MatrixOne (skipped elsewhere): a VECF32 column through the
 * `vector` type, arrays written and read back, `vectorDistance` ordering a Drizzle query, an IVF-flat index (new
 * rows visible at once, so nothing waits), `mo.vectors.search` and `mo.fulltext.search` inside a Drizzle
 * transaction, and LOAD DATA LOCAL from a client stream (accepted by MatrixOne 4.2.0).
 */
import { NEAREST_FIRST, QUERY_VECTOR, STAND_IN_DOCS, csvStream } from '@matrixone/adapter-test-suite';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import { sql } from 'drizzle-orm';
import { bigint, int, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import type { Pool } from 'mysql2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MatrixOneDrizzleClient, matrixone, vector, vectorDistance } from '../../src/index.js';
import { endPool, openDrizzle } from '../support/open-drizzle.js';

const db = useTestDatabase();
const docs = mysqlTable('docs', {
  id: bigint('id', { mode: 'number' }).primaryKey(),
  title: varchar('title', { length: 50 }),
  embedding: vector('embedding', { dimension: 3 }),
});
const loaded = mysqlTable('loaded', { id: int('id').primaryKey(), name: varchar('name', { length: 40 }) });

describe.skipIf(testServer().flavor !== 'matrixone')(
  'Drizzle vectors, full-text and loading on MatrixOne',
  () => {
    let orm: MySql2Database;
    let pool: Pool;
    let client: MatrixOneDrizzleClient;

    beforeAll(async () => {
      ({ db: orm, pool } = openDrizzle(db.url));
      client = matrixone(orm);
      // The SQL drizzle-kit writes for the table above.
      await orm.execute(
        sql.raw('CREATE TABLE `docs` (`id` bigint PRIMARY KEY, `title` varchar(50), `embedding` vecf32(3))'),
      );
      await orm.execute(sql.raw('CREATE TABLE `loaded` (`id` int PRIMARY KEY, `name` varchar(40))'));
      await orm.insert(docs).values(STAND_IN_DOCS.map((doc) => ({ ...doc })));
    });
    afterAll(async () => {
      await client.close();
      await endPool(pool);
    });

    it('reads the vectors back as arrays', async () => {
      const rows = await orm.select({ embedding: docs.embedding }).from(docs).orderBy(docs.id);
      expect(rows.map((row) => row.embedding)).toEqual(
        [...STAND_IN_DOCS].sort((a, b) => a.id - b.id).map((doc) => doc.embedding),
      );
    });

    it('orders a Drizzle query by l2_distance', async () => {
      const rows = await orm
        .select({ id: docs.id, distance: vectorDistance(docs.embedding, 'l2', QUERY_VECTOR) })
        .from(docs)
        .orderBy(vectorDistance(docs.embedding, 'l2', QUERY_VECTOR));
      expect(rows.map((row) => Number(row.id))).toEqual(NEAREST_FIRST);
      expect(rows[0]?.distance).toBeCloseTo(0.25);
    });

    it('searches through an IVF-flat index and full-text from mo inside a Drizzle transaction', async () => {
      await client.vectors.createIndex({
        name: 'docs_ivf',
        table: { table: 'docs' },
        column: 'embedding',
        algorithm: 'ivfflat',
        lists: 1,
      });
      await client.fulltext.createIndex({ name: 'docs_ft', table: { table: 'docs' }, columns: ['title'] });
      await client.transaction(async ({ tx, mo }) => {
        await tx.insert(docs).values({ id: 5, title: 'fresh nearest', embedding: [...QUERY_VECTOR] });
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

    it('loads a client stream through the client and through mo in a Drizzle transaction', async () => {
      expect((await client.loading.load('loaded', { stream: csvStream(100) })).rowsLoaded).toBe(100);
      await orm.transaction(async (tx) => {
        await matrixone(tx).loading.load('loaded', { stream: csvStream(10, 1001) });
      });
      const [row] = await orm.select({ n: sql<number>`COUNT(*)` }).from(loaded);
      expect(Number(row?.n)).toBe(110);
    });
  },
);
