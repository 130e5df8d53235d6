/**
 * Live suite for `client.loading` on a real MatrixOne 4.2 (MATRIXONE_URL, logged in as a `sys` administrator),
 * with the statements and behaviours the project's live recordings of LOAD DATA show: LOCAL INFILE from a client
 * stream, INLINE data, a bad value failing the whole load, no key checks on a plain load, the checked load, and
 * loads joining a transaction. Everything is created in a uniquely named database dropped in afterAll.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  DuplicateRowsError,
  InvalidInputError,
  type PooledClient,
  type ServerError,
  createClient,
  isMatrixOneError,
} from '@matrixone/core';
import { testServer } from '@matrixone/test-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanUp } from './clean-up.js';

describe.skipIf(testServer().flavor !== 'matrixone')('loading on MatrixOne (live)', () => {
  const database = `h8_load_${randomBytes(4).toString('hex')}`;
  const people = { database, table: 'people' };
  let client: PooledClient;

  const count = async (): Promise<number> => {
    const [row] = await client.query<{ n: number }>(`SELECT COUNT(*) AS n FROM \`${database}\`.\`people\``);
    return Number(row?.n);
  };

  beforeAll(async () => {
    client = createClient(testServer().url);
    await client.execute(`CREATE DATABASE \`${database}\``);
    await client.execute(
      `CREATE TABLE \`${database}\`.\`people\` (id INT PRIMARY KEY, name VARCHAR(50), score DOUBLE, birthday DATE, UNIQUE KEY uk_name (name))`,
    );
  });

  beforeEach(async () => {
    await client.execute(`DELETE FROM \`${database}\`.\`people\``);
  });

  afterAll(async () => {
    await cleanUp([() => client.execute(`DROP DATABASE IF EXISTS \`${database}\``), () => client.close()]);
  });

  it('loads a client stream through LOCAL INFILE, with a header and quoted fields', async () => {
    const lines = [
      'id,name,score,birthday\n',
      ...Array.from({ length: 2000 }, (_, i) => `${i + 1},"n ${i + 1}, x",${i / 2},2000-01-02\n`),
    ];
    const progress: number[] = [];
    const result = await client.loading.load(
      people,
      { stream: Readable.from(lines) },
      {
        enclosedBy: '"',
        ignoreLines: 1,
        progressIntervalBytes: 8 * 1024,
        onProgress: ({ bytes }) => progress.push(bytes),
      },
    );
    expect(result).toMatchObject({ rowsLoaded: 2000, warnings: 0 });
    expect(await count()).toBe(2000);
    expect(progress.length).toBeGreaterThan(1);
    const [row] = await client.query<{ name: string }>(
      `SELECT name FROM \`${database}\`.\`people\` WHERE id = 7`,
    );
    expect(row?.name).toBe('n 7, x');
  });

  it('skips fields with null in the column list and applies nullIf', async () => {
    const stream = Readable.from(['11|Eve|6.5|1998-07-08|extra\n', '12|Frank|5|1997-01-01|extra\n']);
    await client.loading.load(
      people,
      { stream },
      {
        fieldsTerminatedBy: '|',
        columns: ['id', 'name', 'score', 'birthday', null],
        nullIf: { score: 5 },
      },
    );
    expect(await client.query(`SELECT id, score FROM \`${database}\`.\`people\` ORDER BY id`)).toEqual([
      { id: 11, score: 6.5 },
      { id: 12, score: null },
    ]);
  });

  it('loads INLINE CSV and JSON lines', async () => {
    await client.loading.load(people, { inline: '91,Nia,1.5,2000-01-01\n92,Oli,2.5,2000-01-02' });
    await client.loading.load(
      people,
      { inline: '{"id":94,"name":"Quin","score":1,"birthday":"2000-01-04"}' },
      { format: 'jsonline', jsonData: 'object' },
    );
    expect(await count()).toBe(3);
  });

  it('fails the whole load on a bad value, keeping the server message, and inserts nothing', async () => {
    const stream = Readable.from([
      '31,Ivy,1.5,1994-01-01\n32,Jay,notanumber,1994-01-02\n33,Kim,2.5,1994-01-03\n',
    ]);
    const failure = await client.loading.load(people, { stream }).catch((error: unknown) => error);
    expect(isMatrixOneError(failure)).toBe(true);
    expect((failure as ServerError).errno).toBe(20101);
    expect((failure as ServerError).serverMessage).toContain("'notanumber' is not float64 type for column 2");
    expect(await count()).toBe(0);
  });

  it('fails a line without one field per column when no column list is given (20301)', async () => {
    const failure = await client.loading
      .load(people, { stream: Readable.from(['61,Only\n']) })
      .catch((error: unknown) => error);
    expect((failure as ServerError).errno).toBe(20301);
    expect(await count()).toBe(0);
  });

  it('a plain load does not check keys: the same rows twice are both inserted', async () => {
    const rows = '21,Gina,4.5,1996-02-03\n22,Hank,3,1995-04-05\n';
    await client.loading.load(people, { stream: Readable.from([rows]) });
    await client.loading.load(people, { stream: Readable.from([rows]) });
    expect(await count()).toBe(4);
  });

  it('loadChecked reports in-load and existing duplicates, inserts nothing, and leaves no staging table', async () => {
    await client.execute(`INSERT INTO \`${database}\`.\`people\` (id, name) VALUES (1, 'existing')`);
    const failure = await client.loading
      .loadChecked(people, {
        stream: Readable.from(['1,Dup,0,2000-01-01\n5,a,1,2000-01-01\n5,b,2,2000-01-01\n']),
      })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DuplicateRowsError);
    const duplicates = (failure as DuplicateRowsError).duplicates;
    expect(duplicates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ columns: ['id'], kind: 'in-load', copies: 2 }),
        expect.objectContaining({ columns: ['id'], kind: 'existing' }),
      ]),
    );
    expect(await count()).toBe(1);
    const tables = await client.query<Record<string, string>>(`SHOW TABLES FROM \`${database}\``);
    expect(tables.map((row) => Object.values(row)[0])).toEqual(['people']);
  });

  it('loadChecked inserts clean data through INSERT … SELECT', async () => {
    const result = await client.loading.loadChecked(people, {
      stream: Readable.from(['1,A,1,2000-01-01\n2,B,2,2000-01-01\n']),
    });
    expect(result.rowsLoaded).toBe(2);
    expect(result.keys).toEqual(expect.arrayContaining([['id'], ['name']]));
    expect(await count()).toBe(2);
  });

  it('a client source failing half-way leaves no rows', async () => {
    async function* breaking(): AsyncGenerator<string> {
      for (let id = 1; id <= 500; id++) yield `${id},n${id},1,2000-01-01\n`;
      throw new Error('upstream reset');
    }
    const failure = await client.loading
      .load(people, { stream: breaking() })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InvalidInputError);
    expect(await count()).toBe(0);
  });

  it('joins a transaction and rolls back with it', async () => {
    // Only the deliberate 'roll back' may end the transaction: a failed expectation inside it must fail the test.
    await expect(
      client.transaction(async (tx) => {
        await tx.loading.load(people, { inline: '93,Pam,3.5,2000-01-03' });
        await tx.loading.load(people, { stream: Readable.from(['94,Ray,1,2000-01-01\n']) });
        expect(
          Number(
            (await tx.query<{ n: number }>(`SELECT COUNT(*) AS n FROM \`${database}\`.\`people\``))[0]?.n,
          ),
        ).toBe(2);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await count()).toBe(0);
  });

  it('a missing server file keeps the server message (20301)', async () => {
    const failure = await client.loading
      .load(people, { serverFile: `/nonexistent-${database}/missing.csv` })
      .catch((error: unknown) => error);
    expect((failure as ServerError).errno).toBe(20301);
    expect((failure as ServerError).serverMessage).toContain('the file does not exist in load flow');
  });
});
