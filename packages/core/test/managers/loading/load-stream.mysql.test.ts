import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { useTestDatabase } from '@matrixone/test-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PooledClient, createClient } from '../../../src/client/create-client.js';
import { InvalidInputError } from '../../../src/errors/errors.js';
import type { QueryEvent } from '../../../src/events/query-events.js';
import type { LoadManager } from '../../../src/managers/loading/load-manager.js';

/**
 * LOAD DATA LOCAL INFILE from the client, on the test server (MariaDB takes LOCAL INFILE as MatrixOne does,
 * docs/matrixone-facts.md#load-data): streaming, progress, warnings, and the failure paths — a source that fails
 * half-way leaves no rows, a missing client file sends nothing.
 */
const db = useTestDatabase();
let client: PooledClient;
let loading: LoadManager;
let sent: string[];

beforeEach(async () => {
  client = createClient(`${db.url}?poolSize=2`);
  sent = [];
  client.on('query', (event: QueryEvent) => sent.push(event.sql));
  loading = client.loading;
  await client.execute('CREATE TABLE people (id INT PRIMARY KEY, name VARCHAR(50), score DOUBLE)');
});

afterEach(async () => {
  await client.execute('DROP TABLE IF EXISTS people');
  await client.close();
});

function* csvLines(count: number): Generator<string> {
  for (let id = 1; id <= count; id++) yield `${id},"name ${id}, with comma",${id / 4}\n`;
}

describe('loading.load from a client stream', () => {
  it('loads every row of a generated stream, reporting progress and the bytes sent', async () => {
    const progress: { bytes: number; lines: number; done: boolean }[] = [];
    const result = await loading.load(
      'people',
      { stream: Readable.from(csvLines(20_000)) },
      {
        enclosedBy: '"',
        progressIntervalBytes: 64 * 1024,
        onProgress: (report) => progress.push(report),
      },
    );
    expect(result.rowsLoaded).toBe(20_000);
    expect(result.warnings).toBe(0);
    const [{ n, total } = { n: -1, total: -1 }] = await client.query<{ n: number; total: number }>(
      'SELECT COUNT(*) AS n, SUM(score) AS total FROM people',
    );
    expect(Number(n)).toBe(20_000);
    expect(Number(total)).toBe((20_000 * 20_001) / 2 / 4);
    const [{ name } = { name: '' }] = await client.query<{ name: string }>(
      'SELECT name FROM people WHERE id = 7',
    );
    expect(name).toBe('name 7, with comma');
    expect(progress.length).toBeGreaterThan(2);
    const last = progress.at(-1);
    expect(last).toMatchObject({ done: true, lines: 20_000, bytes: result.bytesSent });
    expect(progress.slice(0, -1).every((report) => !report.done)).toBe(true);
    expect(
      sent.some((sql) => sql.startsWith("LOAD DATA LOCAL INFILE 'client-stream' INTO TABLE `people`")),
    ).toBe(true);
  });

  it('loads a client file, with a column list that skips a field', async () => {
    const path = join(tmpdir(), `people-${process.pid}-${Date.now()}.csv`);
    await writeFile(path, 'id|name|extra|score\n1|Ada|x|1.5\n2|Bob|y|2.5\n');
    const result = await loading.load(
      'people',
      { localFile: path },
      {
        fieldsTerminatedBy: '|',
        ignoreLines: 1,
        columns: ['id', 'name', null, 'score'],
      },
    );
    expect(result.rowsLoaded).toBe(2);
    expect(await client.query('SELECT id, name, score FROM people ORDER BY id')).toEqual([
      { id: 1, name: 'Ada', score: 1.5 },
      { id: 2, name: 'Bob', score: 2.5 },
    ]);
  });

  it('fails a source that breaks half-way with a typed error, and leaves no rows', async () => {
    async function* breaking(): AsyncGenerator<string> {
      yield* csvLines(5_000);
      throw new Error('upstream connection reset');
    }
    const failure = await loading
      .load('people', { stream: breaking() }, { enclosedBy: '"' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InvalidInputError);
    expect((failure as Error).message).toContain('upstream connection reset');
    expect((failure as Error).message).toMatch(/after \d+ bytes/);
    const [{ n } = { n: -1 }] = await client.query<{ n: number }>('SELECT COUNT(*) AS n FROM people');
    expect(Number(n)).toBe(0);
    expect(await client.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('refuses a missing client file before sending anything', async () => {
    const failure = await loading
      .load('people', { localFile: join(tmpdir(), 'no-such-file-for-load.csv') })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InvalidInputError);
    expect((failure as Error).message).toContain('ENOENT');
    expect(sent.filter((sql) => sql.startsWith('LOAD'))).toEqual([]);
  });

  it('reports the warnings of a load whose values the server had to adjust', async () => {
    const result = await loading.load('people', { stream: Readable.from(['1,Ada,notanumber\n']) });
    expect(result.rowsLoaded).toBe(1);
    expect(result.warnings).toBeGreaterThan(0);
  });

  it('keeps the server error of a missing table, and releases the unread stream', async () => {
    const stream = Readable.from(csvLines(10));
    const failure = await loading.load('no_such_table', { stream }).catch((error: unknown) => error);
    expect((failure as { errno?: number }).errno).toBe(1146);
    expect(stream.destroyed).toBe(true);
  });

  it('joins a transaction: rolled back with it', async () => {
    await client
      .transaction(async (tx) => {
        const result = await tx.loading.load(
          'people',
          { stream: Readable.from(csvLines(10)) },
          { enclosedBy: '"' },
        );
        expect(result.rowsLoaded).toBe(10);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    const [{ n } = { n: -1 }] = await client.query<{ n: number }>('SELECT COUNT(*) AS n FROM people');
    expect(Number(n)).toBe(0);
  });
});
