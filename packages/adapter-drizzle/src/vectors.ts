/**
 * Vector columns in Drizzle: a custom column type that declares `vecf32(n)` and reads and writes arrays through
 * core's checked `vectorTransformer`, and a distance as a Drizzle `sql` fragment for `orderBy` and `select`.
 */
import {
  type DecodedVector,
  type DecodedVectorKind,
  type VectorColumnOptions,
  type VectorDistance,
  type VectorInput,
  distanceCall,
  vectorColumnType,
  vectorTransformer,
} from '@matrixone/core';
import { type AnyColumn, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { customType } from 'drizzle-orm/mysql-core';

/**
 * A vector column (`vecf32(n)`, or `vecf64(n)` with `precision`): arrays in, arrays out (`Float32Array` with
 * `as: 'float32'`), each checked against `dimension`; NaN and ±Infinity are refused before any SQL is sent.
 *
 * @example
 * const docs = mysqlTable('docs', {
 *   id: bigint('id', { mode: 'number' }).primaryKey(),
 *   embedding: vector('embedding', { dimension: 768 }),
 * });
 * await db.insert(docs).values({ id: 1, embedding: embed('hello') });
 */
export function vector<A extends DecodedVectorKind = 'array'>(name: string, options: VectorColumnOptions<A>) {
  const transformer = vectorTransformer(options);
  return customType<{ data: DecodedVector<A>; driverData: string }>({
    dataType: () => vectorColumnType(options.dimension, options.precision),
    toDriver: (value) => transformer.to(value) as string,
    fromDriver: (cell) => transformer.from(cell) as DecodedVector<A>,
  })(name);
}

/**
 * The distance between a column and a vector as a Drizzle `sql` fragment (a number when selected): the column
 * written by Drizzle, the vector checked and bound. Ascending order puts the nearest first for every distance.
 *
 * @example
 * const nearest = await db
 *   .select({ id: docs.id, distance: vectorDistance(docs.embedding, 'cosine', query) })
 *   .from(docs)
 *   .orderBy(vectorDistance(docs.embedding, 'cosine', query))
 *   .limit(5);
 */
export function vectorDistance(
  column: AnyColumn | SQLWrapper,
  distance: VectorDistance,
  vector: VectorInput,
  options: Partial<Pick<VectorColumnOptions, 'dimension' | 'precision'>> = {},
): SQL<number> {
  const call = distanceCall(distance, vector, options);
  return sql<number>`${sql.raw(call.functionName)}(${column}, ${call.vector})`.mapWith(Number);
}
