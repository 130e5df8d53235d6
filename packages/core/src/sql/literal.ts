/**
 * The one place that turns values into SQL literals, for the few spots where MatrixOne's grammar takes a
 * string literal and a `?` placeholder cannot be used (PITR units and restore times, COMMENT, IDENTIFIED BY,
 * `{SNAPSHOT = '…'}`). Everywhere else values are bound with `?`.
 *
 * Quotes are doubled rather than backslash-escaped, so the literal keeps its meaning whether or not the
 * server runs with `NO_BACKSLASH_ESCAPES`; backslashes are doubled so that in the default mode the value
 * arrives unchanged. NUL characters are refused.
 */
import { InvalidInputError } from '../errors/errors.js';

/**
 * Returns `value` as a single-quoted SQL string literal.
 *
 * @example
 * quoteString("it's");   // "'it''s'"
 * quoteString('a\\b');   // "'a\\\\b'"
 */
export function quoteString(value: unknown, argument = 'value'): string {
  if (typeof value !== 'string') {
    throw new InvalidInputError(argument, `The ${argument} must be a string, got ${typeof value}.`);
  }
  if (value.includes('\0'))
    throw new InvalidInputError(argument, `The ${argument} must not contain a NUL character.`);
  if (!value.isWellFormed()) {
    throw new InvalidInputError(
      argument,
      `The ${argument} must be well-formed Unicode (it has a lone surrogate).`,
    );
  }
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/**
 * Like {@link quoteString}, with line feeds, carriage returns and tabs written as `\n`, `\r`, `\t` escapes
 * (how LOAD DATA and INTO OUTFILE terminators are written in MatrixOne's cases), so the statement stays on one line.
 *
 * @example
 * quoteStringEscaped('\r\n'); // "'\\r\\n'" (the SQL text '\r\n')
 */
export function quoteStringEscaped(value: unknown, argument = 'value'): string {
  return quoteString(value, argument).replaceAll('\n', '\\n').replaceAll('\r', '\\r').replaceAll('\t', '\\t');
}

/**
 * A LOAD DATA or INTO OUTFILE terminator (or `LINES STARTING BY` prefix): a non-empty string, written as
 * {@link quoteStringEscaped} writes it; throws {@link InvalidInputError} for an empty or non-string value.
 *
 * @example
 * quoteTerminator('\t', 'fieldsTerminatedBy'); // "'\\t'" (the SQL text '\t')
 */
export function quoteTerminator(value: unknown, argument: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new InvalidInputError(argument, `"${argument}" must be a non-empty string.`);
  }
  return quoteStringEscaped(value, argument);
}

/** Returns a non-negative safe integer as SQL text; throws {@link InvalidInputError} otherwise. */
export function integerLiteral(
  value: unknown,
  argument: string,
  range: { min: number; max: number },
): string {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < range.min || value > range.max) {
    throw new InvalidInputError(
      argument,
      `The ${argument} must be an integer from ${range.min} to ${range.max}, got ${typeof value === 'number' ? String(value) : typeof value}.`,
    );
  }
  return String(value);
}

/**
 * ` LIKE '…'` for a SHOW statement (which takes no placeholder), or nothing when no pattern is given.
 *
 * @example
 * likeClause('acc%'); // " LIKE 'acc%'"
 * likeClause(undefined); // ''
 */
export function likeClause(pattern: string | undefined): string {
  return pattern === undefined ? '' : ` LIKE ${quoteString(pattern, 'LIKE pattern')}`;
}
