/**
 * Live suite for @matrixone/testing on a real MatrixOne: a template seeded once, a clone per test through the
 * vitest fixture and per file through the hooks, writes isolated between clones, clones gone afterwards.
 */
import { randomBytes } from 'node:crypto';
import { createClient } from '@matrixone/core';
import { testServer } from '@matrixone/test-server';
import { afterAll, test as base, beforeAll, describe, expect } from 'vitest';
import {
  type SeededTemplate,
  type TestClone,
  cloneFixture,
  seedTemplate,
  useClone,
} from '../../src/index.js';

const live = testServer().flavor === 'matrixone';
const suffix = randomBytes(4).toString('hex');
const template = `h13_tpl_${suffix}`;
const prefix = `h13_tc_${suffix}`;
const options = { url: testServer().url, template, prefix };
const test = base.extend<{ clone: TestClone }>({ clone: cloneFixture(options) });

describe.skipIf(!live)('@matrixone/testing on MatrixOne (live)', () => {
  let seeded: SeededTemplate;
  beforeAll(async () => {
    seeded = await seedTemplate({
      url: testServer().url,
      template,
      seed: async ({ client }) => {
        await client.execute('CREATE TABLE users (id INT PRIMARY KEY)');
        await client.execute('INSERT INTO users VALUES (1), (2)');
      },
    });
  });
  afterAll(async () => {
    await seeded.drop();
    const admin = createClient(testServer().url);
    try {
      const left = (await admin.query<Record<string, string>>('SHOW DATABASES'))
        .map((row) => String(Object.values(row)[0]))
        .filter((name) => name.startsWith(prefix));
      expect(left).toEqual([]);
    } finally {
      await admin.close();
    }
  });

  const perFile = useClone({ before: beforeAll, after: afterAll }, options);

  test('a test deletes in its own clone', async ({ clone }) => {
    await clone.client.execute('DELETE FROM users');
    expect(await clone.client.query('SELECT COUNT(*) AS n FROM users')).toEqual([{ n: 0 }]);
  });

  test('the next test starts from the template again, through Knex', async ({ clone }) => {
    const knex = await clone.knex();
    expect(Number((await knex('users').count({ n: '*' }))[0]?.n)).toBe(2);
    expect(clone.database).not.toBe(perFile.database);
  });

  test('the per-file clone is the template too', async () => {
    expect(
      Number((await perFile.client.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM users'))[0]?.n),
    ).toBe(2);
  });
});
