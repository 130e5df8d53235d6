/**
 * Issue 17 §2 and issue 18 §5 through Sequelize on the test server: LOAD DATA LOCAL from a client stream through
 * the adapter's client and through `mo` bound to a Sequelize transaction; the `vectorType` data type writing and
 * reading arrays (a TEXT column stands for it), and `findAll` ordered by Sequelize's `fn` over core's `distanceCall` (MariaDB computes
 * `l2_distance` with the stand-in function). The rest runs on MatrixOne in vectors-live.test.ts.
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
import { InvalidInputError, distanceCall } from '@matrixone/core';
import { useTestDatabase } from '@matrixone/test-server';
import { DataTypes, Model, type Sequelize, col, fn } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MatrixOneSequelizeClient, matrixone, vectorType } from '../src/index.js';
import { openSequelize } from './open-sequelize.js';

const db = useTestDatabase();
let sequelize: Sequelize;
let client: MatrixOneSequelizeClient;

class Doc extends Model {
  declare id: number;
  declare title: string;
  declare embedding: number[];
}

beforeAll(async () => {
  sequelize = openSequelize(db.url);
  client = matrixone(sequelize);
  Doc.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true },
      title: DataTypes.STRING(20),
      embedding: vectorType({ dimension: 3 }),
    },
    { sequelize, tableName: 'docs', timestamps: false },
  );
  await db.inspect.query(LOAD_TABLE_SQL);
  await db.inspect.query(L2_DISTANCE_STAND_IN);
  await db.inspect.query('CREATE TABLE docs (id INT PRIMARY KEY, title VARCHAR(20), embedding TEXT)');
});
afterAll(async () => {
  await sequelize.close();
});

const count = async () => {
  const [[row]] = (await sequelize.query('SELECT COUNT(*) AS n FROM loaded')) as [{ n: number }[], unknown];
  return Number(row?.n);
};

describe('LOAD DATA LOCAL through Sequelize', () => {
  it("loads a client stream through the client on Sequelize's pool", async () => {
    const result = await client.loading.load('loaded', { stream: csvStream(500) });
    expect(result).toMatchObject({ rowsLoaded: 500, warnings: 0 });
    expect(await count()).toBe(500);
  });

  it('loads through mo bound to a Sequelize transaction, and its rollback takes the rows away', async () => {
    const before = await count();
    await expect(
      sequelize.transaction(async (t) => {
        const result = await matrixone(t).loading.load('loaded', { stream: csvStream(20, 10_001) });
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

describe('vectors through Sequelize', () => {
  beforeAll(async () => {
    await Doc.bulkCreate(STAND_IN_DOCS.map((doc) => ({ ...doc })));
  });

  it('writes arrays and reads them back as arrays', async () => {
    const docs = await Doc.findAll({ attributes: ['id', 'embedding'], order: [['id', 'ASC']] });
    expect(docs.map((doc) => ({ id: doc.id, embedding: doc.embedding }))).toEqual(
      [...STAND_IN_DOCS].sort((a, b) => a.id - b.id).map(({ id, embedding }) => ({ id, embedding })),
    );
    const [raw] = await db.inspect.query('SELECT embedding FROM docs WHERE id = 1');
    expect(raw).toEqual([{ embedding: '[1,0.5,0.25]' }]);
    const updated = await Doc.findByPk(1);
    await updated?.update({ embedding: [2, 2, 2] });
    expect((await Doc.findByPk(1))?.embedding).toEqual([2, 2, 2]);
    await updated?.update({ embedding: STAND_IN_DOCS.find((doc) => doc.id === 1)?.embedding });
  });

  it("orders findAll by distance: Sequelize's fn over core's distanceCall, the column quoted by Sequelize", async () => {
    const d = distanceCall('l2', QUERY_VECTOR, { dimension: 3 });
    const sent: string[] = [];
    const docs = await Doc.findAll({
      attributes: ['id', [fn(d.functionName, col('embedding'), d.vector), 'distance']],
      order: [[fn(d.functionName, col('Doc.embedding'), d.vector), 'ASC']],
      logging: (sql) => sent.push(sql),
    });
    expect(sent).toEqual([
      "Executing (default): SELECT `id`, l2_distance(`embedding`, '[1,0.5,0]') AS `distance` FROM `docs` AS `Doc` ORDER BY l2_distance(`Doc`.`embedding`, '[1,0.5,0]') ASC;",
    ]);
    expect(docs.map((doc) => doc.id)).toEqual(NEAREST_FIRST);
    expect(Number(docs[0]?.get('distance'))).toBeCloseTo(0.25);
  });

  it('refuses a vector that is not one before anything is sent', async () => {
    expect(() => distanceCall('l2', [1, Number.NaN, 3])).toThrow(InvalidInputError);
    expect(() => distanceCall('l2', [1, 2], { dimension: 3 })).toThrow(/dimension 3/);
    await expect(Doc.create({ id: 9, embedding: [1, 2] })).rejects.toThrow(/dimension 3/);
    expect(await Doc.findByPk(9)).toBeNull();
    expect(() => vectorType({ dimension: 0 })).toThrow(InvalidInputError);
  });

  it('declares the vector column MatrixOne takes', () => {
    const generator = sequelize.getQueryInterface().queryGenerator as {
      attributesToSQL(attributes: object): Record<string, string>;
    };
    expect(generator.attributesToSQL({ embedding: { type: vectorType({ dimension: 768 }) } })).toEqual({
      embedding: 'VECF32(768)',
    });
  });

  it("reaches core's vector and full-text searches from the adapter's mo (MatrixOne only)", async () => {
    await expectSearchesNeedMatrixOne(client);
  });
});
