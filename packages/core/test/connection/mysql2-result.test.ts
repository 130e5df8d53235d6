import { describe, expect, it } from 'vitest';
import { statementResultOf } from '../../src/connection/mysql2-result.js';

describe('statementResultOf', () => {
  it('reads rows and column names from a SELECT response ([rows, fields])', () => {
    const result = statementResultOf([[{ a: 7, b: 'x' }], [{ name: 'a' }, { name: 'b' }]]);
    expect(result).toEqual({ rows: [{ a: 7, b: 'x' }], columns: ['a', 'b'], affectedRows: 0 });
  });

  it('reads affected rows and the insert id from a DML response ([header, undefined])', () => {
    const result = statementResultOf([{ affectedRows: 3, insertId: 41, changedRows: 0 }, undefined]);
    expect(result).toEqual({ rows: [], columns: [], affectedRows: 3, insertId: 41 });
  });

  it('leaves out the insert id when the server reports none (0)', () => {
    expect(statementResultOf([{ affectedRows: 1, insertId: 0 }, undefined])).toEqual({
      rows: [],
      columns: [],
      affectedRows: 1,
    });
  });

  it('gives an empty result set no columns when fields are missing', () => {
    expect(statementResultOf([[], undefined])).toEqual({ rows: [], columns: [], affectedRows: 0 });
  });
});
