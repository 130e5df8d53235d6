import { describe, expect, it } from 'vitest';
import { ServerError } from '../../../src/errors/errors.js';
import { parsePitrRow } from '../../../src/managers/pitr/pitr-rows.js';
import { findSteps, loadRecordedCase, recordedRows } from '../../support/recorded-cases.js';

const showPitrSteps = ['pitr/pitr', 'pitr/pitr_basic'].flatMap((name) =>
  findSteps(loadRecordedCase(name), (sql) => /^show pitr\b/i.test(sql)),
);

describe('parsePitrRow on recorded SHOW PITR output', () => {
  it('parses every recorded row, upper- and lower-case headers alike', () => {
    const rows = showPitrSteps.flatMap((step) => recordedRows(step));
    expect(rows.length).toBeGreaterThan(30);
    for (const row of rows) {
      const pitr = parsePitrRow(row);
      expect(pitr.name).toBe(row.PITR_NAME ?? row.pitr_name);
      expect(pitr.createdTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    }
  });

  it('turns `*` placeholders into undefined for each level', () => {
    const byName = new Map(
      showPitrSteps
        .flatMap((step) => recordedRows(step))
        .map((row) => [row.PITR_NAME ?? row.pitr_name, parsePitrRow(row)]),
    );
    expect(byName.get('pitr05')).toEqual({
      name: 'pitr05',
      level: 'cluster',
      account: undefined,
      database: undefined,
      table: undefined,
      range: { value: 1, unit: 'h' },
      createdTime: '2024-12-25 16:34:55',
      modifiedTime: '2024-12-25 16:34:55',
    });
    expect(byName.get('pitr10')).toMatchObject({
      level: 'database',
      account: 'sys',
      database: 'db01',
      table: undefined,
    });
    expect(byName.get('pitr12')).toMatchObject({
      level: 'table',
      account: 'sys',
      database: 'db01',
      table: 'table01',
    });
    expect(byName.get('$%^#')).toMatchObject({
      level: 'table',
      database: 'test01',
      table: 't1',
      range: { value: 1, unit: 'y' },
    });
    expect(byName.get('account')).toMatchObject({ level: 'database', range: { unit: 'mo' } });
  });

  it('keeps the second-precision session-zone times as printed, ALTER moving only the modified time', () => {
    const altered = showPitrSteps
      .flatMap((step) => recordedRows(step))
      .map(parsePitrRow)
      .find((pitr) => pitr.createdTime !== pitr.modifiedTime);
    expect(altered).toMatchObject({
      name: 'pitr01',
      account: 'acc02',
      createdTime: '2024-12-25 16:34:56',
      modifiedTime: '2024-12-25 16:34:57',
      range: { value: 1, unit: 'd' },
    });
  });

  it('reads driver values: numbers and Dates built in the local zone', () => {
    const pitr = parsePitrRow({
      PITR_NAME: 'p1',
      CREATED_TIME: new Date(2024, 11, 25, 16, 34, 55),
      MODIFIED_TIME: new Date(2024, 11, 25, 16, 34, 57),
      PITR_LEVEL: 'account',
      ACCOUNT_NAME: 'acc01',
      DATABASE_NAME: '*',
      TABLE_NAME: '*',
      PITR_LENGTH: 100,
      PITR_UNIT: 'd',
    });
    expect(pitr).toMatchObject({
      createdTime: '2024-12-25 16:34:55',
      modifiedTime: '2024-12-25 16:34:57',
      range: { value: 100 },
    });
  });

  it('rejects rows it cannot read with ServerError', () => {
    const row = {
      PITR_NAME: 'p1',
      CREATED_TIME: '2024-12-25 16:34:55',
      MODIFIED_TIME: '2024-12-25 16:34:55',
      PITR_LEVEL: 'account',
      ACCOUNT_NAME: 'sys',
      DATABASE_NAME: '*',
      TABLE_NAME: '*',
      PITR_LENGTH: '1',
      PITR_UNIT: 'h',
    };
    expect(() => parsePitrRow({ ...row, PITR_LEVEL: 'galaxy' })).toThrow(ServerError);
    expect(() => parsePitrRow({ ...row, PITR_UNIT: 'w' })).toThrow(ServerError);
    expect(() => parsePitrRow({ ...row, PITR_LENGTH: 'x' })).toThrow(ServerError);
    const { TABLE_NAME: _omitted, ...missing } = row;
    expect(() => parsePitrRow(missing)).toThrow(/TABLE_NAME/);
  });
});
