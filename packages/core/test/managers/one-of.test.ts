import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors/errors.js';
import { FulltextMode, FulltextParser } from '../../src/managers/fulltext/fulltext-index.js';
import {
  createFulltextIndexStatement,
  matchExpression,
} from '../../src/managers/fulltext/fulltext-statements.js';
import { oneOf } from '../../src/managers/one-of.js';

describe('oneOf', () => {
  it("returns a value of the enum and refuses anything else, naming the option and the enum's values", () => {
    expect(oneOf('json_value', FulltextParser, 'parser', 'The parser')).toBe(FulltextParser.JsonValue);
    for (const given of ['NGRAM', '', undefined, 1]) {
      const error = (() => {
        try {
          oneOf(given, FulltextParser, 'parser', 'The parser');
        } catch (failure) {
          return failure;
        }
      })();
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({
        argument: 'parser',
        message: `The parser must be one of ngram, json, json_value, gojieba, got ${String(given)}.`,
      });
    }
  });

  it('is what the statement builders refuse an unknown choice with, before any SQL', () => {
    const index = { name: 'ft', table: { table: 'docs' }, columns: ['body'] };
    expect(() => createFulltextIndexStatement({ ...index, parser: 'bigram' as FulltextParser })).toThrow(
      'The parser must be one of ngram, json, json_value, gojieba, got bigram.',
    );
    expect(() => matchExpression(['body'], 'x', 'fuzzy' as FulltextMode)).toThrow(
      `The mode must be one of ${Object.values(FulltextMode).join(', ')}, got fuzzy.`,
    );
  });
});
