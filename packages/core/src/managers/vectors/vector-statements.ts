/**
 * Pure builders for the vector statements (docs/matrixone-facts.md#vectors). No I/O: each returns the exact SQL
 * and its bound values. Names go through `sql/identifier.ts`; the op type is one of {@link VectorOpType}'s
 * values, written by `sql/literal.ts`; integers are validated; the query vector is always a bound `?` value
 * (written by `values/vector.ts`). `LIMIT` takes a validated integer in the SQL text because MatrixOne refuses
 * `LIMIT ?` in a prepared statement (`ERROR 1210 Incorrect arguments to EXECUTE`, observed on MatrixOne 4.2.0).
 */
import type { Statement } from '../../connection/executor.js';
import { InvalidInputError } from '../../errors/errors.js';
import { IdentifierKind, type TableRef, quoteIdentifier, quoteTable } from '../../sql/identifier.js';
import { integerLiteral, quoteString } from '../../sql/literal.js';
import { type VectorInput, type VectorPrecision, encodeVector } from '../../values/vector.js';
import { type SearchFilter, equalityConditions } from '../equality-filter.js';
import { oneOf } from '../one-of.js';
import { selectList } from '../select-list.js';
import { DISTANCE_FUNCTIONS, VectorDistance } from './vector-distance.js';
import {
  type CreateVectorIndexOptions,
  type HnswParameters,
  type ReindexVectorOptions,
  VectorIndexAlgorithm,
  VectorOpType,
} from './vector-index.js';

/** The alias of the distance column in a search; read back into `distance` and removed from the row. */
export const DISTANCE_ALIAS = 'mo_sdk_distance';

/** The largest value accepted for LISTS, M, EF_CONSTRUCTION and EF_SEARCH (the reference records no upper bound). */
const MAX_INDEX_PARAMETER = 2_147_483_647;
/** The largest `k`; MatrixOne records no bound, this keeps the integer exact. */
const MAX_K = Number.MAX_SAFE_INTEGER;

/**
 * How a filtered search combines the filter with the vector index: `LIMIT k BY RANK WITH OPTION 'mode=…'`
 * (observed on MatrixOne 4.2.0; the server refuses any other mode). Without it the server decides.
 */
export const VectorFilterMode = {
  /** Filter first, then rank. */
  Pre: 'pre',
  /** Rank through the index, then filter (may return fewer than `k` rows). */
  Post: 'post',
  /** Force the chosen strategy. */
  Force: 'force',
  /** Let the server choose. */
  Auto: 'auto',
  /** `include`, as the server names it. */
  Include: 'include',
} as const;
/** One of {@link VectorFilterMode}'s values. */
export type VectorFilterMode = (typeof VectorFilterMode)[keyof typeof VectorFilterMode];

/** A distance between a column and a vector, for SQL you write yourself: the fragment and its bound values. */
export interface DistanceExpression {
  /** `l2_distance(\`col\`, ?)`: names validated and quoted, the vector a `?` placeholder. */
  readonly sql: string;
  /** The value of the fragment's `?`: the encoded vector. Put it in your values where the fragment sits. */
  readonly values: readonly [string];
}

/** What a k-nearest-neighbours search needs. */
export interface KnnSearchOptions {
  /** The table; give `database` unless the connection's current database holds it. */
  readonly table: TableRef;
  /** The vector column. */
  readonly column: string;
  /** The query vector. */
  readonly vector: VectorInput;
  /** The distance to order by (default L2); an index serves the search only when its op type matches. */
  readonly distance?: VectorDistance;
  /** How many rows to return, at least 1. */
  readonly k: number;
  /** Keep only rows whose columns equal these values (AND); values are bound. */
  readonly where?: SearchFilter;
  /** The columns to return; every column (`*`) when omitted. */
  readonly columns?: readonly string[];
  /** The column's dimension: when given, a query vector of another length is refused before sending. */
  readonly dimension?: number;
  /** The column's precision, for the query vector's range check (default `vecf32`). */
  readonly precision?: VectorPrecision;
  /** `LIMIT k BY RANK WITH OPTION 'mode=…'`: how a filter combines with the index. */
  readonly filterMode?: VectorFilterMode;
}

/**
 * `CREATE INDEX i USING IVFFLAT ON t(v) [LISTS = n] OP_TYPE '…'` or
 * `CREATE INDEX i USING HNSW ON t(v) OP_TYPE '…' [M = … EF_CONSTRUCTION = … EF_SEARCH = …]`.
 * HNSW also needs `experimental_hnsw_index` on in the session: the manager scopes that, not this builder.
 *
 * @example
 * createVectorIndexStatement({ name: 'docs_v', table: { table: 'docs' }, column: 'v', algorithm: 'ivfflat', lists: 4 });
 * // { sql: "CREATE INDEX `docs_v` USING IVFFLAT ON `docs`(`v`) LISTS = 4 OP_TYPE 'vector_l2_ops'" }
 */
export function createVectorIndexStatement(options: CreateVectorIndexOptions): Statement {
  const name = quoteIdentifier(options.name, IdentifierKind.Index);
  const target = `${quoteTable(options.table)}(${quoteIdentifier(options.column, IdentifierKind.Column)})`;
  const opTypeName = oneOf(options.opType ?? VectorOpType.L2, VectorOpType, 'opType', 'The op type');
  const opType = `OP_TYPE ${quoteString(opTypeName, 'opType')}`;
  const algorithm = checkedAlgorithm(options.algorithm);
  if (algorithm === VectorIndexAlgorithm.IvfFlat) {
    refuseOptions(options, ['m', 'efConstruction', 'efSearch'], 'an IVF-flat index');
    const lists = 'lists' in options && options.lists !== undefined ? ` ${listsClause(options.lists)}` : '';
    return { sql: `CREATE INDEX ${name} USING IVFFLAT ON ${target}${lists} ${opType}` };
  }
  refuseOptions(options, ['lists'], 'an HNSW index (MatrixOne ignores LISTS there)');
  return {
    sql: `CREATE INDEX ${name} USING HNSW ON ${target} ${opType}${hnswClauses(options as HnswParameters)}`,
  };
}

/**
 * `ALTER TABLE t ALTER REINDEX i IVFFLAT [LISTS = n]` or `ALTER TABLE t ALTER REINDEX i HNSW [M = … …]`.
 * MatrixOne refuses the other algorithm's options (`not supported: ALTER REINDEX option "m" on a ivfflat index`),
 * so they are refused here first.
 *
 * @example
 * reindexStatement({ table: 'docs' }, 'docs_v', { algorithm: 'ivfflat', lists: 8 });
 * // { sql: 'ALTER TABLE `docs` ALTER REINDEX `docs_v` IVFFLAT LISTS = 8' }
 */
export function reindexStatement(table: TableRef, name: string, options: ReindexVectorOptions): Statement {
  const prefix = `ALTER TABLE ${quoteTable(table)} ALTER REINDEX ${quoteIdentifier(name, IdentifierKind.Index)}`;
  if (checkedAlgorithm(options.algorithm) === VectorIndexAlgorithm.IvfFlat) {
    refuseOptions(options, ['m', 'efConstruction', 'efSearch'], 'an IVF-flat index');
    const lists = 'lists' in options && options.lists !== undefined ? ` ${listsClause(options.lists)}` : '';
    return { sql: `${prefix} IVFFLAT${lists}` };
  }
  refuseOptions(options, ['lists'], 'an HNSW index');
  return { sql: `${prefix} HNSW${hnswClauses(options as HnswParameters)}` };
}

/**
 * The distance between a column and a vector as a SQL fragment with the vector bound.
 *
 * @example
 * distanceExpression('cosine', 'embedding', [1, 0]);
 * // { sql: 'cosine_distance(`embedding`, ?)', values: ['[1,0]'] }
 */
export function distanceExpression(
  distance: VectorDistance,
  column: string,
  vector: VectorInput,
  options: { readonly dimension?: number; readonly precision?: VectorPrecision } = {},
): DistanceExpression {
  const call = distanceCall(distance, vector, options);
  return {
    sql: `${call.functionName}(${quoteIdentifier(column, IdentifierKind.Column)}, ?)`,
    values: [call.vector],
  };
}

/** A distance as an ORM's own expression builder needs it: the checked function name and the encoded vector. */
export interface DistanceCall {
  /** The MatrixOne function (`l2_distance`, `cosine_distance`, …), one of a fixed list. */
  readonly functionName: string;
  /** The query vector as MatrixOne takes it (`[1,0]`), checked by `encodeVector`: bind it as a value. */
  readonly vector: string;
}

/**
 * The parts of a distance for an ORM that quotes the column itself (`fn(col, value)` builders): the function
 * name for `distance` (refused with `InvalidInputError` when unknown) and the vector encoded and checked.
 *
 * @example
 * distanceCall('cosine', [1, 0]); // { functionName: 'cosine_distance', vector: '[1,0]' }
 */
export function distanceCall(
  distance: VectorDistance,
  vector: VectorInput,
  options: { readonly dimension?: number; readonly precision?: VectorPrecision } = {},
): DistanceCall {
  return {
    functionName: DISTANCE_FUNCTIONS[oneOf(distance, VectorDistance, 'distance', 'The distance')],
    vector: encodeVector(vector, options),
  };
}

/**
 * `SELECT cols, <distance>(v, ?) AS mo_sdk_distance FROM t WHERE v IS NOT NULL [AND c = ? …]
 * ORDER BY mo_sdk_distance ASC LIMIT k [BY RANK WITH OPTION 'mode=…']`. Ordering ascending by the metric's alias
 * with a LIMIT is the shape that reaches a vector index whose op type matches (observed on MatrixOne 4.2.0);
 * `v IS NOT NULL` keeps rows without a vector out (a brute-force search would put them first).
 *
 * @example
 * knnSearchStatement({ table: { table: 'docs' }, column: 'v', vector: [1, 2, 3], k: 5, columns: ['id'] });
 * // { sql: 'SELECT `id`, l2_distance(`v`, ?) AS `mo_sdk_distance` FROM `docs` WHERE `v` IS NOT NULL ORDER BY `mo_sdk_distance` ASC LIMIT 5',
 * //   values: ['[1,2,3]'] }
 */
export function knnSearchStatement(options: KnnSearchOptions): Statement {
  const expression = distanceExpression(
    options.distance ?? VectorDistance.L2,
    options.column,
    options.vector,
    {
      ...(options.dimension !== undefined && { dimension: options.dimension }),
      ...(options.precision !== undefined && { precision: options.precision }),
    },
  );
  const columns = selectList(options.columns, 'columns', DISTANCE_ALIAS, 'distance');
  const column = quoteIdentifier(options.column, IdentifierKind.Column);
  const filter = equalityConditions(options.where);
  const where = [`${column} IS NOT NULL`, ...filter.conditions].join(' AND ');
  const k = integerLiteral(options.k, 'k', { min: 1, max: MAX_K });
  const mode =
    options.filterMode === undefined
      ? ''
      : ` BY RANK WITH OPTION ${quoteString(`mode=${oneOf(options.filterMode, VectorFilterMode, 'filterMode', 'The filter mode')}`, 'filterMode')}`;
  return {
    sql:
      `SELECT ${columns}, ${expression.sql} AS \`${DISTANCE_ALIAS}\` FROM ${quoteTable(options.table)} ` +
      `WHERE ${where} ORDER BY \`${DISTANCE_ALIAS}\` ASC LIMIT ${k}${mode}`,
    values: [...expression.values, ...filter.values],
  };
}

function listsClause(lists: unknown): string {
  return `LISTS = ${integerLiteral(lists, 'lists', { min: 1, max: MAX_INDEX_PARAMETER })}`;
}

function hnswClauses(options: HnswParameters): string {
  const clauses: string[] = [];
  const add = (keyword: string, value: unknown, argument: string): void => {
    if (value === undefined) return;
    clauses.push(`${keyword} = ${integerLiteral(value, argument, { min: 1, max: MAX_INDEX_PARAMETER })}`);
  };
  add('M', options.m, 'm');
  add('EF_CONSTRUCTION', options.efConstruction, 'efConstruction');
  add('EF_SEARCH', options.efSearch, 'efSearch');
  return clauses.length === 0 ? '' : ` ${clauses.join(' ')}`;
}

function refuseOptions(options: object, fields: readonly string[], what: string): void {
  const given = options as Record<string, unknown>;
  for (const field of fields) {
    if (given[field] !== undefined) {
      throw new InvalidInputError(field, `"${field}" is not an option of ${what}.`);
    }
  }
}

function checkedAlgorithm(algorithm: unknown): VectorIndexAlgorithm {
  if (algorithm !== VectorIndexAlgorithm.IvfFlat && algorithm !== VectorIndexAlgorithm.Hnsw) {
    throw new InvalidInputError(
      'algorithm',
      `The vector index algorithm must be "ivfflat" or "hnsw", got ${String(algorithm)}.`,
    );
  }
  return algorithm;
}
