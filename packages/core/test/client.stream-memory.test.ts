import { createClient } from '@matrixone/core';
import { useTestDatabase } from '@matrixone/test-server';
import { describe, expect, it } from 'vitest';

const db = useTestDatabase();
const ROWS = 1_000_000;
/** Far below what 1,000,000 buffered rows take (each row object is well over 64 bytes). */
const HEAP_GROWTH_LIMIT = 64 * 1024 * 1024;

describe('client.stream() memory', () => {
  it('reads 1,000,000 rows with bounded heap growth', async () => {
    const client = createClient(`${db.url}?poolSize=1`);
    try {
      await client.execute('CREATE TABLE digits (d INT NOT NULL)');
      await client.execute('INSERT INTO digits (d) VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)');
      const baseline = process.memoryUsage().heapUsed;
      let peak = baseline;
      let count = 0;
      let last = -1;
      let ordered = true;
      for await (const row of client.stream<{ n: number }>(
        'SELECT a.d * 100000 + b.d * 10000 + c.d * 1000 + e.d * 100 + f.d * 10 + g.d AS n ' +
          'FROM digits a, digits b, digits c, digits e, digits f, digits g ORDER BY n',
      )) {
        count += 1;
        ordered &&= Number(row.n) === last + 1;
        last = Number(row.n);
        if (count % 50_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
      expect(count).toBe(ROWS);
      expect(ordered).toBe(true);
      expect(peak - baseline).toBeLessThan(HEAP_GROWTH_LIMIT);
      expect(client.poolStats().busy).toBe(0);
    } finally {
      await client.close();
    }
  });
});
