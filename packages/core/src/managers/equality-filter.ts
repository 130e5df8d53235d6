/**
 * Equality filters for the vector and full-text searches: `col = ?` joined by `AND` (`col IS NULL` for `null`),
 * names through `sql/identifier.ts`, values always bound. Only AND is built: MatrixOne refuses MATCH … AGAINST
 * under OR or NOT (docs/matrixone-facts.md#full-text-search).
 */
import { InvalidInputError } from '../errors/errors.js';
import { IdentifierKind, quoteIdentifier } from '../sql/identifier.js';

/** A value a search filter compares a column with; `null` matches SQL NULL (`IS NULL`). */
export type SearchFilterValue = string | number | bigint | boolean | Date | Uint8Array | null;

/** Columns and the values they must equal, all of them (AND). */
export type SearchFilter = Readonly<Record<string, SearchFilterValue>>;

/** The conditions of a filter, each ready to be joined with `AND`, and their bound values in order. */
export interface FilterConditions {
  readonly conditions: string[];
  readonly values: unknown[];
}

/**
 * Builds the conditions of an equality filter; no filter gives no conditions.
 *
 * @example
 * equalityConditions({ lang: 'en', deleted_at: null });
 * // { conditions: ['`lang` = ?', '`deleted_at` IS NULL'], values: ['en'] }
 */
export function equalityConditions(filter: SearchFilter | undefined): FilterConditions {
  if (filter === undefined) return { conditions: [], values: [] };
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    throw new InvalidInputError('where', 'The where filter must be an object of column names and values.');
  }
  const conditions: string[] = [];
  const values: unknown[] = [];
  for (const [column, value] of Object.entries(filter)) {
    const quoted = quoteIdentifier(column, IdentifierKind.Column);
    if (value === null) {
      conditions.push(`${quoted} IS NULL`);
      continue;
    }
    if (!isScalar(value)) {
      // mysql2 would expand an array or object into a list or `key = value` pairs, changing the statement.
      throw new InvalidInputError(
        `where.${column}`,
        `The filter value for "${column}" must be a string, number, bigint, boolean, Date, bytes or null.`,
      );
    }
    conditions.push(`${quoted} = ?`);
    values.push(value);
  }
  return { conditions, values };
}

function isScalar(value: unknown): boolean {
  return (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    typeof value === 'boolean' ||
    value instanceof Date ||
    value instanceof Uint8Array
  );
}
