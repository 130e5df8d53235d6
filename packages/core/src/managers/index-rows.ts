/**
 * Reads SHOW INDEX and DESC rows for the vector and full-text managers (docs/matrixone-facts.md#vectors,
 * #full-text-search). MatrixOne's SHOW INDEX has the MySQL columns plus `Index_params`, a JSON object of the
 * index's options as strings (`{"lists":"4","op_type":"vector_l2_ops"}`, `{"parser":"ngram"}`) or empty.
 */
import type { Row } from '../connection/executor.js';
import { ServerError } from '../errors/errors.js';
import { numberCell, requiredCell, textCell } from './show-cell.js';

/** One SHOW INDEX row: one column of one index. */
export interface IndexColumnRow {
  /** `Key_name`. */
  readonly name: string;
  /** `Column_name`. */
  readonly column: string;
  /** `Seq_in_index`, 1-based. */
  readonly position: number;
  /** `Index_type`, lower-cased (`ivfflat`, `hnsw`, `fulltext`, …; empty for the primary key). */
  readonly type: string;
  /** `Index_params` parsed; empty when the server printed nothing. */
  readonly params: Readonly<Record<string, unknown>>;
}

const SHOW_INDEX = 'SHOW INDEX';

/**
 * Turns one SHOW INDEX row into an {@link IndexColumnRow}; throws {@link ServerError} when a column is missing
 * or `Index_params` is not a JSON object.
 *
 * @example
 * parseIndexRow({ Key_name: 'ref_ivf', Column_name: 'v', Seq_in_index: '1', Index_type: 'ivfflat',
 *   Index_params: '{"lists":"4","op_type":"vector_l2_ops"}' }).params.lists; // '4'
 */
export function parseIndexRow(row: Row): IndexColumnRow {
  const name = textCell(requiredCell(row, 'Key_name', SHOW_INDEX)) ?? '';
  const column = textCell(requiredCell(row, 'Column_name', SHOW_INDEX)) ?? '';
  const position = numberCell(requiredCell(row, 'Seq_in_index', SHOW_INDEX)) ?? 1;
  const type = (textCell(requiredCell(row, 'Index_type', SHOW_INDEX)) ?? '').toLowerCase();
  const paramsText = 'Index_params' in row ? (textCell(row.Index_params) ?? '').trim() : '';
  return { name, column, position, type, params: parseIndexParams(paramsText, name) };
}

/** One DESC row: a column and its type. */
export interface DescribedColumn {
  /** `Field`. */
  readonly name: string;
  /** `Type`, as printed (`VECF32(3)`, `BIGINT(64)`, `INT(32)`). */
  readonly type: string;
  /** Whether `Key` is `PRI`. */
  readonly primaryKey: boolean;
}

/**
 * Turns one DESC row into a {@link DescribedColumn}.
 *
 * @example
 * parseDescribeRow({ Field: 'v32', Type: 'VECF32(3)', Null: 'YES', Key: '', Default: 'NULL' }).type; // 'VECF32(3)'
 */
export function parseDescribeRow(row: Row): DescribedColumn {
  return {
    name: textCell(requiredCell(row, 'Field', 'DESC')) ?? '',
    type: textCell(requiredCell(row, 'Type', 'DESC')) ?? '',
    primaryKey: (textCell(row.Key) ?? '').toUpperCase() === 'PRI',
  };
}

/**
 * Reads the `Index_params` text of the index named `index`: `{}` when empty or `NULL`; throws
 * {@link ServerError} when it is not a JSON object.
 *
 * @example
 * parseIndexParams('{"parser":"ngram"}', 'ref_ftng').parser; // 'ngram'
 */
export function parseIndexParams(text: string, index: string): Readonly<Record<string, unknown>> {
  if (text === '' || text.toUpperCase() === 'NULL') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ServerError(`${SHOW_INDEX} returned unreadable Index_params for "${index}": ${text}`, {
      cause: error,
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ServerError(
      `${SHOW_INDEX} returned Index_params for "${index}" that is not an object: ${text}`,
    );
  }
  return parsed as Record<string, unknown>;
}
