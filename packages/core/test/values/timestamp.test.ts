import { InvalidInputError, isMatrixOneError } from '@matrixone/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MatrixOneTimestamp, isMatrixOneTimestamp } from '../../src/values/timestamp.js';

describe('MatrixOneTimestamp.parse', () => {
  it('reads the SHOW SNAPSHOTS texts of the reference with every fraction length', () => {
    const six = MatrixOneTimestamp.parse('2025-07-19 05:51:11.493962');
    expect(six.nanoseconds).toBe(BigInt(Date.UTC(2025, 6, 19, 5, 51, 11, 493)) * 1_000_000n + 962_000n);
    const eight = MatrixOneTimestamp.parse('2026-07-27 03:59:42.93179401');
    expect(eight.nanoseconds % 1_000_000_000n).toBe(931_794_010n);
    expect(eight.text).toBe('2026-07-27 03:59:42.93179401');
    const none = MatrixOneTimestamp.parse('2026-07-27 03:59:42');
    expect(none.nanoseconds).toBe(BigInt(Date.UTC(2026, 6, 27, 3, 59, 42)) * 1_000_000n);
    const nine = MatrixOneTimestamp.parse('2026-07-27 03:59:42.000000001');
    expect(nine.nanoseconds - none.nanoseconds).toBe(1n);
  });

  it('keeps the server text as printed and compares by nanoseconds', () => {
    const a = MatrixOneTimestamp.parse('2026-01-02 03:04:05.5');
    const b = MatrixOneTimestamp.parse('2026-01-02 03:04:05.500000000');
    expect(a.text).not.toBe(b.text);
    expect(a.equals(b)).toBe(true);
    expect(String(b)).toBe('2026-01-02 03:04:05.500000000');
    expect(JSON.stringify({ at: a })).toBe('{"at":"2026-01-02 03:04:05.5"}');
  });

  it.each([
    '2026-02-30 00:00:00',
    '2026-13-01 00:00:00',
    '2026-01-01 24:00:00',
    '2026-01-01 00:60:00',
    '0000-01-01 00:00:00',
    '2026-01-01T00:00:00Z',
    '2026-01-01 00:00:00.1234567890',
    "2026-01-01 00:00:00'; DROP TABLE t; --",
    '',
  ])('refuses %j with InvalidInputError', (text) => {
    expect(() => MatrixOneTimestamp.parse(text)).toThrow(InvalidInputError);
  });

  it('handles years before 1970 and four-digit years below 1000', () => {
    const early = MatrixOneTimestamp.parse('0099-03-04 05:06:07.25');
    expect(early.toDate().toISOString()).toBe('0099-03-04T05:06:07.250Z');
    expect(MatrixOneTimestamp.fromNanoseconds(early.nanoseconds).text).toBe('0099-03-04 05:06:07.25');
  });
});

describe('MatrixOneTimestamp.fromNanoseconds', () => {
  it('formats like Go: trailing fraction zeros and a bare dot dropped', () => {
    const base = BigInt(Date.UTC(2025, 6, 19, 5, 51, 11)) * 1_000_000n;
    expect(MatrixOneTimestamp.fromNanoseconds(base).text).toBe('2025-07-19 05:51:11');
    expect(MatrixOneTimestamp.fromNanoseconds(base + 493_962_000n).text).toBe('2025-07-19 05:51:11.493962');
    expect(MatrixOneTimestamp.fromNanoseconds(base + 1n).text).toBe('2025-07-19 05:51:11.000000001');
  });

  it('round-trips any nanosecond between years 1 and 9999 through its text', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -62_135_596_800_000_000_000n, max: 253_402_300_799_999_999_999n }),
        (ns) => {
          const ts = MatrixOneTimestamp.fromNanoseconds(ns);
          expect(MatrixOneTimestamp.parse(ts.text).nanoseconds).toBe(ns);
        },
      ),
    );
  });

  it('refuses values outside the layout and non-bigints', () => {
    expect(() => MatrixOneTimestamp.fromNanoseconds(253_402_300_800_000_000_000n)).toThrow(InvalidInputError);
    expect(() => MatrixOneTimestamp.fromNanoseconds(-62_135_596_800_000_000_001n)).toThrow(InvalidInputError);
    expect(() => MatrixOneTimestamp.fromNanoseconds(12 as unknown as bigint)).toThrow(InvalidInputError);
  });
});

describe('MatrixOneTimestamp.fromDate / toDate / from', () => {
  it('truncates to milliseconds in toDate', () => {
    const ts = MatrixOneTimestamp.parse('2026-07-27 03:59:42.93179401');
    expect(ts.toDate().toISOString()).toBe('2026-07-27T03:59:42.931Z');
    const before = MatrixOneTimestamp.fromNanoseconds(-1n);
    expect(before.toDate().getTime()).toBe(-1);
    expect(before.text).toBe('1969-12-31 23:59:59.999999999');
  });

  it('converts a Date in UTC and refuses an invalid Date', () => {
    const ts = MatrixOneTimestamp.fromDate(new Date('2026-01-02T03:04:05.600Z'));
    expect(ts.text).toBe('2026-01-02 03:04:05.6');
    expect(ts.nanoseconds).toBe(1_767_323_045_600_000_000n);
    const error = (() => {
      try {
        MatrixOneTimestamp.fromDate(new Date(Number.NaN), 'at');
      } catch (caught) {
        return caught;
      }
    })();
    expect(isMatrixOneError(error)).toBe(true);
    expect(error).toBeInstanceOf(InvalidInputError);
  });

  it('from() accepts a timestamp, a Date or text and returns equal instants', () => {
    const text = MatrixOneTimestamp.from('2026-01-02 03:04:05');
    expect(MatrixOneTimestamp.from(text)).toBe(text);
    expect(MatrixOneTimestamp.from(new Date('2026-01-02T03:04:05Z')).equals(text)).toBe(true);
    expect(isMatrixOneTimestamp(text)).toBe(true);
    expect(isMatrixOneTimestamp({ nanoseconds: 1n, text: 'x' })).toBe(false);
  });
});
