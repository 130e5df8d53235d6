/**
 * The two shapes rows can be given to `bulkInsert` in, and their normalisation into one column list and one
 * array of value tuples. Every row is checked here, before any SQL is sent.
 */
import { InvalidInputError } from '../errors/errors.js';

/**
 * Rows given as objects (column name → value; typed `object` so that rows of an interface type are accepted)
 * or as value tuples under an explicit column list.
 */
export type BulkRows =
  | readonly object[]
  | {
      /** Column names, in the order of each tuple's values. */
      readonly columns: readonly string[];
      /** One tuple of values per row, in `columns` order. */
      readonly rows: readonly (readonly unknown[])[];
    };

/** Rows as one column list and one tuple per row. */
export interface NormalizedRows {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

/**
 * Normalises both shapes. Object rows take their columns from the first row; every other row must have
 * exactly the same keys (a missing key would silently become NULL).
 */
export function normalizeRows(input: BulkRows): NormalizedRows {
  if (Array.isArray(input)) return fromObjects(input);
  if (typeof input !== 'object' || input === null || !('columns' in input) || !('rows' in input)) {
    throw new InvalidInputError(
      'rows',
      'bulkInsert takes an array of row objects or { columns, rows } with one value array per row.',
    );
  }
  return fromTuples(input.columns, input.rows);
}

function fromObjects(rows: readonly object[]): NormalizedRows {
  const first = rows[0];
  if (first === undefined) return { columns: [], rows: [] };
  const columns = keysOf(first, 0);
  if (columns.length === 0) {
    throw new InvalidInputError('rows', 'The first row has no columns; give every row at least one key.');
  }
  const tuples = rows.map((row, index) => {
    const keys = keysOf(row, index);
    if (!sameColumns(keys, columns, first)) {
      throw new InvalidInputError(
        'rows',
        `Row ${index} has the columns ${keys.join(', ')} but the first row has ${columns.join(', ')}; ` +
          'give every row the same keys (use null for a NULL).',
      );
    }
    return columns.map((column) => (row as Readonly<Record<string, unknown>>)[column]);
  });
  return { columns, rows: tuples };
}

/** Whether `keys` name the same columns as `columns` (the first row's keys), in any order. */
function sameColumns(keys: readonly string[], columns: readonly string[], first: object): boolean {
  if (keys.length !== columns.length) return false;
  // Rows built by the same code list their keys in the same order: compare in place before looking up.
  for (let index = 0; index < keys.length; index += 1) {
    if (keys[index] !== columns[index]) return keys.every((key) => Object.hasOwn(first, key));
  }
  return true;
}

function fromTuples(columns: readonly string[], rows: readonly (readonly unknown[])[]): NormalizedRows {
  if (!Array.isArray(columns) || columns.length === 0) {
    throw new InvalidInputError('columns', 'columns must be a non-empty array of column names.');
  }
  if (!Array.isArray(rows)) {
    throw new InvalidInputError('rows', 'rows must be an array with one value array per row.');
  }
  rows.forEach((row, index) => {
    if (!Array.isArray(row) || row.length !== columns.length) {
      throw new InvalidInputError(
        'rows',
        `Row ${index} must be an array of ${columns.length} values (one per column), got ` +
          `${Array.isArray(row) ? `${row.length} values` : typeof row}.`,
      );
    }
  });
  return { columns, rows };
}

function keysOf(row: unknown, index: number): string[] {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    throw new InvalidInputError('rows', `Row ${index} must be an object of column name to value.`);
  }
  return Object.keys(row);
}
