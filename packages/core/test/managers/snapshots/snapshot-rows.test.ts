import { describe, expect, it } from 'vitest';
import { ServerError } from '../../../src/errors/errors.js';
import { matchesSnapshotFilter, parseSnapshotRow } from '../../../src/managers/snapshots/snapshot-rows.js';
import {
  type RecordedStep,
  findSteps,
  loadRecordedCase,
  recordedRows,
} from '../../support/recorded-cases.js';

const snapshotCase = loadRecordedCase('snapshot/snapshot');
const readCase = loadRecordedCase('snapshot/snapshotRead');
const levelsCase = loadRecordedCase('snapshot/sys_create_snapshot_for_sys_db_table_level');

/** Nanoseconds since the epoch for a UTC wall time (month 1-12) plus a fraction in nanoseconds. */
const utcNanos = (
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  sec: number,
  fraction: bigint,
): bigint => BigInt(Date.UTC(y, mo - 1, d, h, mi, sec)) * 1_000_000n + fraction;

const rowsOf = (steps: RecordedStep[], statement: string, index = 0): Record<string, string>[] => {
  const step = findSteps(steps, (sql) => sql.trim() === statement)[index];
  if (!step) throw new Error(`no recorded "${statement}" #${index}`);
  return recordedRows(step);
};

describe('parseSnapshotRow on recorded SHOW SNAPSHOTS output', () => {
  it('reads the upper-case headers of plain SHOW SNAPSHOTS (account and cluster levels, 6 fraction digits)', () => {
    const snapshots = rowsOf(snapshotCase, 'show snapshots;').map(parseSnapshotRow);
    expect(snapshots.map((s) => s.name)).toEqual([
      'snapshot_04',
      'snapshot_03',
      'snapshot_02',
      'snapshot_01',
    ]);
    expect(snapshots[0]).toMatchObject({
      level: 'account',
      account: 'default_1',
      database: undefined,
      table: undefined,
    });
    expect(snapshots[3]).toMatchObject({
      level: 'cluster',
      account: undefined,
      database: undefined,
      table: undefined,
    });
    expect(snapshots[0]?.timestamp.text).toBe('2025-07-19 05:51:11.493962');
    expect(snapshots[0]?.timestamp.nanoseconds).toBe(
      BigInt(Date.UTC(2025, 6, 19, 5, 51, 11)) * 1_000_000n + 493_962_000n,
    );
  });

  it('reads the lower-case headers of SHOW SNAPSHOTS WHERE', () => {
    const [snapshot] = rowsOf(snapshotCase, "show snapshots where SNAPSHOT_NAME = 'snapshot_01';").map(
      parseSnapshotRow,
    );
    expect(snapshot).toMatchObject({ name: 'snapshot_01', level: 'cluster', account: undefined });
    expect(snapshot?.timestamp.text).toBe('2025-07-19 05:51:09.380366');
    const [sp01] = rowsOf(readCase, "show snapshots where SNAPSHOT_NAME = 'sp01';").map(parseSnapshotRow);
    expect(sp01).toMatchObject({ name: 'sp01', level: 'account', account: 'sys' });
    expect(sp01?.timestamp.nanoseconds).toBe(utcNanos(2025, 11, 24, 14, 2, 5, 608_340_999n));
  });

  it('reads the typed layout with database and table levels and 8 or 9 fraction digits exactly', () => {
    const all = findSteps(levelsCase, (sql) => sql.trim() === 'show snapshots;')
      .filter((step) => step.outcome.kind === 'rows')
      .flatMap((step) => recordedRows(step).map(parseSnapshotRow));
    const table = all.find((s) => s.name === 'spsp03');
    expect(table).toMatchObject({ level: 'table', account: 'sys', database: 'db02', table: 'table01' });
    expect(table?.timestamp.text).toBe('2026-07-27 03:59:42.93179401');
    expect(table?.timestamp.nanoseconds).toBe(utcNanos(2026, 7, 27, 3, 59, 42, 931_794_010n));
    const database = all.find((s) => s.name === 'spsp01');
    expect(database).toMatchObject({
      level: 'database',
      account: 'sys',
      database: 'sp_test',
      table: undefined,
    });
    expect(database?.timestamp.nanoseconds).toBe(utcNanos(2026, 7, 27, 3, 59, 41, 943_381_033n));
    expect(all.map((s) => s.name)).toContain('select');
    expect(all.map((s) => s.name)).toContain('auto_increment');
  });

  it('reads an empty SHOW SNAPSHOTS as no snapshots', () => {
    const empty = findSteps(readCase, (sql) => sql.trim() === 'show snapshots;').find(
      (step) => step.outcome.kind === 'rows' && step.outcome.rows.length === 0,
    );
    expect(empty).toBeDefined();
    expect(recordedRows(empty as RecordedStep).map(parseSnapshotRow)).toEqual([]);
  });

  it('accepts SQL NULL for the optional columns and bytes for text', () => {
    const snapshot = parseSnapshotRow({
      SNAPSHOT_NAME: Buffer.from('sp'),
      TIMESTAMP: '2026-01-01 00:00:00',
      SNAPSHOT_LEVEL: 'cluster',
      ACCOUNT_NAME: null,
      DATABASE_NAME: null,
      TABLE_NAME: null,
    });
    expect(snapshot).toMatchObject({ name: 'sp', account: undefined, database: undefined, table: undefined });
  });

  it.each<[string, Record<string, unknown>]>([
    [
      'a missing column',
      { SNAPSHOT_NAME: 'sp', TIMESTAMP: '2026-01-01 00:00:00', SNAPSHOT_LEVEL: 'cluster' },
    ],
    [
      'an unknown level',
      {
        SNAPSHOT_NAME: 'sp',
        TIMESTAMP: '2026-01-01 00:00:00',
        SNAPSHOT_LEVEL: 'galaxy',
        ACCOUNT_NAME: '',
        DATABASE_NAME: '',
        TABLE_NAME: '',
      },
    ],
    [
      'an unreadable timestamp',
      {
        SNAPSHOT_NAME: 'sp',
        TIMESTAMP: 'yesterday',
        SNAPSHOT_LEVEL: 'cluster',
        ACCOUNT_NAME: '',
        DATABASE_NAME: '',
        TABLE_NAME: '',
      },
    ],
    [
      'a NULL name',
      {
        SNAPSHOT_NAME: null,
        TIMESTAMP: '2026-01-01 00:00:00',
        SNAPSHOT_LEVEL: 'cluster',
        ACCOUNT_NAME: '',
        DATABASE_NAME: '',
        TABLE_NAME: '',
      },
    ],
  ])('throws ServerError on %s', (_label, row) => {
    expect(() => parseSnapshotRow(row)).toThrow(ServerError);
  });
});

describe('matchesSnapshotFilter', () => {
  const snapshots = findSteps(levelsCase, (sql) => sql.trim() === 'show snapshots;')
    .filter((step) => step.outcome.kind === 'rows')
    .flatMap((step) => recordedRows(step).map(parseSnapshotRow));

  it('keeps snapshots of a database and of a table, comparing names case-insensitively', () => {
    const ofDb02 = snapshots.filter((s) => matchesSnapshotFilter(s, { database: 'DB02' }));
    expect(ofDb02.length).toBeGreaterThan(0);
    expect(ofDb02.every((s) => s.database === 'db02')).toBe(true);
    const ofTable = snapshots.filter((s) => matchesSnapshotFilter(s, { database: 'db02', table: 'table01' }));
    expect(ofTable.map((s) => s.name)).toEqual(['spsp03']);
    expect(snapshots.filter((s) => matchesSnapshotFilter(s, {}))).toHaveLength(snapshots.length);
  });

  it('combines level and account filters the server cannot take together', () => {
    const recorded = rowsOf(snapshotCase, 'show snapshots;').map(parseSnapshotRow);
    const accountLevel = recorded.filter((s) =>
      matchesSnapshotFilter(s, { level: 'account', account: 'DEFAULT_1' }),
    );
    expect(accountLevel.map((s) => s.name)).toEqual(['snapshot_04', 'snapshot_03', 'snapshot_02']);
    expect(
      recorded.filter((s) => matchesSnapshotFilter(s, { level: 'cluster', account: 'default_1' })),
    ).toEqual([]);
  });
});
