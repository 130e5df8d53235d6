import {
  L2_DISTANCE_STAND_IN,
  LOAD_TABLE_SQL,
  NEAREST_FIRST,
  QUERY_VECTOR,
  STAND_IN_DOCS,
  csvStream,
  expectSearchesNeedMatrixOne,
} from '@matrixone/adapter-test-suite';
/**
 * Issue 17 §2 and issue 18 §5 through Knex on the test server: LOAD DATA LOCAL from a client stream through the
 * adapter's client and through `mo` bound to a Knex transaction; vector values written and read as arrays with a
 * TEXT column standing for the vector column, and `vectorDistance` ordering a Knex query (MariaDB computes
 * `l2_distance` with the stand-in function). The rest runs on MatrixOne in test/live/vectors.live.test.ts.
 */
import { InvalidInputError, vectorTransformer } from '@matrixone/core';
import { useTestDatabase } from '@matrixone/test-server';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MatrixOneKnexClient, matrixone, vectorColumn, vectorDistance } from '../src/index.js';
import { openKnex, sqlSentBy } from './support/open-knex.js';

const db = useTestDatabase();
let knex: Knex;
let client: MatrixOneKnexClient;
const embedding = vectorTransformer({ dimension: 3 });

beforeAll(async () => {
  knex = openKnex(db.url);
  client = matrixone(knex);
  await db.inspect.query(LOAD_TABLE_SQL);
  await db.inspect.query(L2_DISTANCE_STAND_IN);
  await db.inspect.query('CREATE TABLE docs (id INT PRIMARY KEY, title VARCHAR(20), embedding TEXT)');
});
afterAll(async () => {
  await client.close();
  await knex.destroy();
});

const count = async () => Number((await knex('loaded').count({ n: '*' }))[0]?.n);

describe('LOAD DATA LOCAL through Knex', () => {
  it("loads a client stream through the client on Knex's pool", async () => {
    const result = await client.loading.load('loaded', { stream: csvStream(500) });
    expect(result).toMatchObject({ rowsLoaded: 500, warnings: 0 });
    expect(await count()).toBe(500);
  });

  it('loads through mo bound to a Knex transaction, and its rollback takes the rows away', async () => {
    const before = await count();
    await expect(
      knex.transaction(async (trx) => {
        const loaded = await matrixone(trx).loading.load('loaded', { stream: csvStream(20, 10_001) });
        expect(loaded.rowsLoaded).toBe(20);
        expect(Number((await trx('loaded').count({ n: '*' }))[0]?.n)).toBe(before + 20);
        throw new Error('undo the load');
      }),
    ).rejects.toThrow('undo the load');
    expect(await count()).toBe(before);
    await client.transaction(async ({ mo }) => {
      await mo.loading.load('loaded', { stream: csvStream(5, 20_001) });
    });
    expect(await count()).toBe(before + 5);
  });
});

describe('vectors through Knex', () => {
  beforeAll(async () => {
    await knex('docs').insert(
      STAND_IN_DOCS.map((doc) => ({ ...doc, embedding: embedding.to(doc.embedding) })),
    );
  });

  it('writes arrays and reads them back as arrays', async () => {
    const rows = await knex('docs').select('id', 'embedding').orderBy('id');
    expect(rows.map((row) => ({ id: row.id, embedding: embedding.from(row.embedding) }))).toEqual(
      [...STAND_IN_DOCS].sort((a, b) => a.id - b.id).map(({ id, embedding }) => ({ id, embedding })),
    );
  });

  it('orders a query by distance, the vector bound and the column quoted by Knex', async () => {
    let rows: { id: number; distance: number }[] = [];
    const sent = await sqlSentBy(knex, async () => {
      rows = await knex('docs')
        .select('id', knex.raw('? AS distance', [vectorDistance(knex, 'l2', 'docs.embedding', QUERY_VECTOR)]))
        .orderByRaw(vectorDistance(knex, 'l2', 'docs.embedding', QUERY_VECTOR, { dimension: 3 }))
        .limit(4);
    });
    expect(sent).toEqual([
      'select `id`, l2_distance(`docs`.`embedding`, ?) AS distance from `docs` order by l2_distance(`docs`.`embedding`, ?) limit ?',
    ]);
    expect(rows.map((row) => row.id)).toEqual(NEAREST_FIRST);
    expect(rows[0]?.distance).toBeCloseTo(0.25);
  });

  it('refuses a vector that is not one before anything is sent', async () => {
    expect(() => vectorDistance(knex, 'l2', 'embedding', [1, Number.NaN, 3])).toThrow(InvalidInputError);
    expect(() => vectorDistance(knex, 'l2', 'embedding', [1, 2], { dimension: 3 })).toThrow(/dimension 3/);
    expect(() => vectorDistance(knex, 'nearest' as never, 'embedding', [1])).toThrow(InvalidInputError);
    expect(() => embedding.to([1, 2, Number.POSITIVE_INFINITY])).toThrow(InvalidInputError);
  });

  it('declares the vector column MatrixOne takes', () => {
    const sql = knex.schema
      .createTable('vectors_ddl', (table) => {
        table.bigInteger('id').primary();
        vectorColumn(table, 'embedding', { dimension: 768 });
        vectorColumn(table, 'precise', { dimension: 3, precision: 'vecf64' });
      })
      .toString();
    expect(sql).toContain('`embedding` vecf32(768)');
    expect(sql).toContain('`precise` vecf64(3)');
  });

  it("reaches core's vector and full-text searches from the adapter's mo (MatrixOne only)", async () => {
    await expectSearchesNeedMatrixOne(client);
  });
});
