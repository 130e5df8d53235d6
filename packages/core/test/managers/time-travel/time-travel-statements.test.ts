import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/errors/errors.js';
import {
  type FilterValue,
  timeTravelCountStatement,
  timeTravelSelectStatement,
} from '../../../src/managers/time-travel/time-travel-statements.js';
import { findStep, loadRecordedCase } from '../../support/recorded-cases.js';
import { sentText, statementShape } from '../snapshots/recorded-statement.js';

const recorded = loadRecordedCase('snapshot/snapshotRead');
const expectRecorded = (sent: string, recordedSql: string): void => {
  const step = findStep(recorded, (candidate) => candidate.trim() === recordedSql);
  expect(statementShape(sent)).toBe(statementShape(step.sql));
};

describe('timeTravelSelectStatement', () => {
  it('builds the recorded snapshot reads', () => {
    const all = timeTravelSelectStatement({ table: { table: 'snapshot01' } }, { snapshot: 'sp01' });
    expect(all).toEqual({ sql: "SELECT * FROM `snapshot01`{SNAPSHOT = 'sp01'}", values: [] });
    expectRecorded(sentText(all), "select * from snapshot01 {snapshot = 'sp01'};");

    const filtered = timeTravelSelectStatement(
      { table: { database: 'mo_catalog', table: 'mo_database' }, where: { datname: 'test' } },
      { snapshot: 'sp01' },
    );
    expect(filtered).toEqual({
      sql: "SELECT * FROM `mo_catalog`.`mo_database`{SNAPSHOT = 'sp01'} WHERE `datname` = ?",
      values: ['test'],
    });
    expectRecorded(
      sentText(filtered),
      "select * from mo_catalog.mo_database{snapshot = 'sp01'} where datname = 'test';",
    );
  });

  it('selects columns, filters on several columns and NULL, and sorts', () => {
    const statement = timeTravelSelectStatement(
      {
        table: { database: 'shop', table: 'orders' },
        columns: ['id', 'total'],
        where: { status: 'open', note: null, customer: 7 },
        orderBy: ['id', 'total'],
      },
      { moTs: 1_785_124_782_931_794_010n },
    );
    expect(statement).toEqual({
      sql:
        'SELECT `id`, `total` FROM `shop`.`orders`{MO_TS = 1785124782931794010} ' +
        'WHERE `status` = ? AND `note` IS NULL AND `customer` = ? ORDER BY `id`, `total`',
      values: ['open', 7],
    });
  });

  it('reads at a timestamp as exact UTC text', () => {
    expect(
      timeTravelSelectStatement({ table: { table: 't' } }, { timestamp: '2026-07-27 03:59:42.93179401' }).sql,
    ).toBe("SELECT * FROM `t`{TIMESTAMP = '2026-07-27 03:59:42.93179401'}");
  });

  it('keeps hostile filter values bound: the sent text escapes them', () => {
    const statement = timeTravelSelectStatement(
      { table: { table: 't' }, where: { name: "x' OR '1'='1" } },
      { snapshot: 'sp' },
    );
    expect(statement.sql).not.toContain('OR');
    expect(sentText(statement)).toBe(
      "SELECT * FROM `t`{SNAPSHOT = 'sp'} WHERE `name` = 'x\\' OR \\'1\\'=\\'1'",
    );
  });

  it.each<[string, () => unknown]>([
    [
      'an array filter value',
      () =>
        timeTravelSelectStatement(
          { table: { table: 't' }, where: { id: [1, 2] as unknown as FilterValue } },
          { snapshot: 'sp' },
        ),
    ],
    [
      'an object filter value',
      () =>
        timeTravelSelectStatement(
          { table: { table: 't' }, where: { id: { toSqlString: () => '1 OR 1' } as unknown as FilterValue } },
          { snapshot: 'sp' },
        ),
    ],
    [
      'an empty where',
      () => timeTravelSelectStatement({ table: { table: 't' }, where: {} }, { snapshot: 'sp' }),
    ],
    [
      'an empty column list',
      () => timeTravelSelectStatement({ table: { table: 't' }, columns: [] }, { snapshot: 'sp' }),
    ],
    [
      'a column with a NUL',
      () => timeTravelSelectStatement({ table: { table: 't' }, columns: ['a\0'] }, { snapshot: 'sp' }),
    ],
    [
      'a database with a quote',
      () => timeTravelSelectStatement({ table: { database: "d'", table: 't' } }, { snapshot: 'sp' }),
    ],
    [
      'a hostile snapshot',
      () => timeTravelSelectStatement({ table: { table: 't' } }, { snapshot: "sp'} UNION SELECT 1 --" }),
    ],
    [
      'no point in time',
      () => timeTravelSelectStatement({ table: { table: 't' } }, {} as { snapshot: string }),
    ],
  ])('refuses %s with InvalidInputError', (_label, build) => {
    expect(build).toThrow(InvalidInputError);
  });
});

describe('timeTravelCountStatement', () => {
  it('counts at a point in time with an optional bound filter', () => {
    expect(timeTravelCountStatement({ database: 'shop', table: 'orders' }, { snapshot: 'sp01' })).toEqual({
      sql: "SELECT COUNT(*) AS `count` FROM `shop`.`orders`{SNAPSHOT = 'sp01'}",
      values: [],
    });
    expect(timeTravelCountStatement({ table: 'orders' }, { snapshot: 'sp01' }, { status: 'open' })).toEqual({
      sql: "SELECT COUNT(*) AS `count` FROM `orders`{SNAPSHOT = 'sp01'} WHERE `status` = ?",
      values: ['open'],
    });
  });
});
