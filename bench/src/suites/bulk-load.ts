/**
 * Item 4: loading rows into an empty table: the SDK's `bulkInsert` vs hand-written mysql2 multi-row INSERTs,
 * Sequelize `bulkCreate`, TypeORM `insert` and Knex `batchInsert`, each as its documentation shows it.
 */
import { DEFAULT_MAX_ROWS_PER_BATCH } from '@matrixone/core';
import { scaled } from '../config.js';
import { type Contender, compare } from '../measure/compare.js';
import { byName, cpuFigureOf, cpuRatioOf, figureOf, ratioOf, throughput } from '../measure/figures.js';
import type { Ratio, SuiteResult } from '../report/results.js';
import type { LoadRow, Stacks } from '../setup/stacks.js';
import type { Suite } from './suite.js';

const SUITE = '4. bulk load';
const SDK = 'SDK client.bulkInsert';
const HAND_WRITTEN = 'mysql2 hand-written multi-row INSERT';
const ORMS = ['Sequelize bulkCreate', 'TypeORM repository.insert', 'Knex batchInsert'];
/** Rows per INSERT for the hand-written load and Knex's batchInsert: the SDK's default, so all batch alike. */
const BATCH = DEFAULT_MAX_ROWS_PER_BATCH;
const COLUMNS = '(id, name, amount, qty)';

/** Throws unless `loads` holds `count` rows: what each load contender verifies after its round. */
export async function expectLoaded(stacks: Pick<Stacks, 'raw'>, name: string, count: number): Promise<void> {
  const [[counted]] = (await stacks.raw.query('SELECT COUNT(*) AS n FROM loads')) as unknown as [
    [{ n: unknown }],
  ];
  if (Number(counted.n) !== count) throw new Error(`${name} loaded ${String(counted.n)} of ${count} rows`);
}

/** `count` generated rows. */
export function loadRows(count: number): LoadRow[] {
  return Array.from({ length: count }, (_, id) => ({
    id,
    name: `customer ${id} "${id % 97}"`,
    amount: (id % 10_000) / 4,
    qty: id % 13,
  }));
}

/** Hand-written: one connection, one transaction, `BATCH` rows per statement with bound values. */
async function handWritten(stacks: Stacks, rows: readonly LoadRow[]): Promise<void> {
  const connection = await stacks.raw.getConnection();
  try {
    await connection.query('START TRANSACTION');
    for (let start = 0; start < rows.length; start += BATCH) {
      const chunk = rows.slice(start, start + BATCH);
      const values: unknown[] = [];
      for (const row of chunk) values.push(row.id, row.name, row.amount, row.qty);
      await connection.query(
        `INSERT INTO loads ${COLUMNS} VALUES ${Array(chunk.length).fill('(?,?,?,?)').join(',')}`,
        values,
      );
    }
    await connection.query('COMMIT');
  } catch (error) {
    await connection.query('ROLLBACK');
    throw error;
  } finally {
    connection.release();
  }
}

function contenders(stacks: Stacks, rows: LoadRow[]): Contender[] {
  const empty = async () => {
    await stacks.raw.query('TRUNCATE TABLE loads');
  };
  const load = (name: string, run: () => Promise<unknown>): Contender => ({
    name,
    operations: 1,
    prepare: empty,
    round: async () => {
      await run();
    },
    verify: () => expectLoaded(stacks, name, rows.length),
  });
  return [
    load(HAND_WRITTEN, () => handWritten(stacks, rows)),
    load(SDK, () => stacks.core.bulkInsert('loads', rows)),
    load('Sequelize bulkCreate', () => stacks.SequelizeLoad.bulkCreate(rows)),
    load('TypeORM repository.insert', () => stacks.dataSource.getRepository(stacks.TypeormLoad).insert(rows)),
    load('Knex batchInsert', () => stacks.knex.batchInsert('loads', rows, BATCH)),
  ];
}

/** The suite. */
export const bulkLoad: Suite = {
  item: 4,
  title: 'Bulk load into an empty table',
  async run({ config, stacks }): Promise<SuiteResult> {
    const count = scaled(config, 100_000, 1_000);
    const rounds = Math.min(config.rounds, 5);
    const rows = loadRows(count);
    const measured = (await compare(contenders(stacks, rows), rounds)).map((m) => throughput(m, count));
    const sdk = byName(measured, SDK);
    const fastestOrm = measured
      .filter((m) => ORMS.includes(m.name))
      .reduce((best, m) => (m.median > best.median ? m : best));
    const ratios: Ratio[] = [
      ratioOf(SUITE, 'rows/s', sdk, byName(measured, HAND_WRITTEN), { bound: 0.9, kind: 'at-least' }),
      ratioOf(SUITE, 'rows/s (fastest ORM)', sdk, fastestOrm, { bound: 1, kind: 'at-least' }),
      cpuRatioOf(SUITE, 'load', sdk, byName(measured, HAND_WRITTEN)),
    ];
    return {
      figures: [
        ...measured.map((m) => figureOf(SUITE, `load ${count} rows`, m, 'rows/s')),
        ...measured.map((m) => cpuFigureOf(SUITE, `load ${count} rows`, m, 'ms/load')),
      ],
      ratios,
      notes: [
        `${count} rows (id, name, amount, qty) per load into an emptied table (TRUNCATE, untimed), ${rounds} ` +
          'measured rounds after one warm-up; the load is timed until its call returns, then the row count is checked.',
        `Hand-written and Knex batchInsert use ${BATCH} rows per INSERT like the SDK's default; Sequelize ` +
          'bulkCreate and TypeORM insert send their default single statement.',
      ],
    };
  },
};
