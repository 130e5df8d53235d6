import { describe, expect, it } from 'vitest';
import {
  closingParenthesis,
  splitTopLevel,
  sqlTokens,
} from '../../../src/connection/matrixone/sql-tokens.js';

/** The items of `splitTopLevel` as their tokens' text, joined by spaces. */
function items(sql: string, endAtSemicolon?: boolean): string[] | undefined {
  return splitTopLevel(sqlTokens(sql), endAtSemicolon)?.map((item) =>
    item.map((token) => token.text).join(' '),
  );
}

describe('closingParenthesis', () => {
  it('finds the ) matching the ( at the index, across nested pairs', () => {
    const tokens = sqlTokens('a (b, (c), d) e');
    expect(closingParenthesis(tokens, 1)).toBe(9);
    expect(tokens[9]?.text).toBe(')');
  });

  it('is -1 when the parenthesis never closes', () => {
    expect(closingParenthesis(sqlTokens('(a, (b)'), 0)).toBe(-1);
  });
});

describe('splitTopLevel', () => {
  it('splits at the commas outside parentheses only', () => {
    expect(items("a = VALUES(a), b = CONCAT(b, ','), c = 1")).toEqual([
      'a = VALUES ( a )',
      "b = CONCAT ( b , ',' )",
      'c = 1',
    ]);
  });

  it('is undefined for an empty item or parentheses that do not match', () => {
    expect(items('a, , b')).toBeUndefined();
    expect(items('a,')).toBeUndefined();
    expect(items('a) , (b')).toBeUndefined();
    expect(items('a, (b')).toBeUndefined();
  });

  it('keeps a ; as text, unless told the list ends there', () => {
    expect(items('ADD c int, DROP d;')).toEqual(['ADD c int', 'DROP d ;']);
    expect(items('ADD c int, DROP d; SELECT 1', true)).toEqual(['ADD c int', 'DROP d']);
  });
});
