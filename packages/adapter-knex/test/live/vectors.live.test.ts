import { NEAREST_FIRST, QUERY_VECTOR, STAND_IN_DOCS, csvStream } from '@matrixone/adapter-test-suite';
/**
 * Issue 17 §2 and issue 18 §5 through Knex on a real MatrixOne (skipped elsewhere): a VECF32 column declared with
 * `vectorColumn`, arrays written and read back, `vectorDistance` ordering a Knex query, an IVF-flat index (new rows
 * visible at once, so nothing waits), `mo.vectors.search` and `mo.fulltext.search` inside a Knex transaction, and
 * LOAD DATA LOCAL from a client stream (accepted by MatrixOne 4.2.0, docs/matrixone-facts.md#load-data).
 */
import { vectorTransformer } from '@matrixone/core';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MatrixOneKnexClient, matrixone, vectorColumn, vectorDistance } from '../../src/index.js';
import { openKnex } from '../support/open-knex.js';

const db = useTestDatabase();
const embedding = vectorTransformer({ dimension: 3 });

describe.skipIf(testServer().flavor !== 'matrixone')(
  'Knex vectors, full-text and loading on MatrixOne',
  () => {
    let knex: Knex;
    let client: MatrixOneKnexClient;

    beforeAll(async () => {
      knex = openKnex(db.url);
      client = matrixone(knex);
      await knex.schema.createTable('docs', (table) => {
        table.bigInteger('id').primary();
        table.string('title', 50);
        vectorColumn(table, 'embedding', { dimension: 3 });
      });
      await knex('docs').insert(
        STAND_IN_DOCS.map((doc) => ({ ...doc, embedding: embedding.to(doc.embedding) })),
      );
      await knex.raw('CREATE TABLE loaded (id INT PRIMARY KEY, name VARCHAR(40))');
    });
    afterAll(async () => {
      await client.close();
      await knex.destroy();
    });

    it('reads the vectors back as arrays, and DESC shows the declared type', async () => {
      const rows = await knex('docs').select('id', 'embedding').orderBy('id');
      expect(rows.map((row) => embedding.from(row.embedding))).toEqual(
        [...STAND_IN_DOCS].sort((a, b) => a.id - b.id).map((doc) => doc.embedding),
      );
      expect(await client.vectors.describeColumn({ table: 'docs' }, 'embedding')).toMatchObject({
        dimension: 3,
      });
    });

    it('orders a Knex query by l2_distance', async () => {
      const rows = await knex('docs')
        .select('id')
        .orderByRaw(vectorDistance(knex, 'l2', 'embedding', QUERY_VECTOR));
      expect(rows.map((row: { id: number }) => Number(row.id))).toEqual(NEAREST_FIRST);
    });

    it('searches through an IVF-flat index and full-text from mo inside a Knex transaction', async () => {
      await client.vectors.createIndex({
        name: 'docs_ivf',
        table: { table: 'docs' },
        column: 'embedding',
        algorithm: 'ivfflat',
        lists: 1,
      });
      await client.fulltext.createIndex({ name: 'docs_ft', table: { table: 'docs' }, columns: ['title'] });
      await client.transaction(async ({ trx, mo }) => {
        await trx('docs').insert({
          id: 5,
          title: 'fresh nearest',
          embedding: embedding.to([...QUERY_VECTOR]),
        });
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

    it('loads a client stream through the client and through mo in a Knex transaction', async () => {
      expect((await client.loading.load('loaded', { stream: csvStream(100) })).rowsLoaded).toBe(100);
      await knex.transaction(async (trx) => {
        await matrixone(trx).loading.load('loaded', { stream: csvStream(10, 1001) });
      });
      expect(Number((await knex('loaded').count({ n: '*' }))[0]?.n)).toBe(110);
    });
  },
);
