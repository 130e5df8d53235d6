/**
 * Live suite for `client.vectors` on a real MatrixOne 4.2 (MATRIXONE_URL). Uses only statements the reference
 * records. HNSW is asynchronous (rows reach it seconds after they are written), so the one test about HNSW
 * visibility polls with a deadline; every other search runs on IVF-flat, which sees writes at once.
 * Everything lives in one uniquely named database, dropped in afterAll.
 */
import { randomBytes } from 'node:crypto';
import { InvalidInputError, type PooledClient, createClient } from '@matrixone/core';
import { testServer } from '@matrixone/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp } from './clean-up.js';
import { sqlSentDuring } from './sql-sent.js';

const HNSW_DEADLINE_MS = 60_000;

/** A deterministic 4-dimension vector for row `id`. */
function vectorOf(id: number): number[] {
  return [id % 7, (id * 3) % 11, (id * 5) % 13, id % 17];
}

async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  deadlineMs: number,
): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

describe.skipIf(testServer().flavor !== 'matrixone')('vectors on MatrixOne (live)', () => {
  const database = `h7_vec_${randomBytes(4).toString('hex')}`;
  const ivf = { database, table: 'docs_ivf' };
  const hnsw = { database, table: 'docs_hnsw' };
  const intKey = { database, table: 'docs_int' };
  let client: PooledClient;

  beforeAll(async () => {
    client = createClient(testServer().url);
    await client.execute(`CREATE DATABASE \`${database}\``);
    for (const table of [ivf, hnsw]) {
      await client.execute(
        `CREATE TABLE \`${database}\`.\`${table.table}\` (id BIGINT PRIMARY KEY, v VECF32(4), tag INT)`,
      );
      for (let id = 1; id <= 40; id += 1) {
        await client.execute(`INSERT INTO \`${database}\`.\`${table.table}\` VALUES (?, ?, ?)`, [
          id,
          client.vectors.encode(vectorOf(id), { dimension: 4 }),
          id % 3,
        ]);
      }
    }
    await client.execute(`CREATE TABLE \`${database}\`.\`docs_int\` (id INT PRIMARY KEY, v VECF32(4))`);
  });

  afterAll(async () => {
    await cleanUp([() => client.execute(`DROP DATABASE IF EXISTS \`${database}\``), () => client.close()]);
  });

  it('reads a vector column type and dimension', async () => {
    expect(await client.vectors.describeColumn(ivf, 'v')).toEqual({
      name: 'v',
      type: 'vecf32',
      dimension: 4,
    });
  });

  it('creates an IVF-flat index, lists it, and finds the nearest rows in order with their distance', async () => {
    const index = await client.vectors.createIndex({
      name: 'docs_ivf_v',
      table: ivf,
      column: 'v',
      algorithm: 'ivfflat',
      lists: 4,
      opType: 'vector_l2_ops',
    });
    expect(index).toMatchObject({
      name: 'docs_ivf_v',
      algorithm: 'ivfflat',
      lists: 4,
      opType: 'vector_l2_ops',
    });
    const hits = await client.vectors.search<{ id: number }>({
      table: ivf,
      column: 'v',
      vector: vectorOf(17),
      k: 3,
      columns: ['id'],
      dimension: 4,
      probeLimit: 4,
    });
    expect(hits).toHaveLength(3);
    expect(hits[0]).toEqual({ row: { id: 17 }, distance: 0 });
    const distances = hits.map((hit) => hit.distance);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
  });

  it('filters by equality and sees a row written a moment ago (IVF-flat is synchronous)', async () => {
    await client.execute(`INSERT INTO \`${database}\`.\`docs_ivf\` VALUES (?, ?, ?)`, [
      1001,
      client.vectors.encode([500, 500, 500, 500]),
      9,
    ]);
    const [nearest] = await client.vectors.search<{ id: number; tag: number }>({
      table: ivf,
      column: 'v',
      vector: [500, 500, 500, 500],
      k: 1,
      columns: ['id', 'tag'],
      where: { tag: 9 },
    });
    expect(nearest?.row).toEqual({ id: 1001, tag: 9 });
  });

  it('inner_product is the negated dot product; a distance fragment works in hand-written SQL', async () => {
    const [hit] = await client.vectors.search({
      table: ivf,
      column: 'v',
      vector: [1, 1, 1, 1],
      distance: 'inner_product',
      k: 1,
      columns: ['id'],
    });
    expect(hit?.distance).toBeLessThan(0);
    const d = client.vectors.distance('l2', 'v', vectorOf(5));
    const rows = await client.query<{ id: number; d: number }>(
      `SELECT id, ${d.sql} AS d FROM \`${database}\`.\`docs_ivf\` WHERE id = ?`,
      [...d.values, 5],
    );
    expect(rows).toEqual([{ id: 5, d: 0 }]);
  });

  it('decodes the vectors MatrixOne returns, NaN included', async () => {
    await client.execute(`INSERT INTO \`${database}\`.\`docs_ivf\` VALUES (?, ?, ?)`, [
      2001,
      '[1,2,NaN,4]',
      0,
    ]);
    const [row] = await client.query<{ v: string }>(
      `SELECT v FROM \`${database}\`.\`docs_ivf\` WHERE id IN (?, ?) ORDER BY id`,
      [3, 2001],
    );
    expect(client.vectors.decode(row?.v ?? '', { dimension: 4 })).toEqual(vectorOf(3));
    const [nan] = await client.query<{ v: string }>(
      `SELECT v FROM \`${database}\`.\`docs_ivf\` WHERE id = ?`,
      [2001],
    );
    expect(client.vectors.decode(nan?.v ?? '')).toEqual([1, 2, Number.NaN, 4]);
    await client.execute(`DELETE FROM \`${database}\`.\`docs_ivf\` WHERE id = ?`, [2001]);
  });

  it('reindexes with new lists, and an index created in a rolled-back transaction is gone', async () => {
    await client.vectors.reindex(ivf, 'docs_ivf_v', { algorithm: 'ivfflat', lists: 8 });
    expect((await client.vectors.listIndexes(ivf))[0]?.lists).toBe(8);
    await client.vectors.dropIndex(ivf, 'docs_ivf_v');
    await expect(
      client.transaction(async (tx) => {
        await tx.vectors.createIndex({
          name: 'docs_ivf_tx',
          table: ivf,
          column: 'v',
          algorithm: 'ivfflat',
          lists: 2,
        });
        expect(await tx.vectors.listIndexes(ivf)).toHaveLength(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await client.vectors.listIndexes(ivf)).toEqual([]);
    await client.vectors.dropIndex(ivf, 'docs_ivf_tx', { ifExists: true });
  });

  it('refuses HNSW on an INT primary key before sending the CREATE', async () => {
    const sent = await sqlSentDuring(client, async () => {
      await expect(
        client.vectors.createIndex({ name: 'docs_int_h', table: intKey, column: 'v', algorithm: 'hnsw' }),
      ).rejects.toBeInstanceOf(InvalidInputError);
    });
    expect(sent.some((sql) => sql.startsWith('CREATE INDEX'))).toBe(false);
  });

  it(
    'creates an HNSW index (switch scoped to the statement) and a new row reaches it within the deadline',
    async () => {
      let index: { algorithm: string } | undefined;
      const sent = await sqlSentDuring(client, async () => {
        index = await client.vectors.createIndex({
          name: 'docs_hnsw_v',
          table: hnsw,
          column: 'v',
          algorithm: 'hnsw',
          opType: 'vector_l2_ops',
        });
      });
      expect(index?.algorithm).toBe('hnsw');
      // The switch is turned on for the CREATE on its connection and set back to the server default (0, as
      // `SELECT @@experimental_hnsw_index` answered on MatrixOne 4.2.0) right after it, on the same connection.
      const switches = sent.filter((sql) => /^SET experimental_hnsw_index|^CREATE INDEX/.test(sql));
      expect(switches).toEqual([
        'SET experimental_hnsw_index = 1',
        expect.stringMatching(/^CREATE INDEX `docs_hnsw_v` USING HNSW ON /),
        'SET experimental_hnsw_index = 0',
      ]);
      await client.execute(`INSERT INTO \`${database}\`.\`docs_hnsw\` VALUES (?, ?, ?)`, [
        1002,
        client.vectors.encode([1000, 1000, 1000, 1000]),
        9,
      ]);
      const search = () =>
        client.vectors.search<{ id: number }>({
          table: hnsw,
          column: 'v',
          vector: [1000, 1000, 1000, 1000],
          k: 1,
          columns: ['id'],
        });
      const hits = await pollUntil(search, (found) => found[0]?.row.id === 1002, HNSW_DEADLINE_MS);
      expect(hits[0]?.row.id).toBe(1002);
      await client.vectors.dropIndex(hnsw, 'docs_hnsw_v');
    },
    HNSW_DEADLINE_MS + 30_000,
  );
});
