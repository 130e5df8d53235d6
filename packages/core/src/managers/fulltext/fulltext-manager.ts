/**
 * `client.fulltext` and `tx.fulltext`: full-text indexes and searches with their scores
 * (docs/matrixone-facts.md#full-text-search). The FULLTEXT index is synchronous and transactional: rows written in
 * a transaction are found by searches in that transaction at once; every statement here is DDL, a query or SET,
 * which MatrixOne allows inside a transaction.
 */
import type { Row } from '../../connection/executor.js';
import { InvalidInputError, NotFoundError, ServerError } from '../../errors/errors.js';
import type { TableRef } from '../../sql/identifier.js';
import { quoteString } from '../../sql/literal.js';
import { dropIndex } from '../drop-index.js';
import { describeTableStatement, showIndexStatement } from '../index-statements.js';
import type { ManagerContext } from '../manager-context.js';
import { parseColumnRow } from '../metadata/metadata-rows.js';
import { runOnOneConnection } from '../one-connection.js';
import { oneOf } from '../one-of.js';
import { prepareOperation } from '../prepare-operation.js';
import { type OnOneConnection, withSessionVariables } from '../session-variables.js';
import { textCell } from '../show-cell.js';
import {
  type CreateFulltextIndexOptions,
  type FulltextIndex,
  type FulltextMode,
  FulltextRelevancy,
} from './fulltext-index.js';
import { parseFulltextIndexes } from './fulltext-rows.js';
import {
  type FulltextSearchOptions,
  type MatchExpression,
  SCORE_ALIAS,
  createFulltextIndexStatement,
  fulltextSearchStatement,
  matchExpression,
} from './fulltext-statements.js';

/** Column types a FULLTEXT index takes (MatrixOne: "fulltext index only support char, varchar, text, datalink and json"). */
const INDEXABLE_TYPE = /^(char|varchar|tinytext|text|mediumtext|longtext|datalink|json)\b/i;

/** A full-text search: {@link FulltextSearchOptions} plus the scoring algorithm for this search. */
export interface FulltextSearchCall extends FulltextSearchOptions {
  /**
   * `ft_relevancy_algorithm` for this search only (server default TF-IDF), set on the search's own connection
   * and set back after it.
   */
  readonly relevancy?: FulltextRelevancy;
}

/** One row a search found and its score. */
export interface FulltextHit<R = Row> {
  /** The row's selected columns. */
  readonly row: R;
  /** The relevance score (a FLOAT on the server; higher is better). */
  readonly score: number;
}

/** Options of `fulltext.dropIndex()`. */
export interface DropFulltextIndexOptions {
  /** Succeed when the table has no index of that name (default `false`). */
  readonly ifExists?: boolean;
}

/** Full-text indexes and searches. */
export class FulltextManager {
  readonly #context: ManagerContext;
  readonly #pin: OnOneConnection | undefined;

  /**
   * Managers are reached through a client or a transaction (`client.fulltext`, `tx.fulltext`), not built.
   *
   * @internal
   */
  constructor(context: ManagerContext, pin?: OnOneConnection) {
    this.#context = context;
    this.#pin = pin;
  }

  /**
   * Creates a FULLTEXT index and returns it as listed. Checked first (DESC and SHOW INDEX of the table, no change
   * sent), as MatrixOne would refuse them: the table needs a primary key, the columns must be CHAR, VARCHAR, TEXT,
   * DATALINK or JSON, and no other FULLTEXT index may cover the same column set.
   *
   * @example
   * await client.fulltext.createIndex({ name: 'docs_ft', table: { table: 'docs' }, columns: ['title', 'body'] });
   */
  async createIndex(options: CreateFulltextIndexOptions): Promise<FulltextIndex> {
    await prepareOperation(this.#context, 'fulltext.createIndex');
    const statement = createFulltextIndexStatement(options);
    const described = (await this.#context.executor.run(describeTableStatement(options.table))).rows.map(
      parseColumnRow,
    );
    if (!described.some((column) => column.key.toUpperCase() === 'PRI')) {
      throw new InvalidInputError(
        'table',
        `The table "${options.table.table}" has no primary key; MatrixOne needs one for a FULLTEXT index.`,
      );
    }
    for (const name of options.columns) {
      const column = described.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
      if (column === undefined)
        throw new NotFoundError(`The table "${options.table.table}" has no column "${name}".`);
      if (!INDEXABLE_TYPE.test(column.type.trim())) {
        throw new InvalidInputError(
          'columns',
          `The column "${column.name}" is ${column.type}; a FULLTEXT index takes CHAR, VARCHAR, TEXT, DATALINK or JSON columns.`,
        );
      }
    }
    const wanted = columnSetKey(options.columns);
    const clash = (await this.#list(options.table)).find((index) => columnSetKey(index.columns) === wanted);
    if (clash !== undefined) {
      throw new InvalidInputError(
        'columns',
        `The FULLTEXT index "${clash.name}" already covers these columns; MatrixOne allows one per column set.`,
      );
    }
    await this.#context.executor.run(statement);
    const created = (await this.#list(options.table)).find(
      (index) => index.name.toLowerCase() === options.name.toLowerCase(),
    );
    if (created === undefined) {
      throw new ServerError(
        `CREATE FULLTEXT INDEX succeeded but SHOW INDEX does not list "${options.name}".`,
      );
    }
    return created;
  }

  /**
   * Lists the FULLTEXT indexes of a table.
   *
   * @example
   * const indexes = await client.fulltext.listIndexes({ table: 'docs' });
   */
  async listIndexes(table: TableRef): Promise<FulltextIndex[]> {
    await prepareOperation(this.#context, 'fulltext.listIndexes');
    return this.#list(table);
  }

  /**
   * Drops an index (`DROP INDEX i ON t`); with `ifExists`, a missing one is not an error (checked with SHOW INDEX).
   *
   * @example
   * await client.fulltext.dropIndex({ table: 'docs' }, 'docs_ft', { ifExists: true });
   */
  async dropIndex(table: TableRef, name: string, options: DropFulltextIndexOptions = {}): Promise<void> {
    await prepareOperation(this.#context, 'fulltext.dropIndex');
    await dropIndex(this.#context.executor, table, name, options.ifExists === true);
  }

  /**
   * Searches with `MATCH … AGAINST` and returns the matching rows, best score first, each with its score. The
   * columns must be exactly the column set of one FULLTEXT index (any order), else MatrixOne refuses the query
   * ("MATCH() AGAINST() function cannot be replaced by FULLTEXT INDEX"). In natural-language mode (the default)
   * a query of several words acts as a phrase; use `mode: 'boolean'` (`'+red +car'`) to match words anywhere.
   *
   * @example
   * const hits = await client.fulltext.search<{ id: number }>({
   *   table: { table: 'docs' }, columns: ['title', 'body'], query: '+vector -image', mode: 'boolean',
   *   select: ['id'], limit: 10, relevancy: 'BM25',
   * });
   */
  async search<R = Row>(options: FulltextSearchCall): Promise<FulltextHit<R>[]> {
    await prepareOperation(this.#context, 'fulltext.search');
    const statement = fulltextSearchStatement(options);
    if (options.relevancy === undefined) return hitsOf<R>((await this.#context.executor.run(statement)).rows);
    const relevancy = oneOf(options.relevancy, FulltextRelevancy, 'relevancy', 'The relevancy');
    const setting = { name: 'ft_relevancy_algorithm', literal: quoteString(relevancy, 'relevancy') } as const;
    return runOnOneConnection(this.#context, this.#pin, 'fulltext.search', async (executor) =>
      hitsOf<R>((await withSessionVariables(executor, [setting], () => executor.run(statement))).rows),
    );
  }

  /**
   * `MATCH(…) AGAINST(? …)` as a SQL fragment with the search text bound, for SQL you write yourself. Sends
   * nothing.
   *
   * @example
   * const m = client.fulltext.match(['title', 'body'], 'snap*', 'boolean');
   * const rows = await client.query(`SELECT id, ${m.sql} AS score FROM docs WHERE ${m.sql}`, [...m.values, ...m.values]);
   */
  match(columns: readonly string[], query: string, mode?: FulltextMode): MatchExpression {
    return matchExpression(columns, query, mode);
  }

  async #list(table: TableRef): Promise<FulltextIndex[]> {
    const { rows } = await this.#context.executor.run(showIndexStatement(table));
    return parseFulltextIndexes(rows);
  }
}

function columnSetKey(columns: readonly string[]): string {
  return columns
    .map((column) => column.toLowerCase())
    .sort()
    .join('\u0000');
}

function hitsOf<R>(rows: readonly Row[]): FulltextHit<R>[] {
  return rows.map((row) => {
    const { [SCORE_ALIAS]: cell, ...rest } = row;
    const score = typeof cell === 'number' ? cell : Number(textCell(cell));
    if (!Number.isFinite(score))
      throw new ServerError(`The search returned the score ${String(cell)}, not a number.`);
    return { row: rest as R, score };
  });
}
