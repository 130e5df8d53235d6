/**
 * Issue 17 §2 and issue 18 §5 through TypeORM on the test server: LOAD DATA LOCAL from a client stream through the
 * adapter's client and through `mo` bound to a TypeORM transaction; a vector column as TypeORM reads and writes it
 * (core's `vectorTransformer` is a TypeORM ValueTransformer; a TEXT column stands for the vector column), and a
 * query builder ordered by a distance built from core's `distanceCall` (MariaDB computes `l2_distance` with the
 * stand-in function). The rest runs on MatrixOne in vectors-live.test.ts.
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
import { type MatrixOneTypeOrmClient, matrixone } from '@matrixone/adapter-typeorm';
import { InvalidInputError, distanceCall, vectorTransformer } from '@matrixone/core';
import { useTestDatabase } from '@matrixone/test-server';
import { DataSource, EntitySchema } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const db = useTestDatabase();

interface Doc {
  id: number;
  title: string;
  embedding: number[];
}

const DocSchema = new EntitySchema<Doc>({
  name: 'Doc',
  tableName: 'docs',
  columns: {
    id: { type: 'int', primary: true },
    title: { type: 'varchar', length: 20 },
    // On MatrixOne the column is VECF32(3), created with SQL; TypeORM only needs to pass the text through.
    embedding: { type: 'text', transformer: vectorTransformer({ dimension: 3 }) },
  },
});

let dataSource: DataSource;
let client: MatrixOneTypeOrmClient;

beforeAll(async () => {
  await db.inspect.query(LOAD_TABLE_SQL);
  await db.inspect.query(L2_DISTANCE_STAND_IN);
  await db.inspect.query('CREATE TABLE docs (id INT PRIMARY KEY, title VARCHAR(20), embedding TEXT)');
  dataSource = await new DataSource({
    type: 'mysql',
    url: db.url,
    entities: [DocSchema],
    poolSize: 3,
  }).initialize();
  client = matrixone(dataSource);
});
afterAll(async () => {
  await dataSource.destroy();
});

const count = async () => Number((await dataSource.query('SELECT COUNT(*) AS n FROM loaded'))[0]?.n);

describe('LOAD DATA LOCAL through TypeORM', () => {
  it("loads a client stream through the client on TypeORM's pool", async () => {
    const result = await client.loading.load('loaded', { stream: csvStream(500) });
    expect(result).toMatchObject({ rowsLoaded: 500, warnings: 0 });
    expect(await count()).toBe(500);
  });

  it('loads through mo bound to a TypeORM transaction, and its rollback takes the rows away', async () => {
    const before = await count();
    await expect(
      dataSource.transaction(async (manager) => {
        const result = await matrixone(manager).loading.load('loaded', { stream: csvStream(20, 10_001) });
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

describe('vectors through TypeORM', () => {
  beforeAll(async () => {
    await dataSource.getRepository(DocSchema).insert(STAND_IN_DOCS.map((doc) => ({ ...doc })));
  });

  it('writes arrays and reads them back as arrays', async () => {
    const docs = await dataSource.getRepository(DocSchema).find({ order: { id: 'ASC' } });
    expect(docs.map(({ id, embedding }) => ({ id, embedding }))).toEqual(
      [...STAND_IN_DOCS].sort((a, b) => a.id - b.id).map(({ id, embedding }) => ({ id, embedding })),
    );
    const [raw] = await db.inspect.query('SELECT embedding FROM docs WHERE id = 1');
    expect(raw).toEqual([{ embedding: '[1,0.5,0.25]' }]);
    await dataSource.getRepository(DocSchema).save({ id: 1, embedding: [2, 2, 2] });
    expect((await dataSource.getRepository(DocSchema).findOneBy({ id: 1 }))?.embedding).toEqual([2, 2, 2]);
    await dataSource.getRepository(DocSchema).update(1, { embedding: [1, 0.5, 0.25] });
  });

  it('orders a query builder by distance, the path resolved by TypeORM and the vector a parameter', async () => {
    const distance = distanceCall('l2', QUERY_VECTOR, { dimension: 3 });
    const query = dataSource
      .getRepository(DocSchema)
      .createQueryBuilder('doc')
      .select('doc.id', 'id')
      .addSelect(`${distance.functionName}(doc.embedding, :query)`, 'distance')
      .orderBy(`${distance.functionName}(doc.embedding, :query)`, 'ASC')
      .setParameter('query', distance.vector);
    expect(query.getQueryAndParameters()).toEqual([
      'SELECT `doc`.`id` AS `id`, l2_distance(`doc`.`embedding`, ?) AS `distance` FROM `docs` `doc` ORDER BY l2_distance(`doc`.`embedding`, ?) ASC',
      ['[1,0.5,0]', '[1,0.5,0]'],
    ]);
    const rows = await query.getRawMany<{ id: number; distance: number }>();
    expect(rows.map((row) => row.id)).toEqual(NEAREST_FIRST);
    expect(rows[0]?.distance).toBeCloseTo(0.25);
  });

  it('refuses a vector that is not one before anything is sent', async () => {
    expect(() => distanceCall('l2', [1, Number.NaN, 3])).toThrow(InvalidInputError);
    await expect(dataSource.getRepository(DocSchema).insert({ id: 9, embedding: [1, 2] })).rejects.toThrow(
      /dimension 3/,
    );
    expect(await dataSource.getRepository(DocSchema).findOneBy({ id: 9 })).toBeNull();
  });

  it("reaches core's vector and full-text searches from the adapter's mo (MatrixOne only)", async () => {
    await expectSearchesNeedMatrixOne(client);
  });
});
