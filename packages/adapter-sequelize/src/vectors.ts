/** Vectors in Sequelize models; order by distance with `fn` and core's `distanceCall` (docs/guides/vectors.md#orms). */
import {
  type DecodedVectorKind,
  type VectorColumnOptions,
  type VectorInput,
  vectorColumnType,
  vectorTransformer,
} from '@matrixone/core';
import { type AbstractDataType, DataTypes } from 'sequelize';

/**
 * A vector data type for a model attribute: `VECF32(n)` (`VECF64(n)` with `precision`) in the table Sequelize
 * creates, arrays in and out (`Float32Array` with `as: 'float32'`) checked against `dimension`; NaN and ±Infinity
 * are refused before any SQL is sent.
 *
 * @example
 * Doc.init({ id: { type: DataTypes.BIGINT, primaryKey: true }, embedding: vectorType({ dimension: 768 }) }, { sequelize });
 * await Doc.create({ id: 1, embedding: embed('hello') });
 */
export function vectorType<A extends DecodedVectorKind = 'array'>(
  options: VectorColumnOptions<A>,
): AbstractDataType {
  const transformer = vectorTransformer(options);
  const sql = vectorColumnType(options.dimension, options.precision).toUpperCase();
  // ABSTRACT's `stringify` and `bindParam` call `_stringify`: the checked text is bound (or escaped by Sequelize).
  return Object.assign(new DataTypes.ABSTRACT(), {
    key: 'MATRIXONE_VECTOR',
    toSql: () => sql,
    _stringify: (value: VectorInput) => transformer.to(value),
    // Called with the model as `this`, for values set and for cells a query returned.
    _sanitize: (value: unknown) =>
      typeof value === 'string' || value instanceof Uint8Array ? transformer.from(value) : value,
  });
}
