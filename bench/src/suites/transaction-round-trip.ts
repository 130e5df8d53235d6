/**
 * Item 3: a transaction round trip (begin, a point select, an insert and an update, commit) through the core
 * client, through each adapter's client (`mo` statements) and through each ORM's own transaction, vs raw mysql2.
 */
import type { Queryable } from '@matrixone/core';
import type { Knex } from 'knex';
import { QueryTypes } from 'sequelize';
import { scaled } from '../config.js';
import { type Contender, compare, repeat } from '../measure/compare.js';
import { byName, cpuFigureOf, cpuRatioOf, figureOf, ratioOf } from '../measure/figures.js';
import type { Ratio, SuiteResult } from '../report/results.js';
import { ITEM_COUNT } from '../setup/server.js';
import type { Stacks } from '../setup/stacks.js';
import { drizzleSql } from './adapter-ops.js';
import { POINT_SELECT, SINGLE_INSERT } from './point-ops.js';
import { type Suite, pointId } from './suite.js';

const SUITE = '3. transaction round trip';
/** The third statement of every transaction. */
export const POINT_UPDATE = 'UPDATE items SET amount = amount + 1 WHERE id = ?';
const RAW = 'raw mysql2 (START TRANSACTION … COMMIT)';
/** Issue 16: `client.transaction` within 5 % of the hand-written transaction, and each adapter's of its ORM's own. */
const TARGET = { bound: 1.05, kind: 'at-most' } as const;

/** The three statements of one transaction, on the SDK. */
export async function threeStatements(mo: Queryable, index: number): Promise<void> {
  const id = pointId(index, ITEM_COUNT);
  await mo.query(POINT_SELECT, [id]);
  await mo.execute(SINGLE_INSERT, [`tx ${index}`, index / 4]);
  await mo.execute(POINT_UPDATE, [id]);
}

/** One transaction on a raw mysql2 pool, as hand-written code does it. */
export async function rawTransaction(stacks: Pick<Stacks, 'raw'>, index: number): Promise<void> {
  const id = pointId(index, ITEM_COUNT);
  const connection = await stacks.raw.getConnection();
  try {
    await connection.query('START TRANSACTION');
    await connection.query(POINT_SELECT, [id]);
    await connection.query(SINGLE_INSERT, [`tx ${index}`, index / 4]);
    await connection.query(POINT_UPDATE, [id]);
    await connection.query('COMMIT');
  } catch (error) {
    await connection.query('ROLLBACK');
    throw error;
  } finally {
    connection.release();
  }
}

function knexNative(knex: Knex, index: number): Promise<void> {
  const id = pointId(index, ITEM_COUNT);
  return knex.transaction(async (trx) => {
    await trx.raw(POINT_SELECT, [id]);
    await trx.raw(SINGLE_INSERT, [`tx ${index}`, index / 4]);
    await trx.raw(POINT_UPDATE, [id]);
  });
}

function contenders(stacks: Stacks, operations: number): Contender[] {
  const { core, knex, knexClient, sequelize, sequelizeClient, dataSource, typeormClient, drizzleClient } =
    stacks;
  const each = (name: string, transaction: (index: number) => Promise<unknown>): Contender => ({
    name,
    operations,
    round: () => repeat(operations, transaction),
  });
  return [
    each(RAW, (i) => rawTransaction(stacks, i)),
    each('core client.transaction', (i) => core.transaction((tx) => threeStatements(tx, i))),
    each('Knex adapter client.transaction (mo)', (i) =>
      knexClient.transaction(({ mo }) => threeStatements(mo, i)),
    ),
    each('Knex knex.transaction (trx.raw)', (i) => knexNative(knex, i)),
    each('Sequelize adapter client.transaction (mo)', (i) =>
      sequelizeClient.transaction(({ mo }) => threeStatements(mo, i)),
    ),
    each('Sequelize sequelize.transaction (query)', (i) =>
      sequelize.transaction(async (t) => {
        const id = pointId(i, ITEM_COUNT);
        await sequelize.query(POINT_SELECT, { replacements: [id], transaction: t, type: QueryTypes.SELECT });
        await sequelize.query(SINGLE_INSERT, { replacements: [`tx ${i}`, i / 4], transaction: t });
        await sequelize.query(POINT_UPDATE, { replacements: [id], transaction: t });
      }),
    ),
    each('TypeORM adapter client.transaction (mo)', (i) =>
      typeormClient.transaction(({ mo }) => threeStatements(mo, i)),
    ),
    each('TypeORM dataSource.transaction (manager.query)', (i) =>
      dataSource.transaction(async (manager) => {
        const id = pointId(i, ITEM_COUNT);
        await manager.query(POINT_SELECT, [id]);
        await manager.query(SINGLE_INSERT, [`tx ${i}`, i / 4]);
        await manager.query(POINT_UPDATE, [id]);
      }),
    ),
    each('Drizzle adapter client.transaction (mo)', (i) =>
      drizzleClient.transaction(({ mo }) => threeStatements(mo, i)),
    ),
    each('Drizzle db.transaction (tx.execute)', (i) =>
      stacks.drizzle.transaction(async (tx) => {
        const id = pointId(i, ITEM_COUNT);
        await tx.execute(drizzleSql(POINT_SELECT, [id]));
        await tx.execute(drizzleSql(SINGLE_INSERT, [`tx ${i}`, i / 4]));
        await tx.execute(drizzleSql(POINT_UPDATE, [id]));
      }),
    ),
  ];
}

/** The suite. */
export const transactionRoundTrip: Suite = {
  item: 3,
  title: 'Transaction round trip (begin, 3 statements, commit)',
  async run({ config, stacks }): Promise<SuiteResult> {
    const operations = scaled(config, 100, 10);
    const measured = await compare(contenders(stacks, operations), config.rounds);
    const raw = byName(measured, RAW);
    const core = byName(measured, 'core client.transaction');
    const ratios: Ratio[] = [
      ratioOf(SUITE, 'transaction', core, raw, TARGET),
      cpuRatioOf(SUITE, 'transaction', core, raw),
    ];
    for (const orm of ['Knex', 'Sequelize', 'TypeORM', 'Drizzle']) {
      const adapter = measured.find((m) => m.name.startsWith(`${orm} adapter`));
      const native = measured.find((m) => m.name.startsWith(orm) && !m.name.includes('adapter'));
      if (!adapter || !native) continue;
      ratios.push(
        ratioOf(SUITE, 'transaction', adapter, native, TARGET),
        cpuRatioOf(SUITE, 'transaction', adapter, native),
        ratioOf(SUITE, 'transaction', adapter, raw),
      );
    }
    return {
      figures: [
        ...measured.map((m) => figureOf(SUITE, 'transaction', m, 'ms/tx')),
        ...measured.map((m) => cpuFigureOf(SUITE, 'transaction', m, 'µs/tx', 1000)),
      ],
      ratios,
      notes: [`${operations} sequential transactions per round, each: point select, insert, update.`],
    };
  },
};
