/**
 * Sequelize's `bulkCreate` gives instances the ids their rows really got on MatrixOne once `matrixone(sequelize)`
 * is set up. On the test MariaDB the fault proxy answers multi-row INSERTs the way MatrixOne does (last id in the
 * OK packet) and the adapter is told it talks to MatrixOne; on a real MatrixOne the statements go to it directly.
 * Ids are read back from the table on an independent connection.
 */
import { UnsupportedServerError } from '@matrixone/core';
import { type FaultProxy, startFaultProxy, testServer, useTestDatabase } from '@matrixone/test-server';
import type mysql from 'mysql2/promise';
import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrixone } from '../src/index.js';
import { openSequelize } from './open-sequelize.js';

const db = useTestDatabase();
const emulated = testServer().flavor !== 'matrixone';
const serverFlavor = emulated ? ('matrixone' as const) : undefined;
const proxies: FaultProxy[] = [];
const instances: Sequelize[] = [];

interface ItemRow {
  id?: number;
  name: string;
  note?: string | null;
}

/** Sequelize on MatrixOne, or on the MariaDB answering like it with the given auto-increment step. */
async function sequelizeOnMatrixOne(increment = 1, poolSize = 2) {
  let url = db.url;
  if (emulated) {
    const proxy = await startFaultProxy(db.url, { lastInsertId: { increment } });
    proxies.push(proxy);
    url = proxy.url;
  }
  const sequelize = openSequelize(url, poolSize);
  instances.push(sequelize);
  const Item: ModelStatic<Model<ItemRow, ItemRow>> = sequelize.define(
    'Item',
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      name: { type: DataTypes.STRING(20), unique: true },
      note: { type: DataTypes.STRING(20), allowNull: true },
    },
    { tableName: 'items', timestamps: false },
  );
  return { sequelize, Item };
}

async function idsByName(names: string[]): Promise<Record<string, number>> {
  const [rows] = await db.inspect.query<mysql.RowDataPacket[]>(
    'SELECT id, name FROM items WHERE name IN (?)',
    [names],
  );
  return Object.fromEntries(rows.map((row) => [row.name, Number(row.id)]));
}

const idsOf = (items: Model<ItemRow, ItemRow>[]) =>
  Object.fromEntries(items.map((item) => [item.get('name'), item.get('id')]));

beforeAll(async () => {
  await db.inspect.query(
    'CREATE TABLE items (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) UNIQUE, note VARCHAR(20))',
  );
});
afterAll(async () => {
  for (const sequelize of instances) await sequelize.close();
  for (const proxy of proxies) await proxy.close();
});

describe('Sequelize bulkCreate ids on MatrixOne', () => {
  it('gives each instance the id of its row, so a later update() writes that row', async () => {
    const { sequelize, Item } = await sequelizeOnMatrixOne();
    // A connection Sequelize opened before the adapter was set up.
    await sequelize.query('SELECT 1');
    matrixone(sequelize, { serverFlavor });
    const created = await Item.bulkCreate([{ name: 'z1' }, { name: 'z2' }, { name: 'z3' }]);
    expect(idsOf(created)).toEqual(await idsByName(['z1', 'z2', 'z3']));
    await created[1]?.update({ note: 'updated' });
    const [rows] = await db.inspect.query<mysql.RowDataPacket[]>('SELECT name FROM items WHERE note = ?', [
      'updated',
    ]);
    expect(rows.map((row) => row.name)).toEqual(['z2']);
  });

  it('in a transaction too', async () => {
    const { sequelize, Item } = await sequelizeOnMatrixOne();
    matrixone(sequelize, { serverFlavor });
    const created = await sequelize.transaction((transaction) =>
      Item.bulkCreate([{ name: 't1' }, { name: 't2' }], { transaction }),
    );
    expect(idsOf(created)).toEqual(await idsByName(['t1', 't2']));
  });

  it('refuses (UnsupportedServerError) a bulk insert whose first id cannot be known', async () => {
    const { sequelize, Item } = await sequelizeOnMatrixOne();
    matrixone(sequelize, { serverFlavor });
    const refused = Item.bulkCreate([{ name: 'g1' }, { name: 'g2' }], { ignoreDuplicates: true });
    await expect(refused).rejects.toMatchObject({ original: expect.any(UnsupportedServerError) });
  });

  it.skipIf(!emulated)(
    'refuses a bulk insert when @@auto_increment_increment is 2 (Sequelize numbers rows 1 apart)',
    async () => {
      const { sequelize, Item } = await sequelizeOnMatrixOne(2, 1);
      matrixone(sequelize, { serverFlavor });
      await sequelize.query('SET SESSION auto_increment_increment = 2');
      const refused = Item.bulkCreate([{ name: 's1' }, { name: 's2' }]);
      await expect(refused).rejects.toMatchObject({ original: expect.any(UnsupportedServerError) });
      const created = await Item.bulkCreate([{ name: 's3' }]);
      expect(idsOf(created)).toEqual(await idsByName(['s3']));
    },
  );
});
