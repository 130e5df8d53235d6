/**
 * TypeORM's multi-row `insert` and `save` give entities the ids their rows really got on MatrixOne once
 * `matrixone(dataSource)` is set up. On the test MariaDB the fault proxy answers multi-row INSERTs the way
 * MatrixOne does (last id in the OK packet) and the adapter is told it talks to MatrixOne; on a real MatrixOne
 * the statements go to it directly. Ids are read back from the table on an independent connection.
 */
import { UnsupportedServerError } from '@matrixone/core';
import { type FaultProxy, startFaultProxy, testServer, useTestDatabase } from '@matrixone/test-server';
import type mysql from 'mysql2/promise';
import { DataSource, EntitySchema } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrixone } from '../src/index.js';

const db = useTestDatabase();
const emulated = testServer().flavor !== 'matrixone';
const serverFlavor = emulated ? ('matrixone' as const) : undefined;
const proxies: FaultProxy[] = [];
const dataSources: DataSource[] = [];

interface Item {
  id?: number;
  name: string;
}

const ItemSchema = new EntitySchema<Item>({
  name: 'Item',
  tableName: 'items',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    name: { type: 'varchar', length: 20, unique: true },
  },
});

/** A DataSource on MatrixOne, or on the MariaDB answering like it with the given auto-increment step. */
async function dataSourceOnMatrixOne(increment = 1, poolSize = 2): Promise<DataSource> {
  let url = db.url;
  if (emulated) {
    const proxy = await startFaultProxy(db.url, { lastInsertId: { increment } });
    proxies.push(proxy);
    url = proxy.url;
  }
  const dataSource = await new DataSource({
    type: 'mysql',
    url,
    poolSize,
    entities: [ItemSchema],
  }).initialize();
  dataSources.push(dataSource);
  return dataSource;
}

async function idsByName(names: string[]): Promise<Record<string, number>> {
  const [rows] = await db.inspect.query<mysql.RowDataPacket[]>(
    'SELECT id, name FROM items WHERE name IN (?)',
    [names],
  );
  return Object.fromEntries(rows.map((row) => [row.name, Number(row.id)]));
}

const idsOf = (items: Item[]) => Object.fromEntries(items.map((item) => [item.name, Number(item.id)]));

beforeAll(async () => {
  await db.inspect.query('CREATE TABLE items (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) UNIQUE)');
});
afterAll(async () => {
  for (const dataSource of dataSources) await dataSource.destroy();
  for (const proxy of proxies) await proxy.close();
});

describe('TypeORM multi-row insert ids on MatrixOne', () => {
  it('insert([...]) reports, and sets on the entities, the ids the rows got', async () => {
    // initialize() already opened a connection before the adapter was set up.
    const dataSource = await dataSourceOnMatrixOne();
    matrixone(dataSource, { serverFlavor });
    const repository = dataSource.getRepository(ItemSchema);
    const items: Item[] = [{ name: 'y1' }, { name: 'y2' }, { name: 'y3' }];
    const result = await repository.insert(items);
    const expected = await idsByName(['y1', 'y2', 'y3']);
    expect(result.identifiers.map((identifier) => Number(identifier.id))).toEqual([
      expected.y1,
      expected.y2,
      expected.y3,
    ]);
    expect(idsOf(items)).toEqual(expected);
  });

  it('save([...]) and a transaction insert too', async () => {
    const dataSource = await dataSourceOnMatrixOne();
    matrixone(dataSource, { serverFlavor });
    const saved = await dataSource.getRepository(ItemSchema).save([{ name: 'v1' }, { name: 'v2' }]);
    expect(idsOf(saved)).toEqual(await idsByName(['v1', 'v2']));
    const inTransaction: Item[] = [{ name: 't1' }, { name: 't2' }];
    await dataSource.transaction((manager) => manager.insert(ItemSchema, inTransaction));
    expect(idsOf(inTransaction)).toEqual(await idsByName(['t1', 't2']));
  });

  it('refuses (UnsupportedServerError) a multi-row insert whose first id cannot be known', async () => {
    const dataSource = await dataSourceOnMatrixOne();
    matrixone(dataSource, { serverFlavor });
    const refused = dataSource
      .createQueryBuilder()
      .insert()
      .into(ItemSchema)
      .values([{ name: 'g1' }, { name: 'g2' }])
      .orIgnore()
      .execute();
    await expect(refused).rejects.toMatchObject({ driverError: expect.any(UnsupportedServerError) });
  });

  it.skipIf(!emulated)(
    'refuses a multi-row insert when @@auto_increment_increment is 2 (TypeORM numbers rows 1 apart)',
    async () => {
      const dataSource = await dataSourceOnMatrixOne(2, 1);
      matrixone(dataSource, { serverFlavor });
      await dataSource.query('SET SESSION auto_increment_increment = 2');
      const repository = dataSource.getRepository(ItemSchema);
      await expect(repository.insert([{ name: 's1' }, { name: 's2' }])).rejects.toMatchObject({
        driverError: expect.any(UnsupportedServerError),
      });
      const single: Item = { name: 's3' };
      await repository.insert(single);
      expect(idsOf([single])).toEqual(await idsByName(['s3']));
    },
  );
});
