/**
 * Vector index kinds and their options (docs/matrixone-facts.md#vectors): IVF-flat and HNSW, as MatrixOne 4.2
 * creates them with `CREATE INDEX … USING IVFFLAT | HNSW … OP_TYPE '…'`.
 */
import type { TableRef } from '../../sql/identifier.js';

/** The index algorithm, as an `as const` object and a matching union. */
export const VectorIndexAlgorithm = {
  /**
   * IVF-flat: `LISTS` clusters, searched `probe_limit` at a time. Synchronous: a row is found through the index
   * right after its INSERT (also uncommitted, in its own transaction). Needs no session switch.
   */
  IvfFlat: 'ivfflat',
  /**
   * HNSW: a graph index. Creating one needs `experimental_hnsw_index` on in the session (the SDK turns it on for
   * the statement and back off) and a BIGINT primary key. **Asynchronous**: a row written after CREATE INDEX
   * reached search results after about 6 s, and after a DELETE a `LIMIT 3` search returned 2 rows for about
   * 9 s (observed on MatrixOne 4.2.0); an uncommitted row is not seen through it.
   */
  Hnsw: 'hnsw',
} as const;
/** One of {@link VectorIndexAlgorithm}'s values. */
export type VectorIndexAlgorithm = (typeof VectorIndexAlgorithm)[keyof typeof VectorIndexAlgorithm];

/**
 * The operator type an index is built for; a search reaches the index only with the matching distance
 * (`vector_l2_ops` serves L2 and L2 squared, `vector_cosine_ops` cosine, `vector_ip_ops` inner product).
 * Recorded on MatrixOne 4.2.0: IVF-flat with `vector_l2_ops` and `vector_cosine_ops`, HNSW with
 * `vector_l2_ops` and (on a VECF64 column) `vector_ip_ops`. The reference records no search plan for
 * `vector_ip_ops`, nor an IVF-flat index with it, nor HNSW with `vector_cosine_ops`; HNSW refuses
 * `vector_l1_ops`, which is therefore not offered.
 */
export const VectorOpType = {
  /** `vector_l2_ops`: L2 and L2-squared searches. */
  L2: 'vector_l2_ops',
  /** `vector_cosine_ops`: cosine searches. */
  Cosine: 'vector_cosine_ops',
  /** `vector_ip_ops`: inner-product searches. */
  InnerProduct: 'vector_ip_ops',
} as const;
/** One of {@link VectorOpType}'s values. */
export type VectorOpType = (typeof VectorOpType)[keyof typeof VectorOpType];

/** Options shared by both index kinds. */
interface CreateVectorIndexCommon {
  /** The index name. */
  readonly name: string;
  /** The table; give `database` unless the connection's current database holds it. */
  readonly table: TableRef;
  /** The vector column (`VECF32(n)` or `VECF64(n)`); one index of each algorithm per column. */
  readonly column: string;
  /** The operator type (default `vector_l2_ops`). */
  readonly opType?: VectorOpType;
}

/** `CREATE INDEX … USING IVFFLAT ON t (v) LISTS = n OP_TYPE '…'`. */
export interface CreateIvfFlatIndexOptions extends CreateVectorIndexCommon {
  readonly algorithm: typeof VectorIndexAlgorithm.IvfFlat;
  /** Number of lists (clusters), at least 1; the server's default (1) when omitted. */
  readonly lists?: number;
}

/** HNSW build and search parameters, each greater than 0; the server's defaults when omitted. */
export interface HnswParameters {
  /** `M`: links per node. */
  readonly m?: number;
  /** `EF_CONSTRUCTION`: candidate list size while building. */
  readonly efConstruction?: number;
  /** `EF_SEARCH`: candidate list size while searching. */
  readonly efSearch?: number;
}

/** `CREATE INDEX … USING HNSW ON t (v) OP_TYPE '…' [M = … EF_CONSTRUCTION = … EF_SEARCH = …]`. */
export interface CreateHnswIndexOptions extends CreateVectorIndexCommon, HnswParameters {
  readonly algorithm: typeof VectorIndexAlgorithm.Hnsw;
}

/** What `vectors.createIndex()` takes. */
export type CreateVectorIndexOptions = CreateIvfFlatIndexOptions | CreateHnswIndexOptions;

/** `ALTER TABLE t ALTER REINDEX i IVFFLAT [LISTS = n]`: rebuilds the index, optionally with new lists. */
export interface ReindexIvfFlatOptions {
  readonly algorithm: typeof VectorIndexAlgorithm.IvfFlat;
  /** The new number of lists; the index keeps its own when omitted. */
  readonly lists?: number;
}

/** `ALTER TABLE t ALTER REINDEX i HNSW [M = … EF_CONSTRUCTION = … EF_SEARCH = …]`. */
export interface ReindexHnswOptions extends HnswParameters {
  readonly algorithm: typeof VectorIndexAlgorithm.Hnsw;
}

/** What `vectors.reindex()` takes: the index's algorithm (MatrixOne refuses the other one's options) and options. */
export type ReindexVectorOptions = ReindexIvfFlatOptions | ReindexHnswOptions;

/** A vector index as SHOW INDEX lists it. */
export interface VectorIndex {
  /** The index name. */
  readonly name: string;
  /** The indexed column. */
  readonly column: string;
  /** The algorithm. */
  readonly algorithm: VectorIndexAlgorithm;
  /** The operator type; `undefined` if the server listed none. */
  readonly opType: VectorOpType | undefined;
  /** IVF-flat lists; `undefined` for HNSW. */
  readonly lists: number | undefined;
  /** HNSW `M`, when set at creation or reindex. */
  readonly m: number | undefined;
  /** HNSW `EF_CONSTRUCTION`, when set. */
  readonly efConstruction: number | undefined;
  /** HNSW `EF_SEARCH`, when set. */
  readonly efSearch: number | undefined;
}

/** The type of a vector column, read from DESC. */
export interface VectorColumn {
  /** The column name. */
  readonly name: string;
  /** `vecf32`, `vecf64`, or one of the narrow types (`vecbf16`, `vecf16`, `vecint8`, `vecuint8`). */
  readonly type: string;
  /** The dimension `n` of `VECF32(n)`. */
  readonly dimension: number;
}
