import { InvalidInputError } from '@matrixone/core';
import { describe, expect, it } from 'vitest';
import {
  type SnapshotPoint,
  restoreSnapshotClause,
  snapshotClause,
  tableAt,
} from '../../src/sql/snapshot-clause.js';
import { MatrixOneTimestamp } from '../../src/values/timestamp.js';

describe('snapshotClause', () => {
  it('builds the snapshot form with the name lower-cased', () => {
    expect(snapshotClause({ snapshot: 'sp01' })).toBe("{SNAPSHOT = 'sp01'}");
    expect(snapshotClause({ snapshot: 'SP_Mixed' })).toBe("{SNAPSHOT = 'sp_mixed'}");
  });

  it('builds the timestamp form as UTC text with full precision from each input kind', () => {
    expect(snapshotClause({ timestamp: '2026-07-27 03:59:42.93179401' })).toBe(
      "{TIMESTAMP = '2026-07-27 03:59:42.93179401'}",
    );
    expect(snapshotClause({ timestamp: new Date('2026-01-02T03:04:05.600Z') })).toBe(
      "{TIMESTAMP = '2026-01-02 03:04:05.6'}",
    );
    expect(
      snapshotClause({ timestamp: MatrixOneTimestamp.fromNanoseconds(1_767_323_045_000_000_007n) }),
    ).toBe("{TIMESTAMP = '2026-01-02 03:04:05.000000007'}");
  });

  it('builds the mo_ts form from a bigint, up to the recorded int64 maximum', () => {
    expect(snapshotClause({ moTs: 1_785_124_782_931_794_010n })).toBe('{MO_TS = 1785124782931794010}');
    expect(snapshotClause({ moTs: 9_223_372_036_854_775_807n })).toBe('{MO_TS = 9223372036854775807}');
  });

  it.each<[string, unknown]>([
    ['a quote in a snapshot name', { snapshot: "sp'}; DROP DATABASE x; --" }],
    ['a space in a snapshot name', { snapshot: 'sp 01' }],
    ['a backtick in a snapshot name', { snapshot: 'sp`01' }],
    ['an empty snapshot name', { snapshot: '' }],
    ['injection in a timestamp', { timestamp: "2026-01-01 00:00:00'} or 1=1 --" }],
    ['a zero mo_ts', { moTs: 0n }],
    ['a number mo_ts', { moTs: 5 }],
    ['an mo_ts past int64', { moTs: 9_223_372_036_854_775_808n }],
    ['two choices at once', { snapshot: 'sp01', moTs: 5n }],
    ['no choice', {}],
    ['null', null],
  ])('refuses %s with InvalidInputError', (_label, point) => {
    expect(() => snapshotClause(point as SnapshotPoint)).toThrow(InvalidInputError);
  });
});

describe('restoreSnapshotClause and tableAt', () => {
  it('builds the only form RESTORE accepts', () => {
    expect(restoreSnapshotClause('SP01')).toBe("{SNAPSHOT = 'sp01'}");
    expect(() => restoreSnapshotClause("x'")).toThrow(InvalidInputError);
  });

  it('pins a quoted table reference to a point in time', () => {
    expect(tableAt({ database: 'shop', table: 'orders' }, { snapshot: 'sp01' })).toBe(
      "`shop`.`orders`{SNAPSHOT = 'sp01'}",
    );
    expect(tableAt({ table: 'a`b' }, { moTs: 42n })).toBe('`a``b`{MO_TS = 42}');
  });
});
