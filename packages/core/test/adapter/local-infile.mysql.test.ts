/**
 * The kit's `LOAD DATA LOCAL INFILE` path, with a bare mysql2 pool standing for an ORM that creates its queries
 * itself (no per-statement options): the connection's config answers with the factory of the statement the kit
 * runs, concurrent loads on one pool each get their own data, and a factory the application set stays in use.
 */
import { Readable } from 'node:stream';
import { useTestDatabase } from '@matrixone/test-server';
import { type Pool, createConnection, createPool } from 'mysql2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerLocalInfile, runWithLocalInfile } from '../../src/adapter/local-infile.js';
import type { Statement } from '../../src/connection/executor.js';

const db = useTestDatabase();
let pool: Pool;

/** What an ORM does: await its pool, then create the query on the connection with no infile option of its own. */
async function ormQuery(sql: string): Promise<{ affectedRows: number }> {
  const connection = await pool.promise().getConnection();
  try {
    const [result] = await connection.query(sql);
    return result as { affectedRows: number };
  } finally {
    connection.release();
  }
}

const load = (table: string): Statement => ({
  sql: `LOAD DATA LOCAL INFILE 'rows.csv' INTO TABLE ${table} FIELDS TERMINATED BY ','`,
});

beforeAll(async () => {
  pool = createPool({ uri: db.url, connectionLimit: 2 });
  pool.on('connection', answerLocalInfile);
  await pool.promise().query('CREATE TABLE kit_a (id INT, label VARCHAR(10))');
  await pool.promise().query('CREATE TABLE kit_b (id INT, label VARCHAR(10))');
});

afterAll(async () => {
  await pool.promise().end();
});

describe('LOAD DATA LOCAL through an ORM query', () => {
  it("hands the running statement's stream to the server, each concurrent load its own", async () => {
    const rows = (label: string, count: number) =>
      Readable.from(Array.from({ length: count }, (_, index) => Buffer.from(`${index + 1},${label}\n`)));
    const runLoad = (table: string, label: string, count: number) => {
      const statement = { ...load(table), localInfile: () => rows(label, count) };
      return runWithLocalInfile(statement, () => ormQuery(statement.sql));
    };
    const [a, b] = await Promise.all([runLoad('kit_a', 'a', 30), runLoad('kit_b', 'b', 7)]);
    expect([a.affectedRows, b.affectedRows]).toEqual([30, 7]);
    const [labels] = await pool
      .promise()
      .query(
        'SELECT (SELECT GROUP_CONCAT(DISTINCT label) FROM kit_a) AS a, (SELECT GROUP_CONCAT(DISTINCT label) FROM kit_b) AS b',
      );
    expect(labels).toEqual([{ a: 'a', b: 'b' }]);
  });

  it('outside the kit, a connection answers as it was configured', async () => {
    await expect(ormQuery(load('kit_a').sql)).rejects.toThrow(/streamFactory/);
    const own = createConnection({
      uri: db.url,
      infileStreamFactory: () => Readable.from([Buffer.from('99,own\n')]),
    }).promise();
    try {
      answerLocalInfile(own);
      const [result] = await own.query(load('kit_a').sql);
      expect((result as { affectedRows: number }).affectedRows).toBe(1);
      const statement = {
        ...load('kit_a'),
        localInfile: () => Readable.from([Buffer.from('1,kit\n2,kit\n')]),
      };
      const [loaded] = await runWithLocalInfile(statement, () => own.query(statement.sql));
      expect((loaded as { affectedRows: number }).affectedRows).toBe(2);
    } finally {
      await own.end();
    }
  });
});
