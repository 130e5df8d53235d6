/**
 * Live suite for `client.fulltext` on a real MatrixOne 4.2 (MATRIXONE_URL), on the rows of the live recording
 * (docs/matrixone-facts.md#full-text-search). The FULLTEXT index is synchronous, so nothing here polls.
 * Everything lives in one uniquely named database, dropped in afterAll.
 */
import { randomBytes } from 'node:crypto';
import { InvalidInputError, type PooledClient, createClient } from '@matrixone/core';
import { testServer } from '@matrixone/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp } from './clean-up.js';
import { sqlSentDuring } from './sql-sent.js';

const ROWS: [number, string | null, string | null][] = [
  [1, 'MatrixOne vector search', 'MatrixOne supports vector search with IVFFLAT and HNSW indexes'],
  [2, 'Full text search', 'Full text search uses an inverted index and BM25 or TF-IDF scoring'],
  [3, 'Loading data', 'LOAD DATA reads CSV and JSONLINE files from a stage or a local path'],
  [4, 'Snapshots', 'Snapshots and PITR protect data; restore a database from a snapshot'],
  [5, 'Red car', 'The red car is fast; the blue car is slow'],
  [7, null, 'search search search everywhere'],
  [8, 'empty body', null],
];

describe.skipIf(testServer().flavor !== 'matrixone')('full-text search on MatrixOne (live)', () => {
  const database = `h7_ft_${randomBytes(4).toString('hex')}`;
  const docs = { database, table: 'docs' };
  const ng = { database, table: 'docs_ng' };
  let client: PooledClient;
  const ids = (hits: { row: { id: number | string } }[]) =>
    hits.map((hit) => Number(hit.row.id)).sort((a, b) => a - b);

  beforeAll(async () => {
    client = createClient(testServer().url);
    await client.execute(`CREATE DATABASE \`${database}\``);
    await client.execute(
      `CREATE TABLE \`${database}\`.docs (id BIGINT PRIMARY KEY, title VARCHAR(200), body TEXT)`,
    );
    for (const row of ROWS) await client.execute(`INSERT INTO \`${database}\`.docs VALUES (?, ?, ?)`, row);
    await client.execute(`CREATE TABLE \`${database}\`.docs_ng (id BIGINT PRIMARY KEY, body TEXT)`);
    await client.execute(`INSERT INTO \`${database}\`.docs_ng VALUES (?, ?), (?, ?)`, [
      1,
      '全文检索支持中文分词',
      3,
      '向量检索和全文检索',
    ]);
  });

  afterAll(async () => {
    await cleanUp([() => client.execute(`DROP DATABASE IF EXISTS \`${database}\``), () => client.close()]);
  });

  it('creates an index on (title, body), lists it, and refuses the same column set again before sending', async () => {
    expect(
      await client.fulltext.createIndex({ name: 'docs_ft', table: docs, columns: ['title', 'body'] }),
    ).toEqual({
      name: 'docs_ft',
      columns: ['title', 'body'],
      parser: undefined,
    });
    const sent = await sqlSentDuring(client, async () => {
      await expect(
        client.fulltext.createIndex({ name: 'docs_ft2', table: docs, columns: ['body', 'title'] }),
      ).rejects.toBeInstanceOf(InvalidInputError);
    });
    expect(sent.some((sql) => sql.startsWith('CREATE'))).toBe(false);
  });

  it('searches in natural-language and boolean mode, best score first', async () => {
    const hits = await client.fulltext.search<{ id: number }>({
      table: docs,
      columns: ['body', 'title'],
      query: 'search',
      select: ['id'],
    });
    expect(ids(hits)).toEqual([1, 2, 7]);
    expect(hits[0]?.row.id).toBe(7);
    const scores = hits.map((hit) => hit.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const both = await client.fulltext.search<{ id: number }>({
      table: docs,
      columns: ['title', 'body'],
      query: '+red +blue',
      mode: 'boolean',
      select: ['id'],
    });
    expect(ids(both)).toEqual([5]);
  });

  it('a multi-word natural-language query acts as a phrase (observed on MatrixOne 4.2.0)', async () => {
    const phrase = await client.fulltext.search({
      table: docs,
      columns: ['title', 'body'],
      query: 'red blue',
      select: ['id'],
    });
    expect(phrase).toEqual([]);
  });

  it('BM25 scores differ from TF-IDF, and the session is set back after', async () => {
    const query = { table: docs, columns: ['title', 'body'], query: 'search', select: ['id'] } as const;
    const tfidf = await client.fulltext.search(query);
    let bm25: { score: number }[] = [];
    const sent = await sqlSentDuring(client, async () => {
      bm25 = await client.fulltext.search({ ...query, relevancy: 'BM25' });
    });
    expect(bm25.map((hit) => hit.score)).not.toEqual(tfidf.map((hit) => hit.score));
    // Set for the search on its connection, then back to the server default (`TF-IDF` on MatrixOne 4.2.0).
    expect(sent.filter((sql) => sql.startsWith('SET ft_relevancy_algorithm'))).toEqual([
      "SET ft_relevancy_algorithm = 'BM25'",
      "SET ft_relevancy_algorithm = 'TF-IDF'",
    ]);
  });

  it('filters with AND, and sees uncommitted rows in its own transaction', async () => {
    const filtered = await client.fulltext.search<{ id: number }>({
      table: docs,
      columns: ['title', 'body'],
      query: 'search',
      select: ['id'],
      where: { id: 2 },
    });
    expect(ids(filtered)).toEqual([2]);
    await expect(
      client.transaction(async (tx) => {
        await tx.execute(`INSERT INTO \`${database}\`.docs VALUES (?, ?, ?)`, [
          9,
          'late row',
          'zebra giraffe',
        ]);
        const hits = await tx.fulltext.search<{ id: number }>({
          table: docs,
          columns: ['title', 'body'],
          query: 'zebra',
          select: ['id'],
        });
        expect(ids(hits)).toEqual([9]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
  });

  it('an ngram index finds CJK words; drop removes it', async () => {
    await client.fulltext.createIndex({ name: 'docs_ng_ft', table: ng, columns: ['body'], parser: 'ngram' });
    expect((await client.fulltext.listIndexes(ng))[0]?.parser).toBe('ngram');
    const hits = await client.fulltext.search<{ id: number }>({
      table: ng,
      columns: ['body'],
      query: '全文检索',
      select: ['id'],
    });
    expect(ids(hits)).toEqual([1, 3]);
    await client.fulltext.dropIndex(ng, 'docs_ng_ft');
    expect(await client.fulltext.listIndexes(ng)).toEqual([]);
    await client.fulltext.dropIndex(ng, 'docs_ng_ft', { ifExists: true });
  });
});
