/**
 * The select list of a vector or full-text search: the caller's columns, names through `sql/identifier.ts`, or
 * `*`. The SDK's own alias for the distance or score column is refused: a column of that name would collide.
 */
import { InvalidInputError } from '../errors/errors.js';
import { IdentifierKind, quoteIdentifier } from '../sql/identifier.js';

/**
 * `columns` quoted and joined, or `*` when omitted; throws {@link InvalidInputError} for `argument` when the list
 * is empty or names `alias`, the SDK's `what` alias (`distance`, `score`).
 *
 * @example
 * selectList(['id', 'title'], 'columns', 'mo_sdk_distance', 'distance'); // '`id`, `title`'
 * selectList(undefined, 'select', 'mo_sdk_score', 'score'); // '*'
 */
export function selectList(
  columns: readonly string[] | undefined,
  argument: string,
  alias: string,
  what: string,
): string {
  if (columns === undefined) return '*';
  if (!Array.isArray(columns) || columns.length === 0) {
    throw new InvalidInputError(
      argument,
      `The ${argument} list must name at least one column; omit it for every column.`,
    );
  }
  return columns
    .map((column) => {
      if (column === alias) {
        throw new InvalidInputError(argument, `The column name "${alias}" is the SDK's ${what} alias.`);
      }
      return quoteIdentifier(column, IdentifierKind.Column);
    })
    .join(', ');
}
