/**
 * Vector indexes and vector columns from SHOW INDEX and DESC rows (docs/matrixone-facts.md#vectors):
 * `Index_type` `ivfflat` or `hnsw`, `Index_params` `{"lists":"4","op_type":"vector_l2_ops"}` (HNSW parameters
 * under the names of the SQL options, lower-cased: `m`, `ef_construction`, `ef_search`); DESC `Type` `VECF32(3)`.
 */
import type { Row } from '../../connection/executor.js';
import { ServerError } from '../../errors/errors.js';
import { parseIndexParams } from '../index-params.js';
import { type ColumnInfo, parseIndexes } from '../metadata/metadata-rows.js';
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
 * parseVectorIndexes([{ Key_name: 'ref_ivf', Non_unique: 1, Column_name: 'v', Seq_in_index: 1, Index_type: 'ivfflat',
 *   Index_params: '{"lists":"4","op_type":"vector_l2_ops"}' }]);
 * // [{ name: 'ref_ivf', column: 'v', algorithm: 'ivfflat', opType: 'vector_l2_ops', lists: 4, … }]
 */
export function parseVectorIndexes(rows: readonly Row[]): VectorIndex[] {
  return parseIndexes(rows)
    .filter((index) => ALGORITHMS.includes(index.type))
    .map((index) => {
      const params = parseIndexParams(index.params ?? '', index.name);
      const opType = textCell(params.op_type);
      if (opType !== undefined && !OP_TYPES.includes(opType)) {
        throw new ServerError(
          `SHOW INDEX listed "${index.name}" with the op type "${opType}", unknown to this SDK.`,
        );
      }
      return {
        name: index.name,
        // A vector index has one column.
        column: index.columns[0] ?? '',
        algorithm: index.type as VectorIndexAlgorithm,
        opType: opType as VectorOpType | undefined,
        lists: numberCell(params.lists),
        m: numberCell(params.m),
        efConstruction: numberCell(params.ef_construction),
        efSearch: numberCell(params.ef_search),
      };
    });
}

/**
 * A vector column's type from its DESC row; `undefined` when the column is not a vector.
 *
 * @example
 * vectorColumnOf({ name: 'v32', type: 'VECF32(3)' }); // { name: 'v32', type: 'vecf32', dimension: 3 }
 */
export function vectorColumnOf(column: Pick<ColumnInfo, 'name' | 'type'>): VectorColumn | undefined {
  const match = VECTOR_TYPE.exec(column.type.trim());
  if (!match) return undefined;
  return { name: column.name, type: (match[1] ?? '').toLowerCase(), dimension: Number(match[2]) };
}

/** Whether a DESC type is BIGINT (`BIGINT(64)`, `bigint`, `BIGINT UNSIGNED`). */
export function isBigintType(type: string): boolean {
  return /^bigint\b/i.test(type.trim());
}
