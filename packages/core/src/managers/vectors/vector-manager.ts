/**
 * `client.vectors` and `tx.vectors`: vector indexes, k-nearest-neighbours searches, distance expressions and the
 * session settings a search needs (docs/matrixone-facts.md#vectors). Every statement is DDL, a query or SET,
 * which MatrixOne allows inside a transaction, so every method also runs on `tx`.
 */
import type { Executor, Row } from '../../connection/executor.js';
import { InvalidInputError, NotFoundError, ServerError } from '../../errors/errors.js';
import type { TableRef } from '../../sql/identifier.js';
import { integerLiteral } from '../../sql/literal.js';
import {
  type DecodeVectorOptions,
  type DecodedVector,
  type DecodedVectorKind,
  type EncodeVectorOptions,
  type VectorInput,
  type VectorPrecision,
  decodeVector,
  encodeVector,
} from '../../values/vector.js';
import { dropIndex } from '../drop-index.js';
import { describeTableStatement, showIndexStatement } from '../index-statements.js';
import type { ManagerContext } from '../manager-context.js';
import { type ColumnInfo, parseColumnRow } from '../metadata/metadata-rows.js';
import { runOnOneConnection } from '../one-connection.js';
import { prepareOperation } from '../prepare-operation.js';
import { type OnOneConnection, type SessionSetting, withSessionVariables } from '../session-variables.js';
import { textCell } from '../show-cell.js';
import type { VectorDistance } from './vector-distance.js';
import {
  type CreateVectorIndexOptions,
  type ReindexVectorOptions,
  type VectorColumn,
  type VectorIndex,
  VectorIndexAlgorithm,
} from './vector-index.js';
import { isBigintType, parseVectorIndexes, vectorColumnOf } from './vector-rows.js';
import {
  DISTANCE_ALIAS,
  type DistanceExpression,
  type KnnSearchOptions,
  createVectorIndexStatement,
  distanceExpression,
  knnSearchStatement,
  reindexStatement,
} from './vector-statements.js';

/** The largest `probe_limit` the SDK sets (the reference records only the minimum, 1). */
const MAX_PROBE_LIMIT = 2_147_483_647;

/** Session settings for vector work, each scoped to one call (set before, set back after). */
export interface VectorSessionSettings {
  /** `probe_limit`: IVF-flat lists probed per search, at least 1 (server default 5). More lists, better recall. */
  readonly probeLimit?: number;
  /**
   * `experimental_hnsw_index`: needed on to **create** (and, as the SDK assumes, reindex) an HNSW index;
   * searching works with it off. `vectors.createIndex()` turns it on by itself.
   */
  readonly hnswIndex?: boolean;
}

/** A k-nearest-neighbours search: {@link KnnSearchOptions} plus the session's `probe_limit` for this search. */
export interface VectorSearchOptions extends KnnSearchOptions {
  /**
   * `probe_limit` for this search only (IVF-flat lists probed; server default 5). Set on the search's own
   * connection and set back after it.
   */
  readonly probeLimit?: number;
}

/** One row a search found and its distance from the query vector. */
export interface VectorSearchHit<R = Row> {
  /** The row's selected columns (vector columns arrive as text: read them with `vectors.decode`). */
  readonly row: R;
  /** The distance (DOUBLE); for inner product, the **negated** dot product. */
  readonly distance: number;
}

/** Runs one statement on the connection `withSettings` pinned: `sql` with its `?` values, returning the rows. */
export type SessionQuery = <R = Row>(sql: string, values?: readonly unknown[]) => Promise<R[]>;

/** Options of `vectors.dropIndex()`. */
export interface DropVectorIndexOptions {
  /** Succeed when the table has no index of that name (default `false`: NotFoundError). */
  readonly ifExists?: boolean;
}

/** Vector indexes, searches and values. */
export class VectorManager {
  readonly #context: ManagerContext;
  readonly #pin: OnOneConnection | undefined;

  /**
   * Managers are reached through a client or a transaction (`client.vectors`, `tx.vectors`), not built.
   *
   * @internal
   */
  constructor(context: ManagerContext, pin?: OnOneConnection) {
    this.#context = context;
    this.#pin = pin;
  }

  /**
   * Creates an IVF-flat or HNSW index on a vector column and returns it as SHOW INDEX lists it. Checked first
   * (DESC of the table, no change sent): the column must be a vector column (`VECF32`/`VECF64` for IVF-flat);
   * HNSW needs one BIGINT primary-key column. For HNSW the SDK turns `experimental_hnsw_index` on for the
   * statement, on the same connection, and back to its previous value after.
   *
   * HNSW is asynchronous: rows written after the index exists reach searches only seconds later, and deleted
   * rows leave gaps for a while (a `LIMIT 3` search returned 2 rows for about 9 s); IVF-flat sees every change
   * at once. Use IVF-flat when a search must see the latest writes.
   *
   * @example
   * await client.vectors.createIndex({
   *   name: 'docs_embedding', table: { database: 'kb', table: 'docs' }, column: 'embedding',
   *   algorithm: 'ivfflat', lists: 16, opType: 'vector_cosine_ops',
   * });
   */
  async createIndex(options: CreateVectorIndexOptions): Promise<VectorIndex> {
    await prepareOperation(this.#context, 'vectors.createIndex');
    const statement = createVectorIndexStatement(options);
    if (options.algorithm === VectorIndexAlgorithm.Hnsw) {
      // The switch, the checks and the statement share one connection: the transaction's or a pinned one.
      await runOnOneConnection(this.#context, this.#pin, 'vectors.createIndex', async (executor) => {
        const columns = await describe(executor, options.table);
        requireVectorColumn(columns, options.column, options.table);
        requireBigintKey(columns);
        await withSessionVariables(executor, [HNSW_ON], () => executor.run(statement));
      });
    } else {
      const column = requireVectorColumn(
        await describe(this.#context.executor, options.table),
        options.column,
        options.table,
      );
      if (column.type !== 'vecf32' && column.type !== 'vecf64') {
        throw new InvalidInputError(
          'column',
          `IVF-flat indexes only VECF32/VECF64 columns; "${column.name}" is ${column.type.toUpperCase()}(${column.dimension}).`,
        );
      }
      await this.#context.executor.run(statement);
    }
    return this.#requireIndex(options.table, options.name);
  }

  /**
   * Lists the vector indexes of a table (other indexes are left out).
   *
   * @example
   * const indexes = await client.vectors.listIndexes({ database: 'kb', table: 'docs' });
   */
  async listIndexes(table: TableRef): Promise<VectorIndex[]> {
    await prepareOperation(this.#context, 'vectors.listIndexes');
    return this.#list(table);
  }

  /**
   * Rebuilds a vector index, optionally with new parameters (`ALTER TABLE … ALTER REINDEX`); give the index's
   * own algorithm. For HNSW the SDK turns `experimental_hnsw_index` on for the statement (the reference records
   * REINDEX only with it on).
   *
   * @example
   * await client.vectors.reindex({ table: 'docs' }, 'docs_embedding', { algorithm: 'ivfflat', lists: 64 });
   */
  async reindex(table: TableRef, name: string, options: ReindexVectorOptions): Promise<void> {
    await prepareOperation(this.#context, 'vectors.reindex');
    const statement = reindexStatement(table, name, options);
    if (options.algorithm === VectorIndexAlgorithm.Hnsw) {
      await runOnOneConnection(this.#context, this.#pin, 'vectors.reindex', (executor) =>
        withSessionVariables(executor, [HNSW_ON], () => executor.run(statement)),
      );
      return;
    }
    await this.#context.executor.run(statement);
  }

  /**
   * Drops an index (`DROP INDEX i ON t`). With `ifExists`, the table's indexes are listed first and a missing
   * one is not an error (MatrixOne has no recorded `DROP INDEX IF EXISTS`).
   *
   * @example
   * await client.vectors.dropIndex({ table: 'docs' }, 'docs_embedding', { ifExists: true });
   */
  async dropIndex(table: TableRef, name: string, options: DropVectorIndexOptions = {}): Promise<void> {
    await prepareOperation(this.#context, 'vectors.dropIndex');
    await dropIndex(this.#context.executor, table, name, options.ifExists === true);
  }

  /**
   * Reads a vector column's type and dimension (from DESC); throws {@link NotFoundError} when the table has no
   * such column and {@link InvalidInputError} when it is not a vector column.
   *
   * @example
   * const { dimension } = await client.vectors.describeColumn({ table: 'docs' }, 'embedding'); // 768
   */
  async describeColumn(table: TableRef, column: string): Promise<VectorColumn> {
    await prepareOperation(this.#context, 'vectors.describeColumn');
    return requireVectorColumn(await describe(this.#context.executor, table), column, table);
  }

  /**
   * The `k` rows nearest to a query vector, nearest first, each with its distance. The query vector is bound,
   * never spliced; rows whose vector is NULL are left out. A search reaches a vector index only when the
   * index's op type matches the distance (`vector_l2_ops`: L2 and L2 squared; `vector_cosine_ops`: cosine);
   * otherwise MatrixOne scans the table, with the same result. With an HNSW index and a filter, the index
   * over-fetches and may still return fewer than `k` rows; an HNSW index also lags behind recent writes.
   *
   * @example
   * const hits = await client.vectors.search<{ id: number; title: string }>({
   *   table: { table: 'docs' }, column: 'embedding', vector: queryEmbedding, distance: 'cosine', k: 5,
   *   where: { lang: 'en' }, columns: ['id', 'title'], probeLimit: 8,
   * });
   * hits[0]?.row.title; hits[0]?.distance;
   */
  async search<R = Row>(options: VectorSearchOptions): Promise<VectorSearchHit<R>[]> {
    await prepareOperation(this.#context, 'vectors.search');
    const statement = knnSearchStatement(options);
    if (options.probeLimit === undefined)
      return hitsOf<R>((await this.#context.executor.run(statement)).rows);
    const settings = sessionSettings({ probeLimit: options.probeLimit });
    return runOnOneConnection(this.#context, this.#pin, 'vectors.search', async (executor) =>
      hitsOf<R>((await withSessionVariables(executor, settings, () => executor.run(statement))).rows),
    );
  }

  /**
   * Runs `work` on one connection with session settings applied, and sets them back after (also when `work`
   * throws). `work` gets a `query` function bound to that connection; on `tx` that is the transaction's own
   * connection, on the client one checked out for the call (a short transaction).
   *
   * @example
   * const rows = await client.vectors.withSettings({ probeLimit: 16 }, (query) =>
   *   query('SELECT id FROM docs ORDER BY l2_distance(embedding, ?) LIMIT 10', [client.vectors.encode(q)]),
   * );
   */
  async withSettings<T>(
    settings: VectorSessionSettings,
    work: (query: SessionQuery) => Promise<T>,
  ): Promise<T> {
    await prepareOperation(this.#context, 'vectors.withSettings');
    const scoped = sessionSettings(settings);
    return runOnOneConnection(this.#context, this.#pin, 'vectors.withSettings', (executor) =>
      withSessionVariables(executor, scoped, () => work(queryOn(executor))),
    );
  }

  /**
   * A distance between a column and a vector as a SQL fragment and its bound value, for SQL you write
   * yourself. Sends nothing.
   *
   * @example
   * const d = client.vectors.distance('l2', 'embedding', q);
   * const rows = await client.query(
   *   `SELECT id, ${d.sql} AS d FROM docs WHERE lang = ? ORDER BY d LIMIT 10`, [...d.values, 'en'],
   * );
   */
  distance(
    distance: VectorDistance,
    column: string,
    vector: VectorInput,
    options: { readonly dimension?: number; readonly precision?: VectorPrecision } = {},
  ): DistanceExpression {
    return distanceExpression(distance, column, vector, options);
  }

  /**
   * Writes a vector as the text MatrixOne takes (`[1,2,3]`), to bind as a `?` value; see {@link encodeVector}.
   *
   * @example
   * await client.execute('INSERT INTO docs (id, embedding) VALUES (?, ?)', [1, client.vectors.encode(e, { dimension: 768 })]);
   */
  encode(vector: VectorInput, options?: EncodeVectorOptions): string {
    return encodeVector(vector, options);
  }

  /**
   * Reads a vector cell as MatrixOne returns it (`[1, 2, NaN]`); see {@link decodeVector}.
   *
   * @example
   * const embedding = client.vectors.decode(row.embedding, { as: 'float32', dimension: 768 });
   */
  decode<A extends DecodedVectorKind = 'array'>(
    cell: string | Uint8Array,
    options?: DecodeVectorOptions<A>,
  ): DecodedVector<A> {
    return decodeVector(cell, options);
  }

  async #list(table: TableRef): Promise<VectorIndex[]> {
    const { rows } = await this.#context.executor.run(showIndexStatement(table));
    return parseVectorIndexes(rows);
  }

  async #requireIndex(table: TableRef, name: string): Promise<VectorIndex> {
    const wanted = name.toLowerCase();
    const index = (await this.#list(table)).find((candidate) => candidate.name.toLowerCase() === wanted);
    if (index === undefined) {
      throw new ServerError(
        `CREATE INDEX succeeded but SHOW INDEX does not list the vector index "${name}".`,
      );
    }
    return index;
  }
}

async function describe(executor: Executor, table: TableRef): Promise<ColumnInfo[]> {
  return (await executor.run(describeTableStatement(table))).rows.map(parseColumnRow);
}

function requireVectorColumn(columns: readonly ColumnInfo[], name: string, table: TableRef): VectorColumn {
  const wanted = name.toLowerCase();
  const column = columns.find((candidate) => candidate.name.toLowerCase() === wanted);
  if (column === undefined) {
    throw new NotFoundError(`The table "${table.table}" has no column "${name}".`);
  }
  const vector = vectorColumnOf(column);
  if (vector === undefined) {
    throw new InvalidInputError(
      'column',
      `The column "${column.name}" is ${column.type}, not a vector column.`,
    );
  }
  return vector;
}

/** MatrixOne refuses HNSW without a BIGINT key ("type of primary key must be bigint"); a composite key is refused too. */
function requireBigintKey(columns: readonly ColumnInfo[]): void {
  const keys = columns.filter((candidate) => candidate.key.toUpperCase() === 'PRI');
  const [key] = keys;
  if (keys.length === 1 && key !== undefined && isBigintType(key.type)) return;
  throw new InvalidInputError(
    'table',
    `An HNSW index needs one BIGINT primary-key column (MatrixOne: "type of primary key must be bigint"); the table's key is ${
      keys.length === 0
        ? 'missing'
        : keys.map((candidate) => `${candidate.name} ${candidate.type}`).join(', ')
    }.`,
  );
}

const HNSW_ON: SessionSetting = { name: 'experimental_hnsw_index', literal: '1' };

function sessionSettings(settings: VectorSessionSettings): SessionSetting[] {
  if (typeof settings !== 'object' || settings === null) {
    throw new InvalidInputError('settings', 'The session settings must be an object.');
  }
  const scoped: SessionSetting[] = [];
  if (settings.probeLimit !== undefined) {
    // MatrixOne refuses 0 ("convert to the system variable int type failed").
    const literal = integerLiteral(settings.probeLimit, 'probeLimit', { min: 1, max: MAX_PROBE_LIMIT });
    scoped.push({ name: 'probe_limit', literal });
  }
  if (settings.hnswIndex !== undefined) {
    if (typeof settings.hnswIndex !== 'boolean') {
      throw new InvalidInputError('hnswIndex', 'hnswIndex must be true or false.');
    }
    scoped.push({ name: 'experimental_hnsw_index', literal: settings.hnswIndex ? '1' : '0' });
  }
  return scoped;
}

function hitsOf<R>(rows: readonly Row[]): VectorSearchHit<R>[] {
  return rows.map((row) => {
    const { [DISTANCE_ALIAS]: cell, ...rest } = row;
    const distance = typeof cell === 'number' ? cell : Number(textCell(cell));
    if (cell === null || cell === undefined || (Number.isNaN(distance) && textCell(cell) !== 'NaN')) {
      throw new ServerError(`The search returned the distance ${String(cell)}, not a number.`);
    }
    return { row: rest as R, distance };
  });
}

function queryOn(executor: Executor): SessionQuery {
  return async <R = Row>(sql: string, values?: readonly unknown[]): Promise<R[]> =>
    (await executor.run<R>(values === undefined ? { sql } : { sql, values })).rows;
}
