import { describe, expect, it } from 'vitest';
import { toStatementResult } from '../src/raw-result.js';

describe('toStatementResult', () => {
  it('reads rows and column names from a SELECT response ([rows, fields])', () => {
    const result = toStatementResult([[{ a: 7, b: 'x' }], [{ name: 'a' }, { name: 'b' }]]);
    expect(result).toEqual({ rows: [{ a: 7, b: 'x' }], columns: ['a', 'b'], affectedRows: 0 });
  });

  it('reads affected rows and the insert id from a DML response ([header, undefined])', () => {
    const result = toStatementResult([{ affectedRows: 3, insertId: 41, changedRows: 0 }, undefined]);
    expect(result).toEqual({ rows: [], columns: [], affectedRows: 3, insertId: 41 });
  });

  it('leaves out the insert id when the server reports none (0)', () => {
    expect(toStatementResult([{ affectedRows: 1, insertId: 0 }, undefined])).toEqual({
      rows: [],
      columns: [],
      affectedRows: 1,
    });
  });

  it('gives an empty result set no columns when fields are missing', () => {
    expect(toStatementResult([[], undefined])).toEqual({ rows: [], columns: [], affectedRows: 0 });
  });
});
