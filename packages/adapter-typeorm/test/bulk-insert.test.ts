/** `bulkInsert` through a DataSource: on the client (one transaction on TypeORM's pool) and on a bound `mo`. */
import { matrixone } from '@matrixone/adapter-typeorm';
import { useTestDatabase } from '@matrixone/test-server';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const db = useTestDatabase();
let dataSource: DataSource;

beforeAll(async () => {
  dataSource = new DataSource({ type: 'mysql', url: db.url, poolSize: 2 });
  await dataSource.initialize();
  await db.inspect.query('CREATE TABLE readings (id INT PRIMARY KEY, label VARCHAR(40) NOT NULL)');
});

afterAll(async () => {
  await dataSource.destroy();
});

async function count(): Promise<number> {
  const [rows] = await db.inspect.query('SELECT COUNT(*) AS total FROM readings');
  return Number((rows as { total: number }[])[0]?.total);
}

describe('bulkInsert', () => {
  it('client.bulkInsert writes every row in batches on the DataSource pool', async () => {
    const client = matrixone(dataSource);
    const rows = Array.from({ length: 25 }, (_, index) => ({ id: index + 1, label: `reading ${index}` }));
    try {
      await expect(client.bulkInsert('readings', rows, { maxRowsPerBatch: 10 })).resolves.toEqual({
        affectedRows: 25,
        batches: 3,
      });
    } finally {
      await client.close();
    }
    expect(await count()).toBe(25);
  });

  it('mo.bulkInsert joins the TypeORM transaction and rolls back with it', async () => {
    const client = matrixone(dataSource);
    const before = await count();
    const failure = new Error('undo the bulk insert');
    try {
      await expect(
        client.transaction(async ({ mo }) => {
          await mo.bulkInsert('readings', {
            columns: ['id', 'label'],
            rows: [
              [100, 'a'],
              [101, 'b'],
            ],
          });
          // TypeORM's mysql driver returns COUNT(*) (a BIGINT) as a string.
          const [inside] = await mo.query<{ n: string }>(
            'SELECT COUNT(*) AS n FROM readings WHERE id >= 100',
          );
          expect(Number(inside?.n)).toBe(2);
          throw failure;
        }),
      ).rejects.toBe(failure);
    } finally {
      await client.close();
    }
    expect(await count()).toBe(before);
  });
});
