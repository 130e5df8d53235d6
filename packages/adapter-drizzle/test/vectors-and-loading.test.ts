/**
 * Issue 17 §2 and issue 18 §5 through Drizzle on the test server: LOAD DATA LOCAL from a client stream through the
 * adapter's client and through `mo` bound to a Drizzle transaction; the `vector` column type writing and reading
 * arrays (a TEXT column stands for it), and `vectorDistance` ordering a Drizzle query (MariaDB computes
 * `l2_distance` with the stand-in function). The rest runs on MatrixOne in test/live/vectors.live.test.ts.
 */
import {
  L2_DISTANCE_STAND_IN,
  LOAD_TABLE_SQL,
  NEAREST_FIRST,
  QUERY_VECTOR,
  STAND_IN_DOCS,
  csvStream,
  expectSearchesNeedMatrixOne,
} from '@matrixone/adapter-test-suite';
import { InvalidInputError } from '@matrixone/core';
import { useTestDatabase } from '@matrixone/test-server';
import { sql } from 'drizzle-orm';
import { int, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import type { Pool } from 'mysql2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MatrixOneDrizzleClient, matrixone, vector, vectorDistance } from '../src/index.js';
import { endPool, openDrizzle } from './support/open-drizzle.js';

const db = useTestDatabase();
let drizzleDb: MySql2Database;
let pool: Pool;
let client: MatrixOneDrizzleClient;

const docs = mysqlTable('docs', {
  id: int('id').primaryKey(),
  title: varchar('title', { length: 20 }),
  embedding: vector('embedding', { dimension: 3 }),
});
const loaded = mysqlTable('loaded', { id: int('id').primaryKey(), name: varchar('name', { length: 40 }) });

beforeAll(async () => {
  ({ db: drizzleDb, pool } = openDrizzle(db.url));
  client = matrixone(drizzleDb);
  await db.inspect.query(LOAD_TABLE_SQL);
  await db.inspect.query(L2_DISTANCE_STAND_IN);
  await db.inspect.query('CREATE TABLE docs (id INT PRIMARY KEY, title VARCHAR(20), embedding TEXT)');
});
afterAll(async () => {
  await client.close();
  await endPool(pool);
});

const count = async () => Number((await drizzleDb.select({ n: sql<number>`COUNT(*)` }).from(loaded))[0]?.n);

describe('LOAD DATA LOCAL through Drizzle', () => {
  it('loads a client stream through the client on the mysql2 pool Drizzle runs on', async () => {
    const result = await client.loading.load('loaded', { stream: csvStream(500) });
    expect(result).toMatchObject({ rowsLoaded: 500, warnings: 0 });
    expect(await count()).toBe(500);
  });

  it('loads through mo bound to a Drizzle transaction, and its rollback takes the rows away', async () => {
    const before = await count();
    await expect(
      drizzleDb.transaction(async (tx) => {
        const result = await matrixone(tx).loading.load('loaded', { stream: csvStream(20, 10_001) });
        expect(result.rowsLoaded).toBe(20);
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

describe('vectors through Drizzle', () => {
  beforeAll(async () => {
    await drizzleDb.insert(docs).values(STAND_IN_DOCS.map((doc) => ({ ...doc })));
  });

  it('writes arrays and reads them back as arrays', async () => {
    const rows = await drizzleDb
      .select({ id: docs.id, embedding: docs.embedding })
      .from(docs)
      .orderBy(docs.id);
    expect(rows).toEqual(
      [...STAND_IN_DOCS].sort((a, b) => a.id - b.id).map(({ id, embedding }) => ({ id, embedding })),
    );
    const [raw] = await db.inspect.query('SELECT embedding FROM docs WHERE id = 1');
    expect(raw).toEqual([{ embedding: '[1,0.5,0.25]' }]);
  });

  it('orders a query by distance, the vector bound and the column written by Drizzle', async () => {
    const query = drizzleDb
      .select({ id: docs.id, distance: vectorDistance(docs.embedding, 'l2', QUERY_VECTOR) })
      .from(docs)
      .orderBy(vectorDistance(docs.embedding, 'l2', QUERY_VECTOR, { dimension: 3 }));
    expect(query.toSQL()).toEqual({
      sql: 'select `id`, l2_distance(`embedding`, ?) from `docs` order by l2_distance(`docs`.`embedding`, ?)',
      params: ['[1,0.5,0]', '[1,0.5,0]'],
    });
    const rows = await query;
    expect(rows.map((row) => row.id)).toEqual(NEAREST_FIRST);
    expect(rows[0]?.distance).toBeCloseTo(0.25);
  });

  it('refuses a vector that is not one before anything is sent', async () => {
    expect(() => vectorDistance(docs.embedding, 'l2', [1, Number.NaN, 3])).toThrow(InvalidInputError);
    expect(() => vectorDistance(docs.embedding, 'l2', [1, 2], { dimension: 3 })).toThrow(/dimension 3/);
    // Drizzle maps the value while it builds the statement: it throws there, before sending.
    await expect(async () => drizzleDb.insert(docs).values({ id: 9, embedding: [1, 2] })).rejects.toThrow(
      /dimension 3/,
    );
    const [rows] = await db.inspect.query('SELECT id FROM docs WHERE id = 9');
    expect(rows).toEqual([]);
  });

  it("reaches core's vector and full-text searches from the adapter's mo (MatrixOne only)", async () => {
    await expectSearchesNeedMatrixOne(client);
  });
});
