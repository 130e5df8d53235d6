/**
 * Vector indexes and vector columns from SHOW INDEX and DESC rows (docs/matrixone-facts.md#vectors):
 * `Index_type` `ivfflat` or `hnsw`, `Index_params` `{"lists":"4","op_type":"vector_l2_ops"}` (HNSW parameters
 * under the names of the SQL options, lower-cased: `m`, `ef_construction`, `ef_search`); DESC `Type` `VECF32(3)`.
 */
import type { Row } from '../../connection/executor.js';
import { ServerError } from '../../errors/errors.js';
import { type DescribedColumn, parseIndexRow } from '../index-rows.js';
import { numberCell, textCell } from '../show-cell.js';
import { type VectorColumn, type VectorIndex, VectorIndexAlgorithm, VectorOpType } from './vector-index.js';

const ALGORITHMS: readonly string[] = Object.values(VectorIndexAlgorithm);
const OP_TYPES: readonly string[] = Object.values(VectorOpType);
/** `VECF32(3)`, `vecf64(768)`, and the narrow types MatrixOne prints the same way. */
const VECTOR_TYPE = /^(vecf32|vecf64|vecbf16|vecf16|vecint8|vecuint8)\((\d+)\)$/i;

/**
 * The vector indexes among SHOW INDEX rows (other indexes are left out), in the order listed.
 *
 * @example
 * parseVectorIndexes([{ Key_name: 'ref_ivf', Column_name: 'v', Seq_in_index: 1, Index_type: 'ivfflat',
 *   Index_params: '{"lists":"4","op_type":"vector_l2_ops"}' }]);
 * // [{ name: 'ref_ivf', column: 'v', algorithm: 'ivfflat', opType: 'vector_l2_ops', lists: 4, … }]
 */
export function parseVectorIndexes(rows: readonly Row[]): VectorIndex[] {
  return rows
    .map(parseIndexRow)
    .filter((row) => ALGORITHMS.includes(row.type))
    .map((row) => {
      const opType = textCell(row.params.op_type);
      if (opType !== undefined && !OP_TYPES.includes(opType)) {
        throw new ServerError(
          `SHOW INDEX listed "${row.name}" with the op type "${opType}", unknown to this SDK.`,
        );
      }
      return {
        name: row.name,
        column: row.column,
        algorithm: row.type as VectorIndexAlgorithm,
        opType: opType as VectorOpType | undefined,
        lists: numberCell(row.params.lists),
        m: numberCell(row.params.m),
        efConstruction: numberCell(row.params.ef_construction),
        efSearch: numberCell(row.params.ef_search),
      };
    });
}

/**
 * A vector column's type from its DESC row; `undefined` when the column is not a vector.
 *
 * @example
 * vectorColumnOf({ name: 'v32', type: 'VECF32(3)', primaryKey: false }); // { name: 'v32', type: 'vecf32', dimension: 3 }
 */
export function vectorColumnOf(column: DescribedColumn): VectorColumn | undefined {
  const match = VECTOR_TYPE.exec(column.type.trim());
  if (!match) return undefined;
  return { name: column.name, type: (match[1] ?? '').toLowerCase(), dimension: Number(match[2]) };
}

/** Whether a DESC type is BIGINT (`BIGINT(64)`, `bigint`, `BIGINT UNSIGNED`). */
export function isBigintType(type: string): boolean {
  return /^bigint\b/i.test(type.trim());
}
