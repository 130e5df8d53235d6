import { InvalidInputError } from '../errors/errors.js';
/**
 * What every ORM's vector column has in common, so each adapter keeps only its ORM's glue: the column type
 * MatrixOne declares (`vecf32(768)`) and a two-way transformer between arrays and the text MatrixOne takes and
 * returns, checked by {@link encodeVector} and {@link decodeVector} (docs/guides/vectors.md#orms).
 */
import {
  type DecodedVector,
  type DecodedVectorKind,
  MAX_VECTOR_DIMENSION,
  type VectorInput,
  VectorPrecision,
  decodeVector,
  encodeVector,
} from './vector.js';

/** A vector column as an ORM declares it. */
export interface VectorColumnOptions<A extends DecodedVectorKind = 'array'> {
  /** The column's dimension: every vector written or read is checked against it. */
  readonly dimension: number;
  /** `vecf32` (default) or `vecf64`. */
  readonly precision?: VectorPrecision;
  /** What a read gives: `array` (default) for `number[]`, `float32` for a `Float32Array`. */
  readonly as?: A;
}

/**
 * The column type MatrixOne declares for a vector column: `vecf32(768)`, `vecf64(3)`. Refuses a dimension
 * outside 1…65535 and an unknown precision with {@link InvalidInputError}.
 *
 * @example
 * vectorColumnType(768); // 'vecf32(768)'
 * vectorColumnType(3, 'vecf64'); // 'vecf64(3)'
 */
export function vectorColumnType(
  dimension: number,
  precision: VectorPrecision = VectorPrecision.Float32,
): string {
  if (!Number.isSafeInteger(dimension) || dimension < 1 || dimension > MAX_VECTOR_DIMENSION) {
    throw new InvalidInputError(
      'dimension',
      `The dimension must be an integer from 1 to ${MAX_VECTOR_DIMENSION}, got ${String(dimension)}.`,
    );
  }
  if (precision !== VectorPrecision.Float32 && precision !== VectorPrecision.Float64) {
    throw new InvalidInputError(
      'precision',
      `The precision must be vecf32 or vecf64, got ${String(precision)}.`,
    );
  }
  return `${precision}(${dimension})`;
}

/**
 * Converts a vector column's values between the application (arrays) and the driver (text). Its shape is
 * TypeORM's `ValueTransformer`; the other adapters call it from their ORM's own hooks.
 */
export interface VectorTransformer<A extends DecodedVectorKind = 'array'> {
  /** To the driver: the checked text of a vector; `null` and `undefined` pass through. */
  to(value: VectorInput | null | undefined): string | null | undefined;
  /** From the driver: the text (or bytes) of a vector cell read back as an array; `null` and `undefined` pass through. */
  from(cell: string | Uint8Array | null | undefined): DecodedVector<A> | null | undefined;
}

/**
 * The transformer of a vector column: writes arrays with {@link encodeVector} (NaN, ±Infinity, a wrong length
 * refused before any SQL is sent) and reads cells with {@link decodeVector}, both checked against `dimension`.
 *
 * @example
 * const embedding = vectorTransformer({ dimension: 3 });
 * embedding.to([1, 2, 3]); // '[1,2,3]'
 * embedding.from('[1, 2, 3]'); // [1, 2, 3]
 */
export function vectorTransformer<A extends DecodedVectorKind = 'array'>(
  options: VectorColumnOptions<A>,
): VectorTransformer<A> {
  const { dimension, precision = VectorPrecision.Float32 } = options;
  vectorColumnType(dimension, precision);
  return {
    to: (value) =>
      value === null || value === undefined ? value : encodeVector(value, { dimension, precision }),
    from: (cell) =>
      cell === null || cell === undefined
        ? cell
        : decodeVector(cell, { dimension, ...(options.as !== undefined && { as: options.as }) }),
  };
}
