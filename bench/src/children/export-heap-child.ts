/**
 * Runs in its own Node process (started with `--expose-gc`): exports generated rows once as CSV and prints, as one
 * JSON line, the peak growth of the V8 heap over a baseline taken after a full GC, the peak RSS and the time
 * (heap-measure.ts). `stream` uses `client.exports.toWritable` (rows read as the writable drains); `query` reads
 * every row with `client.query` and then writes them, the way an export without streaming holds the whole result.
 *
 * Usage: node --expose-gc --import tsx export-heap-child.ts <stream|query> <url> <rows>
 */
import { Writable } from 'node:stream';
import { generatedRowsSql } from './generated-rows.js';
import { measureHeap } from './heap-measure.js';

let bytes = 0;
/** A sink that takes each chunk on the next turn of the event loop, like a file or socket would. */
const sink = () =>
  new Writable({
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      setImmediate(callback);
    },
  });

await measureHeap('export-heap-child.ts', async ({ mode, client, rows: wanted, sample }) => {
  let rows: number;
  if (mode === 'stream') {
    rows = (await client.exports.toWritable(generatedRowsSql(wanted), sink())).rows;
  } else {
    const all = await client.query<Record<string, unknown>>(generatedRowsSql(wanted));
    sample();
    const out = sink();
    const lines = all.map(
      (row) =>
        `${Object.values(row)
          .map((value) => (typeof value === 'string' ? `"${value}"` : String(value)))
          .join(',')}\n`,
    );
    sample();
    for (const line of lines)
      if (!out.write(line)) await new Promise((resolve) => out.once('drain', resolve));
    out.end();
    await new Promise((resolve) => out.once('finish', resolve));
    rows = all.length;
  }
  if (bytes === 0 && rows > 0) throw new Error('nothing was written');
  return rows;
});
