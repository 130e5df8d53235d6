import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/errors/errors.js';
import {
  type CreatePitrOptions,
  type RestoreFromPitrOptions,
  alterPitrStatement,
  createPitrStatement,
  dropPitrStatement,
  restoreFromPitrStatement,
  showPitrStatement,
} from '../../../src/managers/pitr/pitr-statements.js';
import { PitrUnit } from '../../../src/managers/pitr/pitr.js';
import { findStep, findSteps, loadRecordedCase, normalizeSql } from '../../support/recorded-cases.js';

const PITR_CASES = ['pitr/pitr', 'pitr/pitr_basic', 'pitr/pitr_restore_account_clause'];
const recorded = PITR_CASES.flatMap((name) => loadRecordedCase(name));

/** Recorded statements differ from the SDK's only in case, spacing and back-quotes around names. */
function shape(sql: string): string {
  return normalizeSql(sql.replaceAll('`', ''));
}

function expectRecorded(sql: string): void {
  const step = findStep(recorded, (candidate) => shape(candidate) === shape(sql));
  const outcome = step.outcome;
  expect(outcome.kind === 'error' && outcome.message.startsWith('SQL parser error')).toBe(false);
}

describe('createPitrStatement', () => {
  const cases: Array<[CreatePitrOptions, string]> = [
    [
      { name: 'pitr01', level: 'cluster', range: { value: 1, unit: 'h' } },
      "CREATE PITR `pitr01` FOR CLUSTER RANGE 1 'h'",
    ],
    [
      { name: 'pitr01', level: 'account', range: { value: 1, unit: 'h' } },
      "CREATE PITR `pitr01` FOR ACCOUNT RANGE 1 'h'",
    ],
    [
      { name: 'p02', level: 'account', account: 'acc01', range: { value: 1, unit: 'd' } },
      "CREATE PITR `p02` FOR ACCOUNT `acc01` RANGE 1 'd'",
    ],
    [
      { name: 'account', level: 'database', database: 'test01', range: { value: 1, unit: 'mo' } },
      "CREATE PITR `account` FOR DATABASE `test01` RANGE 1 'mo'",
    ],
    [
      { name: 'pitr12', level: 'table', database: 'db01', table: 'table01', range: { value: 1, unit: 'h' } },
      "CREATE PITR `pitr12` FOR TABLE `db01` `table01` RANGE 1 'h'",
    ],
    [
      { name: '$%^#', level: 'table', database: 'test01', table: 't1', range: { value: 1, unit: 'y' } },
      "CREATE PITR `$%^#` FOR TABLE `test01` `t1` RANGE 1 'y'",
    ],
    [
      { name: 'SELECT', level: 'account', range: { value: 10, unit: 'd' } },
      "CREATE PITR `select` FOR ACCOUNT RANGE 10 'd'",
    ],
    [
      { name: 'pitr01', level: 'account', range: { value: 1, unit: 'h' }, ifNotExists: true },
      "CREATE PITR IF NOT EXISTS `pitr01` FOR ACCOUNT RANGE 1 'h'",
    ],
  ];

  it.each(cases)('builds %j as recorded', (options, sql) => {
    expect(createPitrStatement(options)).toEqual({ sql });
    expectRecorded(sql);
  });

  it('accepts exactly the range values and units the recorded CREATE statements accepted', () => {
    const creates = findSteps(recorded, (sql) =>
      /^create pitr \S+ for account range -?\d+ '[a-z]+';$/i.test(sql),
    );
    expect(creates.length).toBeGreaterThan(15);
    for (const step of creates) {
      const [, value = '', unit = ''] = /range (-?\d+) '([a-z]+)'/.exec(step.sql) ?? [];
      const build = () =>
        createPitrStatement({
          name: 'p07',
          level: 'account',
          range: { value: Number(value), unit: unit as PitrUnit },
        });
      const refusedByServer =
        step.outcome.kind === 'error' &&
        /invalid pitr (value|unit)|SQL parser error/.test(step.outcome.message);
      if (refusedByServer) expect(build, step.sql).toThrow(InvalidInputError);
      else expect(build, step.sql).not.toThrow();
    }
  });

  it('refuses ranges outside 1..100, fractions, unknown units and the reserved name', () => {
    const range = (value: number, unit: string) => ({ value, unit: unit as PitrUnit });
    for (const bad of [
      range(0, 'h'),
      range(101, 'd'),
      range(1.5, 'h'),
      range(Number.NaN, 'h'),
      range(1, 'H '),
      range(1, "h'"),
    ]) {
      expect(
        () => createPitrStatement({ name: 'p', level: 'cluster', range: bad }),
        JSON.stringify(bad),
      ).toThrow(InvalidInputError);
    }
    for (const unit of Object.values(PitrUnit)) {
      expect(createPitrStatement({ name: 'p', level: 'cluster', range: { value: 100, unit } }).sql).toContain(
        `RANGE 100 '${unit}'`,
      );
    }
    expect(() =>
      createPitrStatement({ name: 'SYS_MO_CATALOG_PITR', level: 'account', range: { value: 1, unit: 'h' } }),
    ).toThrow(/reserved/);
    expect(findStep(recorded, (sql) => sql.startsWith('create pitr sys_mo_catalog_pitr')).outcome).toEqual({
      kind: 'error',
      message: 'internal error: pitr name is reserved',
    });
  });

  it('refuses injection through names and levels before building any SQL', () => {
    const range = { value: 1, unit: PitrUnit.Hour };
    expect(() => createPitrStatement({ name: 'p`; DROP TABLE t; --', level: 'cluster', range })).toThrow(
      InvalidInputError,
    );
    expect(() => createPitrStatement({ name: "p'", level: 'cluster', range })).toThrow(InvalidInputError);
    expect(() => createPitrStatement({ name: 'p', level: 'account', account: 'a` b', range })).toThrow(
      InvalidInputError,
    );
    expect(() => createPitrStatement({ name: 'p', level: 'database', database: 'd\0', range })).toThrow(
      InvalidInputError,
    );
    expect(() =>
      createPitrStatement({ name: 'p', level: 'everything', range } as unknown as CreatePitrOptions),
    ).toThrow(InvalidInputError);
    for (const stray of [
      { level: 'database', database: 'd', account: 'acc01' },
      { level: 'cluster', database: 'd' },
      { level: 'account', table: 't' },
    ]) {
      expect(
        () => createPitrStatement({ name: 'p', range, ...stray } as CreatePitrOptions),
        JSON.stringify(stray),
      ).toThrow(InvalidInputError);
    }
    expect(
      findStep(recorded, (sql) => sql.startsWith('create pitr pitr07 for account acc01 database')).outcome,
    ).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/^SQL parser error/),
    });
    expect(createPitrStatement({ name: 'p', level: 'table', database: 'd', table: 'x`y', range }).sql).toBe(
      "CREATE PITR `p` FOR TABLE `d` `x``y` RANGE 1 'h'",
    );
  });
});

describe('alterPitrStatement, dropPitrStatement, showPitrStatement', () => {
  it('builds ALTER and DROP as recorded', () => {
    const statements = [
      alterPitrStatement({ name: 'pitr01', range: { value: 10, unit: 'd' } }),
      alterPitrStatement({ name: 'pitr100', range: { value: 1, unit: 'd' }, ifExists: true }),
      alterPitrStatement({ name: 'select', range: { value: 30, unit: 'd' } }),
      dropPitrStatement('pitr01'),
      dropPitrStatement('pitr100', { ifExists: true }),
      dropPitrStatement('$%^#'),
    ];
    expect(statements.map((statement) => statement.sql)).toEqual([
      "ALTER PITR `pitr01` RANGE 10 'd'",
      "ALTER PITR IF EXISTS `pitr100` RANGE 1 'd'",
      "ALTER PITR `select` RANGE 30 'd'",
      'DROP PITR `pitr01`',
      'DROP PITR IF EXISTS `pitr100`',
      'DROP PITR `$%^#`',
    ]);
    for (const { sql } of statements) expectRecorded(sql);
    expect(showPitrStatement()).toEqual({ sql: 'SHOW PITR' });
    expectRecorded('SHOW PITR');
  });

  it('refuses the ALTER ranges the server refused', () => {
    for (const sql of [
      "alter pitr pitr01 range 2000 'd';",
      "alter pitr pitr01 range 1 'yy';",
      "alter pitr pitr01 range -1 'd';",
    ]) {
      expect(findStep(recorded, (candidate) => candidate === sql).outcome.kind).toBe('error');
    }
    expect(() => alterPitrStatement({ name: 'pitr01', range: { value: 2000, unit: 'd' } })).toThrow(
      InvalidInputError,
    );
    expect(() => alterPitrStatement({ name: 'pitr01', range: { value: 1, unit: 'yy' as PitrUnit } })).toThrow(
      InvalidInputError,
    );
    expect(() => alterPitrStatement({ name: 'pitr01', range: { value: -1, unit: 'd' } })).toThrow(
      InvalidInputError,
    );
  });
});

describe('restoreFromPitrStatement', () => {
  const at = '2026-05-24 12:00:00';
  const cases: Array<[RestoreFromPitrOptions, string]> = [
    [{ pitr: 'p1', at, level: 'cluster' }, "RESTORE CLUSTER FROM PITR `p1` '2026-05-24 12:00:00'"],
    [{ pitr: 'p1', at, level: 'account' }, "RESTORE FROM PITR `p1` '2026-05-24 12:00:00'"],
    [
      { pitr: 'p1', at, level: 'account', account: 'Acc01' },
      "RESTORE ACCOUNT `acc01` FROM PITR `p1` '2026-05-24 12:00:00'",
    ],
    [
      { pitr: 'p1', at, level: 'account', account: 'acc02', sourceAccount: 'acc01' },
      "RESTORE ACCOUNT `acc02` FROM PITR `p1` '2026-05-24 12:00:00' AS `acc01`",
    ],
    [
      { pitr: 'p1', at, level: 'database', database: 'db01' },
      "RESTORE DATABASE `db01` FROM PITR `p1` '2026-05-24 12:00:00'",
    ],
    [
      { pitr: 'p1', at, level: 'table', database: 'db01', table: 't01' },
      "RESTORE DATABASE `db01` TABLE `t01` FROM PITR `p1` '2026-05-24 12:00:00'",
    ],
    [
      { pitr: 'p1', at: '2026-05-24 12:00:00.123456789', level: 'database', database: 'db01' },
      "RESTORE DATABASE `db01` FROM PITR `p1` '2026-05-24 12:00:00.123456789'",
    ],
  ];

  it.each(cases)('builds %j', (options, sql) => {
    expect(restoreFromPitrStatement(options)).toEqual({ sql });
  });

  it('sends the PITR name lower-cased, as the other PITR statements do', () => {
    expect(
      restoreFromPitrStatement({ pitr: 'Nightly_PITR', at, level: 'database', database: 'db01' }).sql,
    ).toBe("RESTORE DATABASE `db01` FROM PITR `nightly_pitr` '2026-05-24 12:00:00'");
  });

  it('builds the recorded RESTORE ACCOUNT … DATABASE … [TABLE …] FROM PITR forms', () => {
    const database = restoreFromPitrStatement({
      pitr: 'pitr_missing',
      at,
      level: 'database',
      account: 'sys',
      database: 'db01',
    });
    const table = restoreFromPitrStatement({
      pitr: 'pitr_missing',
      at,
      level: 'table',
      account: 'sys',
      database: 'db01',
      table: 't01',
    });
    expect(database.sql).toBe(
      "RESTORE ACCOUNT `sys` DATABASE `db01` FROM PITR `pitr_missing` '2026-05-24 12:00:00'",
    );
    expect(table.sql).toBe(
      "RESTORE ACCOUNT `sys` DATABASE `db01` TABLE `t01` FROM PITR `pitr_missing` '2026-05-24 12:00:00'",
    );
    for (const { sql } of [database, table]) {
      expect(findStep(recorded, (candidate) => shape(candidate) === shape(sql)).outcome).toEqual({
        kind: 'error',
        message: 'internal error: pitr pitr_missing does not exist',
      });
    }
  });

  it('refuses malformed or impossible times and injection through the time', () => {
    for (const bad of [
      '2026-05-24',
      '2026-05-24T12:00:00',
      '2026-02-30 12:00:00',
      '2026-05-24 24:00:00',
      '2026-05-24 12:00:00.1234567890',
      "2026-05-24 12:00:00'; DROP DATABASE db01; --",
      '2026-05-24 12:00:00\n',
    ]) {
      expect(() => restoreFromPitrStatement({ pitr: 'p1', at: bad, level: 'cluster' }), bad).toThrow(
        InvalidInputError,
      );
    }
    expect(() =>
      restoreFromPitrStatement({ pitr: 'p1', at, level: 'account', sourceAccount: 'acc01' }),
    ).toThrow(InvalidInputError);
    expect(() => restoreFromPitrStatement({ pitr: 'p 1', at, level: 'cluster' })).toThrow(InvalidInputError);
    for (const stray of [
      { level: 'cluster', account: 'acc01' },
      { level: 'account', database: 'db01' },
      { level: 'database', database: 'db01', table: 't01' },
      { level: 'table', database: 'db01', table: 't01', sourceAccount: 'acc01' },
    ]) {
      expect(
        () => restoreFromPitrStatement({ pitr: 'p1', at, ...stray } as RestoreFromPitrOptions),
        JSON.stringify(stray),
      ).toThrow(InvalidInputError);
    }
  });
});
