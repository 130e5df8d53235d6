/**
 * Item 2: the same point select and insert through `mo` bound to an ORM transaction vs the ORM's own raw query
 * in the same transaction. Each round is one ORM transaction in which both contenders take their turn.
 */
import { type DrizzleTransaction, matrixone as matrixoneDrizzle } from '@matrixone/adapter-drizzle';
import { matrixone as matrixoneKnex } from '@matrixone/adapter-knex';
import { matrixone as matrixoneSequelize } from '@matrixone/adapter-sequelize';
import { matrixone as matrixoneTypeorm } from '@matrixone/adapter-typeorm';
import type { Transaction } from '@matrixone/core';
import { sql } from 'drizzle-orm';
import type { Knex } from 'knex';
import { QueryTypes, type Transaction as SequelizeTransaction } from 'sequelize';
import type { EntityManager } from 'typeorm';
import { scaled } from '../config.js';
import {
  type Contender,
  type Measurement,
  type Session,
  compareInSessions,
  repeat,
} from '../measure/compare.js';
import { byName, cpuFigureOf, cpuRatioOf, figureOf, ratioOf } from '../measure/figures.js';
import type { Figure, Ratio, SuiteResult } from '../report/results.js';
import { ITEM_COUNT } from '../setup/server.js';
import type { Stacks } from '../setup/stacks.js';
import { POINT_SELECT, SINGLE_INSERT } from './point-ops.js';
import { type Suite, pointId } from './suite.js';

const SUITE = '2. adapters in an ORM transaction';
const SDK = 'mo (SDK bound to the ORM transaction)';

/** One ORM: how to open its transaction with `mo` bound, and its own raw query. */
interface OrmUnderTest<T> {
  readonly orm: string;
  readonly raw: string;
  readonly session: Session<{ trx: T; mo: Transaction }>;
  query(trx: T, sql: string, values: unknown[]): Promise<unknown>;
  execute(trx: T, sql: string, values: unknown[]): Promise<unknown>;
}

function knexUnderTest(stacks: Stacks): OrmUnderTest<Knex.Transaction> {
  return {
    orm: 'Knex',
    raw: 'trx.raw',
    session: (body) => stacks.knex.transaction((trx) => body({ trx, mo: matrixoneKnex(trx) })),
    query: (trx, sql, values) => trx.raw(sql, values as Knex.RawBinding[]),
    execute: (trx, sql, values) => trx.raw(sql, values as Knex.RawBinding[]),
  };
}

function sequelizeUnderTest(stacks: Stacks): OrmUnderTest<SequelizeTransaction> {
  const { sequelize } = stacks;
  return {
    orm: 'Sequelize',
    raw: 'sequelize.query',
    session: (body) => sequelize.transaction((t) => body({ trx: t, mo: matrixoneSequelize(t) })),
    query: (t, sql, values) =>
      sequelize.query(sql, { replacements: values, transaction: t, type: QueryTypes.SELECT }),
    execute: (t, sql, values) => sequelize.query(sql, { replacements: values, transaction: t }),
  };
}

function typeormUnderTest(stacks: Stacks): OrmUnderTest<EntityManager> {
  return {
    orm: 'TypeORM',
    raw: 'manager.query',
    session: (body) =>
      stacks.dataSource.transaction((manager) => body({ trx: manager, mo: matrixoneTypeorm(manager) })),
    query: (manager, sql, values) => manager.query(sql, values),
    execute: (manager, sql, values) => manager.query(sql, values),
  };
}

/** Drizzle's raw query with bound values: `sql` with each value as a parameter in place of its `?`. */
export function drizzleSql(text: string, values: readonly unknown[]) {
  const parts = text.split('?');
  return sql.join(
    parts.map((part, i) => (i < values.length ? sql`${sql.raw(part)}${values[i]}` : sql.raw(part))),
  );
}

function drizzleUnderTest(stacks: Stacks): OrmUnderTest<DrizzleTransaction> {
  return {
    orm: 'Drizzle',
    raw: 'tx.execute(sql)',
    session: (body) => stacks.drizzle.transaction((tx) => body({ trx: tx, mo: matrixoneDrizzle(tx) })),
    query: (tx, text, values) => tx.execute(drizzleSql(text, values)),
    execute: (tx, text, values) => tx.execute(drizzleSql(text, values)),
  };
}

async function measureOrm<T>(
  under: OrmUnderTest<T>,
  operations: number,
  rounds: number,
): Promise<{ figures: Figure[]; ratios: Ratio[] }> {
  const selects: Contender<{ trx: T; mo: Transaction }>[] = [
    {
      name: under.raw,
      operations,
      round: ({ trx }) => repeat(operations, (i) => under.query(trx, POINT_SELECT, [pointId(i, ITEM_COUNT)])),
    },
    {
      name: SDK,
      operations,
      round: ({ mo }) => repeat(operations, (i) => mo.query(POINT_SELECT, [pointId(i, ITEM_COUNT)])),
    },
  ];
  const inserts: Contender<{ trx: T; mo: Transaction }>[] = [
    {
      name: under.raw,
      operations,
      round: ({ trx }) => repeat(operations, (i) => under.execute(trx, SINGLE_INSERT, [`orm ${i}`, i / 4])),
    },
    {
      name: SDK,
      operations,
      round: ({ mo }) => repeat(operations, (i) => mo.execute(SINGLE_INSERT, [`mo ${i}`, i / 4])),
    },
  ];
  const selected = await compareInSessions(selects, rounds, under.session);
  const inserted = await compareInSessions(inserts, rounds, under.session);
  const target = { bound: 1.03, kind: 'at-most' } as const;
  const named = (m: Measurement): Measurement => ({ ...m, name: `${under.orm}: ${m.name}` });
  return {
    figures: [
      ...selected.map((m) => figureOf(SUITE, 'point select', named(m))),
      ...inserted.map((m) => figureOf(SUITE, 'single-row insert', named(m))),
      ...selected.map((m) => cpuFigureOf(SUITE, 'point select', named(m), 'µs/op', 1000)),
      ...inserted.map((m) => cpuFigureOf(SUITE, 'single-row insert', named(m), 'µs/op', 1000)),
    ],
    ratios: [
      ratioOf(
        SUITE,
        'point select',
        named(byName(selected, SDK)),
        named(byName(selected, under.raw)),
        target,
      ),
      ratioOf(
        SUITE,
        'single-row insert',
        named(byName(inserted, SDK)),
        named(byName(inserted, under.raw)),
        target,
      ),
      cpuRatioOf(SUITE, 'point select', named(byName(selected, SDK)), named(byName(selected, under.raw))),
      cpuRatioOf(
        SUITE,
        'single-row insert',
        named(byName(inserted, SDK)),
        named(byName(inserted, under.raw)),
      ),
    ],
  };
}

/** The suite. */
export const adapterOps: Suite = {
  item: 2,
  title: 'Point select and single-row insert: mo bound to the ORM transaction vs the ORM raw query',
  async run({ config, stacks }): Promise<SuiteResult> {
    const operations = scaled(config, 400, 20);
    const results = [
      await measureOrm(knexUnderTest(stacks), operations, config.rounds),
      await measureOrm(sequelizeUnderTest(stacks), operations, config.rounds),
      await measureOrm(typeormUnderTest(stacks), operations, config.rounds),
      await measureOrm(drizzleUnderTest(stacks), operations, config.rounds),
    ];
    return {
      figures: results.flatMap((result) => result.figures),
      ratios: results.flatMap((result) => result.ratios),
      notes: [
        `${operations} sequential operations per contender per round; each round is one ORM transaction in which ` +
          'both contenders take their turn (order alternating between rounds).',
      ],
    };
  },
};
