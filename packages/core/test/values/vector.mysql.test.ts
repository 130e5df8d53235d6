/**
 * Vector values through a real server: MariaDB has no vector type, so a TEXT column stands in for what
 * MatrixOne does with the text (it stores the value and returns text). Checks that the encoded text survives
 * binding, storage and the driver unchanged, and that decodeVector reads it back.
 */
import { type PooledClient, createClient, decodeVector, encodeVector } from '@matrixone/core';
import { useTestDatabase } from '@matrixone/test-server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const db = useTestDatabase();

describe('vector text on the test server (TEXT column standing in)', () => {
  let client: PooledClient;

  beforeAll(async () => {
    client = createClient(db.url);
    await client.execute('CREATE TABLE vectors_text (id INT PRIMARY KEY, v TEXT)');
  });
  afterAll(async () => {
    await client.close();
  });

  it('encode → bound INSERT → SELECT → decode gives the same numbers, for arrays and Float32Array', async () => {
    const samples = fc.sample(
      fc.array(fc.double({ min: -3.4e38, max: 3.4e38, noNaN: true, noDefaultInfinity: true }), {
        minLength: 1,
        maxLength: 768,
      }),
      { numRuns: 40, seed: 17 },
    );
    const float32 = new Float32Array([0.1, -2.5, 300, 1e-7]);
    const inputs = [...samples, float32];
    for (const [id, vector] of inputs.entries()) {
      await client.execute('INSERT INTO vectors_text (id, v) VALUES (?, ?)', [id, encodeVector(vector)]);
    }
    const rows = await client.query<{ id: number; v: string }>('SELECT id, v FROM vectors_text ORDER BY id');
    expect(rows).toHaveLength(inputs.length);
    for (const row of rows) {
      const input = inputs[row.id] ?? [];
      const expected = Array.from(input, (value) => (Object.is(value, -0) ? 0 : value));
      expect(decodeVector(row.v, { dimension: input.length })).toEqual(expected);
    }
    const last = rows.at(-1);
    expect(decodeVector(last?.v ?? '', { as: 'float32' })).toEqual(float32);
  });

  it('reads the text MatrixOne prints (comma and space, NaN) after a round trip through the server', async () => {
    await client.execute('INSERT INTO vectors_text (id, v) VALUES (?, ?)', [1000, '[1, 2, NaN]']);
    const [row] = await client.query<{ v: string }>('SELECT v FROM vectors_text WHERE id = ?', [1000]);
    expect(decodeVector(row?.v ?? '')).toEqual([1, 2, Number.NaN]);
  });
});
