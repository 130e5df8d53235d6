/** Item 1: a point select and a single-row insert through `client.query`/`execute` vs a raw mysql2 pool. */
import { scaled } from '../config.js';
import { type Contender, compare, repeat } from '../measure/compare.js';
import { byName, cpuFigureOf, cpuRatioOf, figureOf, ratioOf } from '../measure/figures.js';
import type { SuiteResult } from '../report/results.js';
import { ITEM_COUNT } from '../setup/server.js';
import { type Suite, pointId } from './suite.js';

const SUITE = '1. point ops';
/** SQL shared by every suite that runs the same statements. */
export const POINT_SELECT = 'SELECT id, name, amount FROM items WHERE id = ?';
export const SINGLE_INSERT = 'INSERT INTO writes (name, amount) VALUES (?, ?)';

/** The suite. */
export const pointOps: Suite = {
  item: 1,
  title: 'Point select and single-row insert: core client vs raw mysql2 pool',
  async run({ config, stacks }): Promise<SuiteResult> {
    const operations = scaled(config, 400, 20);
    const { core, raw } = stacks;
    const selects: Contender[] = [
      {
        name: 'raw mysql2 pool.query',
        operations,
        round: () => repeat(operations, (i) => raw.query(POINT_SELECT, [pointId(i, ITEM_COUNT)])),
      },
      {
        name: 'core client.query',
        operations,
        round: () => repeat(operations, (i) => core.query(POINT_SELECT, [pointId(i, ITEM_COUNT)])),
      },
    ];
    const inserts: Contender[] = [
      {
        name: 'raw mysql2 pool.query',
        operations,
        round: () => repeat(operations, (i) => raw.query(SINGLE_INSERT, [`raw ${i}`, i / 4])),
      },
      {
        name: 'core client.execute',
        operations,
        round: () => repeat(operations, (i) => core.execute(SINGLE_INSERT, [`core ${i}`, i / 4])),
      },
    ];
    const selected = await compare(selects, config.rounds);
    const inserted = await compare(inserts, config.rounds);
    const target = { bound: 1.03, kind: 'at-most' } as const;
    return {
      figures: [
        ...selected.map((m) => figureOf(SUITE, 'point select', m)),
        ...inserted.map((m) => figureOf(SUITE, 'single-row insert', m)),
        ...selected.map((m) => cpuFigureOf(SUITE, 'point select', m, 'µs/op', 1000)),
        ...inserted.map((m) => cpuFigureOf(SUITE, 'single-row insert', m, 'µs/op', 1000)),
      ],
      ratios: [
        ratioOf(
          SUITE,
          'point select',
          byName(selected, 'core client.query'),
          byName(selected, 'raw mysql2 pool.query'),
          target,
        ),
        ratioOf(
          SUITE,
          'single-row insert',
          byName(inserted, 'core client.execute'),
          byName(inserted, 'raw mysql2 pool.query'),
          target,
        ),
        cpuRatioOf(
          SUITE,
          'point select',
          byName(selected, 'core client.query'),
          byName(selected, 'raw mysql2 pool.query'),
        ),
        cpuRatioOf(
          SUITE,
          'single-row insert',
          byName(inserted, 'core client.execute'),
          byName(inserted, 'raw mysql2 pool.query'),
        ),
      ],
      notes: [`${operations} sequential operations per round; pools of 5 connections on both sides.`],
    };
  },
};
