/**
 * The distances a k-nearest-neighbours search orders by, and the MatrixOne function behind each
 * (docs/matrixone-facts.md#vectors). Every function returns a DOUBLE; smaller means closer for all four.
 */

/** A distance, as an `as const` object and a matching union. */
export const VectorDistance = {
  /** Euclidean distance, `l2_distance(v, q)`. */
  L2: 'l2',
  /** Squared Euclidean distance, `l2_distance_sq(v, q)` (same order as L2, no square root). */
  L2Squared: 'l2_squared',
  /** Cosine distance, `cosine_distance(v, q)` = 1 − cosine similarity; `1` against a zero vector. */
  Cosine: 'cosine',
  /**
   * `inner_product(v, q)`, which MatrixOne returns **negated** (`inner_product('[1,2,3]','[1,1,1]')` = `-6`), so
   * that ascending order puts the most similar row first, as for the other distances. Negate it for the dot
   * product.
   */
  InnerProduct: 'inner_product',
} as const;
/** One of {@link VectorDistance}'s values. */
export type VectorDistance = (typeof VectorDistance)[keyof typeof VectorDistance];

/** The MatrixOne function of each distance. */
export const DISTANCE_FUNCTIONS: Readonly<Record<VectorDistance, string>> = {
  l2: 'l2_distance',
  l2_squared: 'l2_distance_sq',
  cosine: 'cosine_distance',
  inner_product: 'inner_product',
};
