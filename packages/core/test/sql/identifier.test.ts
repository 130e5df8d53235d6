import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors/errors.js';
import {
  IdentifierKind,
  normalizeCatalogName,
  quoteIdentifier,
  validateIdentifier,
} from '../../src/sql/identifier.js';

/**
 * The identifier module's per-kind rules for backslashes and lengths (MatrixOne facts in docs/matrixone-facts.md,
 * "Names"). Every kind is listed, so a kind added later without a decision fails here.
 */
const BACKSLASH_NAME = 'a\\bs';

/** Whether each kind refuses a backslash: MatrixOne reads it as an escape where it copies the name into SQL. */
const REFUSES_BACKSLASH: Record<IdentifierKind, boolean> = {
  database: true,
  table: true,
  column: false,
  snapshot: true,
  pitr: true,
  publication: true,
  account: true,
  user: true,
  role: true,
  savepoint: true,
  index: true,
  stage: true,
  'cdc task': true,
};

/** Each kind's longest name: the catalog column that stores it on MatrixOne. */
const MAX_LENGTH: Record<IdentifierKind, number> = {
  database: 5000,
  table: 5000,
  column: 64,
  snapshot: 64,
  pitr: 5000,
  publication: 64,
  account: 300,
  user: 300,
  role: 100,
  savepoint: 64,
  index: 64,
  stage: 64,
  'cdc task': 64,
};

const kinds = Object.values(IdentifierKind);

function refusal(call: () => unknown): InvalidInputError | undefined {
  try {
    call();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return error as InvalidInputError;
  }
}

describe('backslashes in names', () => {
  it.each(kinds)('%s: refused exactly where MatrixOne would read it as an escape', (kind) => {
    const error = refusal(() => quoteIdentifier(BACKSLASH_NAME, kind));
    if (REFUSES_BACKSLASH[kind]) {
      expect(error?.message).toMatch(/backslash|may contain (?:only )?letters/);
    } else {
      expect(error).toBeUndefined();
      expect(quoteIdentifier(BACKSLASH_NAME, kind)).toBe('`a\\bs`');
    }
  });

  it.each(['\\', 'a\\\\b', 'end\\', '\\n', 'sp\\_01'])(
    'a snapshot or PITR name %j is refused, lower-cased or not',
    (name) => {
      for (const kind of [IdentifierKind.Snapshot, IdentifierKind.Pitr]) {
        expect(refusal(() => normalizeCatalogName(name, kind))).toBeInstanceOf(InvalidInputError);
        expect(refusal(() => normalizeCatalogName(name.toUpperCase(), kind))).toBeInstanceOf(
          InvalidInputError,
        );
      }
    },
  );
});

describe('quotes in names MatrixOne copies between quotes into its catalog SQL', () => {
  it.each([
    IdentifierKind.Publication,
    IdentifierKind.User,
    IdentifierKind.Role,
    IdentifierKind.Snapshot,
    IdentifierKind.Pitr,
    IdentifierKind.Database,
  ])('%s: a single or double quote is refused', (kind) => {
    for (const name of ["a'b", 'a"b', `x'; DROP DATABASE d; --`]) {
      expect(refusal(() => quoteIdentifier(name, kind))?.message).toMatch(/quotes/);
    }
  });

  it('table and column names keep their quotes (stored as given; reference silent on their catalog copies)', () => {
    expect(quoteIdentifier("it's", IdentifierKind.Table)).toBe("`it's`");
    expect(quoteIdentifier('say "hi"', IdentifierKind.Column)).toBe('`say "hi"`');
  });
});

describe('length limits', () => {
  it.each(kinds)('%s: the longest name passes and one character more is refused', (kind) => {
    const longest =
      kind === IdentifierKind.Savepoint
        ? `s${'0'.repeat(MAX_LENGTH[kind] - 1)}`
        : 'a'.repeat(MAX_LENGTH[kind]);
    expect(validateIdentifier(longest, kind)).toBe(longest);
    const error = refusal(() => validateIdentifier(`${longest}b`, kind));
    expect(error?.message).toBe(
      `The ${kind} name is ${MAX_LENGTH[kind] + 1} characters long; the limit is ${MAX_LENGTH[kind]}.`,
    );
  });

  it('takes the 67-character database name MatrixOne accepted in CREATE DATABASE and CLONE', () => {
    const name = `db_${'x'.repeat(64)}`;
    expect(name).toHaveLength(67);
    expect(quoteIdentifier(name, IdentifierKind.Database)).toBe(`\`${name}\``);
  });

  it('refuses the 67-character snapshot name MatrixOne would have cut to 64', () => {
    expect(
      refusal(() => normalizeCatalogName(`sp_${'x'.repeat(64)}`, IdentifierKind.Snapshot)),
    ).toBeDefined();
  });

  it('counts characters, not UTF-16 units: 64 astral characters fit a snapshot name', () => {
    const name = '\u{1f600}'.repeat(64);
    expect(name.length).toBe(128);
    expect(validateIdentifier(name, IdentifierKind.Snapshot)).toBe(name);
  });

  it('checks the lower-cased form a catalog name is sent as, which can be longer than the given one', () => {
    // 'İ' lower-cases to 'i' + U+0307: 40 characters become 80.
    const name = '\u0130'.repeat(40);
    expect(validateIdentifier(name, IdentifierKind.Snapshot)).toBe(name);
    expect(refusal(() => normalizeCatalogName(name, IdentifierKind.Snapshot))?.message).toContain(
      '80 characters long',
    );
  });
});
