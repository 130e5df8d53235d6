/**
 * Vector columns in Knex: a schema-builder helper for the column and a `Knex.Raw` distance for `orderByRaw` and
 * `select`. Values go in and out through core's `vectorTransformer` (Knex has no column types of its own).
 */
import {
  type VectorColumnOptions,
  type VectorDistance,
  type VectorInput,
  distanceCall,
  vectorColumnType,
} from '@matrixone/core';
import type { Knex } from 'knex';

/**
 * Adds a vector column (`vecf32(n)` or `vecf64(n)`) to a table being created or altered.
 *
 * @example
 * await knex.schema.createTable('docs', (table) => {
 *   table.bigInteger('id').primary();
 *   vectorColumn(table, 'embedding', { dimension: 768 });
 * });
 */
export function vectorColumn(
  table: Knex.CreateTableBuilder | Knex.AlterTableBuilder,
  name: string,
  options: Pick<VectorColumnOptions, 'dimension' | 'precision'>,
): Knex.ColumnBuilder {
  return table.specificType(name, vectorColumnType(options.dimension, options.precision));
}

/**
 * The distance between a column and a vector as a `Knex.Raw`: the column quoted by Knex (`??`, so `docs.embedding`
 * works), the vector checked (against `options.dimension` when given) and bound. Ascending order puts the nearest first for every distance.
 *
 * @example
 * const nearest = await knex('docs')
 *   .select('id', 'title', knex.raw('? AS distance', [vectorDistance(knex, 'cosine', 'embedding', query)]))
 *   .orderByRaw(vectorDistance(knex, 'cosine', 'embedding', query))
 *   .limit(5);
 */
export function vectorDistance(
  knex: Knex | Knex.Transaction,
  distance: VectorDistance,
  column: string,
  vector: VectorInput,
  options: Partial<Pick<VectorColumnOptions, 'dimension' | 'precision'>> = {},
): Knex.Raw {
  const call = distanceCall(distance, vector, options);
  return knex.raw(`${call.functionName}(??, ?)`, [column, call.vector]);
}
