import { createClient } from '@matrixone/core';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import type { RowDataPacket } from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { seedTemplate, templateSetup } from '../src/index.js';

const db = useTestDatabase();

describe('the template database (real server)', () => {
  const databases = async (like: string): Promise<string[]> => {
    const [rows] = await db.inspect.query<RowDataPacket[]>('SHOW DATABASES LIKE ?', [like]);
    return rows.map((row) => String(Object.values(row)[0]));
  };

  it('is created afresh, seeded through the client on it, and dropped', async () => {
    const template = `${db.name}_tpl`;
    const admin = createClient(testServer().url);
    await admin.execute(`CREATE DATABASE \`${template}\``);
    await admin.execute(`CREATE TABLE \`${template}\`.stale (id INT)`);
    await admin.close();
    const seeded = await seedTemplate({
      url: testServer().url,
      template,
      seed: async ({ client, database, url }) => {
        expect(database).toBe(template);
        expect(new URL(url).pathname).toBe(`/${template}`);
        await client.execute('CREATE TABLE users (id INT PRIMARY KEY)');
        await client.bulkInsert('users', [{ id: 1 }, { id: 2 }]);
      },
    });
    const [tables] = await db.inspect.query<RowDataPacket[]>(
      'SELECT table_name AS t FROM information_schema.tables WHERE table_schema = ? ORDER BY 1',
      [template],
    );
    expect(tables.map((row) => row.t)).toEqual(['users']);
    const [count] = await db.inspect.query<RowDataPacket[]>(
      `SELECT COUNT(*) AS n FROM \`${template}\`.users`,
    );
    expect(Number(count[0]?.n)).toBe(2);
    await seeded.drop();
    expect(await databases(template)).toEqual([]);
  });

  it('is dropped when the seed fails, and the seed error is thrown', async () => {
    const template = `${db.name}_bad`;
    const failure = new Error('seed failed');
    await expect(
      seedTemplate({
        url: testServer().url,
        template,
        seed: async () => {
          throw failure;
        },
      }),
    ).rejects.toBe(failure);
    expect(await databases(template)).toEqual([]);
  });

  it('templateSetup is a globalSetup: seeds when called, drops in the teardown it returns', async () => {
    const template = `${db.name}_gs`;
    const teardown = await templateSetup({
      url: testServer().url,
      template,
      seed: async ({ client }) => {
        await client.execute('CREATE TABLE t (id INT)');
      },
    })();
    expect(await databases(template)).toEqual([template]);
    await teardown();
    expect(await databases(template)).toEqual([]);
  });
});
