/**
 * The clone fixtures' plumbing. MariaDB cannot CLONE: `openClone` is checked to say so clearly, and the session
 * (client and ORM instances on the clone's URL, all closed before the drop, the drop after a failure) runs with a
 * stand-in `withClone` that makes an empty database; the clone itself is in test/live/testing.live.test.ts.
 */
import { type CloneWithUrl, UnsupportedServerError, urlWithDatabase } from '@matrixone/core';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import type { RowDataPacket } from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { type WithClone, openCloneWith } from '../src/clone-session.js';
import { openClone, useClone } from '../src/index.js';

const db = useTestDatabase();

/** Makes `<prefix>_<n>` with CREATE DATABASE and drops it afterwards, as withClone does with CLONE. */
function standInWithClone(made: string[]): WithClone {
  return async (options, fn) => {
    const database = `${options.prefix}_${made.length}`;
    made.push(database);
    await db.inspect.query(`CREATE DATABASE \`${database}\``);
    try {
      return await fn({ database, url: urlWithDatabase(options.url, database) } as CloneWithUrl);
    } finally {
      await db.inspect.query(`DROP DATABASE IF EXISTS \`${database}\``);
    }
  };
}

const exists = async (database: string): Promise<boolean> => {
  const [rows] = await db.inspect.query<RowDataPacket[]>('SHOW DATABASES LIKE ?', [database]);
  return rows.length === 1;
};

describe.skipIf(testServer().flavor === 'matrixone')('openClone on a server that is not MatrixOne', () => {
  it('throws UnsupportedServerError saying what to do, and creates nothing', async () => {
    const error = await openClone({ url: testServer().url, template: db.name, prefix: `${db.name}_c` }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UnsupportedServerError);
    expect((error as Error).message).toMatch(/needs MatrixOne, but the server is MariaDB .*MATRIXONE_URL/);
    expect(await exists(`${db.name}_c%`)).toBe(false);
  });
});

describe('a clone session (stand-in clone on the real server)', () => {
  it('hands out a client and one instance of each ORM on the clone, closes them all, then drops the clone', async () => {
    const made: string[] = [];
    const clone = await openCloneWith(standInWithClone(made), {
      url: testServer().url,
      template: db.name,
      prefix: `${db.name}_s`,
    });
    expect(made).toEqual([clone.database]);
    expect(await exists(clone.database)).toBe(true);
    const current = (rows: unknown) => String(Object.values((rows as Record<string, unknown>[])[0] ?? {})[0]);

    expect(current(await clone.client.query('SELECT DATABASE() AS d'))).toBe(clone.database);
    const knex = await clone.knex();
    expect(await clone.knex()).toBe(knex);
    expect(current((await knex.raw('SELECT DATABASE() AS d'))[0])).toBe(clone.database);
    const sequelize = await clone.sequelize();
    expect(current((await sequelize.query('SELECT DATABASE() AS d'))[0])).toBe(clone.database);
    const dataSource = await clone.typeorm();
    expect(current(await dataSource.query('SELECT DATABASE() AS d'))).toBe(clone.database);
    const drizzle = await clone.drizzle();
    const { sql } = await import('drizzle-orm');
    expect(current((await drizzle.execute(sql`SELECT DATABASE() AS d`))[0])).toBe(clone.database);

    await clone.close();
    expect(await exists(clone.database)).toBe(false);
    await expect(clone.client.query('SELECT 1')).rejects.toThrow(/closed/);
    await expect(knex.raw('SELECT 1')).rejects.toThrow();
    expect(dataSource.isInitialized).toBe(false);
    await expect(drizzle.execute(sql`SELECT 1`)).rejects.toThrow();
    await clone.close();
  });

  it('a test that throws still gets its clone dropped (the fixture closes in finally)', async () => {
    const made: string[] = [];
    const clone = await openCloneWith(standInWithClone(made), {
      url: testServer().url,
      template: db.name,
      prefix: `${db.name}_f`,
    });
    await expect(
      (async () => {
        try {
          await clone.client.execute('SELECT * FROM no_such_table');
        } finally {
          await clone.close();
        }
      })(),
    ).rejects.toThrow();
    expect(await exists(made[0] ?? '')).toBe(false);
  });

  it('useClone: reading the clone before its hook ran says how to use it', () => {
    const registered: string[] = [];
    const clone = useClone(
      { before: () => registered.push('before'), after: () => registered.push('after') },
      { url: testServer().url, template: db.name },
    );
    expect(registered).toEqual(['before', 'after']);
    expect(() => clone.database).toThrow(/inside a test or a hook/);
  });
});
