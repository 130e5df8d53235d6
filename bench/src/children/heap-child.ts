/**
 * Runs in its own Node process (started with `--expose-gc`): reads generated rows once through
 * `client.stream` or `client.query` and prints, as one JSON line, the peak growth of the V8 heap over a
 * baseline taken after a full GC, the process's peak resident set size, and the time taken (heap-measure.ts).
 *
 * Usage: node --expose-gc --import tsx heap-child.ts <stream|query> <url> <rows>
 */
import { generatedRowsSql } from './generated-rows.js';
import { measureHeap } from './heap-measure.js';

await measureHeap('heap-child.ts', async ({ mode, client, rows: wanted, sample }) => {
  if (mode === 'query') {
    const all = await client.query(generatedRowsSql(wanted));
    sample();
    return all.length;
  }
  let rows = 0;
  for await (const _row of client.stream(generatedRowsSql(wanted))) {
    rows += 1;
    if (rows % 10_000 === 0) sample();
  }
  return rows;
});
