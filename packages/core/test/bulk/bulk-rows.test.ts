import { describe, expect, it } from 'vitest';
import { type BulkRows, normalizeRows } from '../../src/bulk/bulk-rows.js';
import { InvalidInputError } from '../../src/errors/errors.js';

describe('normalizeRows', () => {
  it('takes the columns of object rows from the first row and keeps each row in that order', () => {
    expect(
      normalizeRows([
        { id: 1, name: 'a' },
        { name: 'b', id: 2 },
      ]),
    ).toEqual({
      columns: ['id', 'name'],
      rows: [
        [1, 'a'],
        [2, 'b'],
      ],
    });
  });

  it('passes explicit columns and tuples through', () => {
    const input = { columns: ['id'], rows: [[1], [2]] };
    expect(normalizeRows(input)).toEqual(input);
  });

  it('gives no rows for an empty array', () => {
    expect(normalizeRows([])).toEqual({ columns: [], rows: [] });
  });

  it.each<[string, unknown]>([
    ['a row with a missing key', [{ id: 1, name: 'a' }, { id: 2 }]],
    ['a row with another key', [{ id: 1 }, { other: 2 }]],
    ['a first row with no keys', [{}]],
    ['a row that is not an object', [{ id: 1 }, 5]],
    ['a tuple of the wrong length', { columns: ['id', 'name'], rows: [[1]] }],
    ['a row that is not a tuple', { columns: ['id'], rows: [{ id: 1 }] }],
    ['no columns', { columns: [], rows: [] }],
    ['neither shape', { rows: [] }],
  ])('refuses %s', (_, input) => {
    expect(() => normalizeRows(input as BulkRows)).toThrow(InvalidInputError);
  });
});
