/**
 * Generators for the identifier and literal property tests: text built to break SQL quoting (quotes,
 * backticks, backslashes, comment markers, semicolons, NUL, lone surrogates, very long text, keywords) plus
 * the awkward names MatrixOne's own cases use (docs/matrixone-facts.md#names).
 */
import fc from 'fast-check';

/** Pieces that end or comment out a quoted token, or start a second statement. */
export const BREAKER_PIECES = [
  '`',
  '``',
  "'",
  "''",
  '"',
  '\\',
  "\\'",
  '\\`',
  '--',
  '-- ',
  '#',
  '/*',
  '*/',
  '/*!',
  ';',
  '\0',
  ' ',
  '\t',
  '\n',
  '\r',
  '\u001a',
  '%',
  '_',
  '$',
  '.',
  '@',
  '?',
  '{',
  '}',
  '=',
  'é',
  'ß',
  'İ',
  '中',
  '\u00a0',
  '\u2028',
  '\u202e',
  '\ufeff',
  // Lone surrogates, wrapped so that two pieces never pair up into one valid character.
  '\ud800x',
  'x\udfff',
  "'; DELETE FROM canary; --",
  '`; DELETE FROM canary; --',
  '"; DELETE FROM canary; --',
  "\\'; DELETE FROM canary; #",
  ' UNION SELECT 2',
  ' OR 1=1',
] as const;

/** Reserved and non-reserved words, including those MatrixOne's cases back-quote (`select`, `div`, …). */
export const KEYWORDS = [
  'select',
  'SELECT',
  'div',
  'ilike',
  'binary',
  '_binary',
  'add',
  'column',
  'current_date',
  'from',
  'where',
  'table',
  'key',
  'order',
  'group',
  'union',
  'null',
  'account',
  'snapshot',
  'pitr',
  'cluster',
  'data',
  'branch',
  'auto_increment',
  'AUTO_INCREMENT',
] as const;

/** Names recorded in MatrixOne's cases that need back-quotes (cases/pitr, cases/publication_subscription). */
export const RECORDED_AWKWARD_NAMES = [
  '$$$',
  '$%^#',
  '01929da4-89af-7ed8-8f32-8df9ed5ddd71',
  '0192fbbb-bfb0-7d54-a2fe-b7fd26dbdb14',
  'SP01',
  'sp_Test03',
  'a`b',
] as const;

/** Any character of the Basic Multilingual Plane except NUL and surrogates (two of those could pair up). */
const bmpUnit = fc
  .oneof(fc.integer({ min: 1, max: 0xd7ff }), fc.integer({ min: 0xe000, max: 0xffff }))
  .map((code) => String.fromCharCode(code));

/** Text whose characters all lie in the Basic Multilingual Plane, plus lone surrogates from the pieces. */
export function bmpText(maxLength: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: bmpUnit, maxLength }) },
    {
      weight: 3,
      arbitrary: fc.string({ unit: fc.constantFrom(...BREAKER_PIECES, ...KEYWORDS), maxLength: 6 }),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.string({ unit: 'grapheme-ascii', maxLength: 10 }),
          fc.constantFrom(...BREAKER_PIECES),
          fc.string({ unit: bmpUnit, maxLength: 10 }),
        )
        .map((parts) => parts.join('')),
    },
    { weight: 1, arbitrary: fc.constantFrom(...KEYWORDS, ...RECORDED_AWKWARD_NAMES) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 60, maxLength: 300 }) },
  );
}

/** Text with at least one character outside the Basic Multilingual Plane (emoji, historic scripts). */
export function astralText(): fc.Arbitrary<string> {
  const astral = fc.integer({ min: 0x10000, max: 0x10ffff }).map((code) => String.fromCodePoint(code));
  return fc
    .tuple(
      fc.string({ unit: 'grapheme-ascii', maxLength: 8 }),
      astral,
      fc.string({ unit: 'grapheme', maxLength: 8 }),
    )
    .map((parts) => parts.join(''));
}

/** Any text: full Unicode, breakers, keywords and very long values. */
export function anyText(maxLength: number): fc.Arbitrary<string> {
  return fc.oneof(
    bmpText(maxLength),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({ unit: 'binary-ascii', minLength: 1000, maxLength: 5000 }),
  );
}
