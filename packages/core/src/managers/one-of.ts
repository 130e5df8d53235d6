/**
 * The check every manager makes on an option that takes one value of a string enum (a snapshot level, a vector
 * distance, a full-text parser…), with one wording for its refusal.
 */
import { InvalidInputError } from '../errors/errors.js';

/**
 * `value` when it is one of `choices`' values; otherwise throws {@link InvalidInputError} for `option`:
 * "`what` must be one of …, got …".
 *
 * @example
 * oneOf('ngram', FulltextParser, 'parser', 'The parser'); // 'ngram'
 * oneOf('x', SnapshotLevel, 'level', 'The snapshot level'); // throws: The snapshot level must be one of cluster, account, …
 */
export function oneOf<E extends Record<string, string>>(
  value: unknown,
  choices: E,
  option: string,
  what: string,
): E[keyof E] {
  const allowed: readonly unknown[] = Object.values(choices);
  if (allowed.includes(value)) return value as E[keyof E];
  throw new InvalidInputError(option, `${what} must be one of ${allowed.join(', ')}, got ${String(value)}.`);
}
