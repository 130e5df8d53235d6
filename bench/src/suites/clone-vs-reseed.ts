/**
 * Issue 19: a fresh test database. The time to get a clone of a template holding 10 tables × 10,000 rows
 * (`clones.withClone`, the clone dropped after each round, untimed) vs re-creating and re-seeding the same
 * database (CREATE DATABASE, 10 × CREATE TABLE, 10 × bulkInsert of 10,000 rows). The clone side needs MatrixOne
 * and runs only when the server is one (MATRIXONE_URL); on another server the suite says so and reports the
 * re-seed side alone. Figures only, no assertion on time. `BENCH_SCALE` scales the rows per table.
 */
import { IdentifierKind, type PooledClient, createClient, quoteIdentifier } from '@matrixone/core';
import { scaled } from '../config.js';
import { type Contender, compare } from '../measure/compare.js';
import { byName, figureOf, ratioOf } from '../measure/figures.js';
import type { SuiteResult } from '../report/results.js';
import type { Suite } from './suite.js';

const SUITE = '19. fresh test database';
const TABLES = 10;
const CLONE = 'clones.withClone of the template';
const RESEED = 'CREATE DATABASE + 10 tables + bulkInsert';
/** Rounds are capped: every re-seed round writes 100,000 rows. */
const MAX_ROUNDS = 5;

async function seed(client: PooledClient, database: string, rowsPerTable: number): Promise<void> {
  const db = quoteIdentifier(database, IdentifierKind.Database);
  await client.execute(`CREATE DATABASE ${db}`);
  for (let table = 0; table < TABLES; table += 1) {
    await client.execute(
      `CREATE TABLE ${db}.\`t${table}\` (id INT PRIMARY KEY, name VARCHAR(40), amount DECIMAL(10, 2))`,
    );
    const rows = Array.from({ length: rowsPerTable }, (_, id) => [
      id,
      `row ${id} of t${table}`,
      (id % 1000) / 4,
    ]);
    await client.bulkInsert({ database, table: `t${table}` }, { columns: ['id', 'name', 'amount'], rows });
  }
}

async function dropDatabase(client: PooledClient, database: string): Promise<void> {
  await client.execute(`DROP DATABASE IF EXISTS ${quoteIdentifier(database, IdentifierKind.Database)}`);
}

/** The clone-vs-re-seed suite. */
export const cloneVsReseed: Suite = {
  item: 19,
  title: 'fresh test database: clone of a template vs re-seed',
  async run({ config, database }): Promise<SuiteResult> {
    const rowsPerTable = scaled(config, 10_000, 100);
    const rounds = Math.min(config.rounds, MAX_ROUNDS);
    const client = createClient(config.url);
    const template = `${database.name}_tpl`;
    const reseeded = `${database.name}_reseed`;
    const isMatrixOne = (await client.serverInfo()).flavor === 'matrixone';
    const notes = [
      `${TABLES} tables × ${rowsPerTable} rows; ${rounds} rounds after one warm-up; the clone is dropped after each ` +
        'round outside the timing (withClone drops it when the callback returns: the time is the callback’s start).',
    ];
    try {
      const contenders: Contender[] = [
        {
          name: RESEED,
          operations: 1,
          prepare: () => dropDatabase(client, reseeded),
          round: () => seed(client, reseeded, rowsPerTable),
        },
      ];
      if (isMatrixOne) {
        await seed(client, template, rowsPerTable);
        let drop: () => void = () => {};
        let clone: Promise<void> = Promise.resolve();
        contenders.push({
          name: CLONE,
          operations: 1,
          round: () =>
            new Promise<void>((ready, fail) => {
              clone = client.clones.withClone({ source: template, prefix: 'bench_clone' }, async () => {
                ready();
                await new Promise<void>((resolve) => {
                  drop = resolve;
                });
              });
              clone.catch(fail);
            }),
          verify: async () => {
            drop();
            await clone;
          },
        });
      } else {
        notes.push(
          'needs MatrixOne: the clone side runs only when MATRIXONE_URL names a MatrixOne server (CLONE is MatrixOne SQL).',
        );
      }
      const measured = await compare(contenders, rounds);
      const figures = measured.map((m) => figureOf(SUITE, 'fresh database', m, 'ms'));
      const ratios = isMatrixOne
        ? [
            ratioOf(SUITE, 'fresh database', byName(measured, CLONE), byName(measured, RESEED), {
              bound: 0.1,
              kind: 'at-most',
            }),
          ]
        : [];
      return { figures, ratios, notes };
    } finally {
      await dropDatabase(client, reseeded);
      await dropDatabase(client, template);
      await client.close();
    }
  },
};
