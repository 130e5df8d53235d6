import { Readable, Writable } from 'node:stream';
import { useTestDatabase } from '@matrixone/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PooledClient, createClient } from '../../../src/client/create-client.js';
import { InvalidInputError } from '../../../src/errors/errors.js';

/**
 * exports.toWritable() on the test server: the rows stream from one connection into a slow writable without
 * the export running ahead of it (backpressure), the CSV loads back unchanged, and a failing writable stops the
 * export with a typed error and gives the connection back.
 */
const db = useTestDatabase();
const ROWS = 30_000;
let client: PooledClient;

/** A writable that takes each chunk on the next turn of the event loop, remembering the most it ever buffered. */
class SlowSink extends Writable {
  chunks: Buffer[] = [];
  maxBuffered = 0;
  constructor(readonly failAfter = Number.POSITIVE_INFINITY) {
    super({ highWaterMark: 16 * 1024 });
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.maxBuffered = Math.max(this.maxBuffered, this.writableLength);
    this.chunks.push(chunk);
    setImmediate(() => callback(this.chunks.length > this.failAfter ? new Error('disk full') : null));
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

beforeAll(async () => {
  client = createClient(`${db.url}?poolSize=2`);
  await client.execute(
    'CREATE TABLE src (id INT PRIMARY KEY, name VARCHAR(60), price DECIMAL(10,2), note TEXT NULL, created DATETIME NULL)',
  );
  await client.execute('CREATE TABLE copy LIKE src');
  const lines = Array.from({ length: ROWS }, (_, index) => {
    const id = index + 1;
    const note = id % 7 === 0 ? '\\N' : `"say ""hi"", ${id}\nsecond line"`;
    return `${id},"name ${id}, with comma",${(id / 100).toFixed(2)},${note},2026-01-02 03:04:05\n`;
  });
  await client.loading.load('src', { stream: Readable.from(lines) }, { enclosedBy: '"' });
});

afterAll(async () => {
  await client.close();
});

describe('exports.toWritable', () => {
  it('streams CSV with backpressure, and the file loads back into an identical table', async () => {
    const sink = new SlowSink();
    const result = await client.exports.toWritable('SELECT * FROM src ORDER BY id', sink);
    expect(result.rows).toBe(ROWS);
    const text = sink.text();
    expect(result.bytes).toBe(Buffer.byteLength(text));
    expect(
      text.startsWith(
        'id,name,price,note,created\n1,"name 1, with comma","0.01","say ""hi"", 1\nsecond line",2026-01-02 03:04:05\n',
      ),
    ).toBe(true);
    // The writable never held more than one batch beyond its high-water mark: the export waited for 'drain'.
    expect(sink.maxBuffered).toBeLessThanOrEqual(16 * 1024 + 64 * 1024 * 4);
    expect(sink.writableFinished).toBe(true);

    const loaded = await client.loading.load(
      'copy',
      { stream: Readable.from([text]) },
      { enclosedBy: '"', ignoreLines: 1 },
    );
    expect(loaded.rowsLoaded).toBe(ROWS);
    const differences = await client.query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM src s LEFT JOIN copy c ON c.id = s.id AND c.name = s.name AND c.price = s.price ' +
        'AND c.note <=> s.note AND c.created <=> s.created WHERE c.id IS NULL',
    );
    expect(Number(differences[0]?.n)).toBe(0);
    expect(client.poolStats().busy).toBe(0);
  });

  it('streams JSON lines with bound values and leaves the writable open when asked', async () => {
    const sink = new SlowSink();
    const result = await client.exports.toWritable(
      { sql: 'SELECT id, note FROM src WHERE id IN (?, ?) ORDER BY id', values: [7, 8] },
      sink,
      { format: 'jsonline', end: false },
    );
    expect(result.rows).toBe(2);
    expect(sink.text()).toBe('{"id":7,"note":null}\n{"id":8,"note":"say \\"hi\\", 8\\nsecond line"}\n');
    expect(sink.writableEnded).toBe(false);
    sink.end();
  });

  it('stops on a failing writable with a typed error and releases the connection', async () => {
    const sink = new SlowSink(3);
    sink.on('error', () => undefined);
    const failure = await client.exports.toWritable({ table: 'src' }, sink).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InvalidInputError);
    expect((failure as Error).message).toContain('disk full');
    expect(client.poolStats().busy).toBe(0);
    expect(await client.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('is refused on a transaction, which cannot stream', async () => {
    await client.transaction(async (tx) => {
      await expect(tx.exports.toWritable({ table: 'src' }, new SlowSink())).rejects.toThrow(
        /call it on the client/,
      );
    });
  });
});
