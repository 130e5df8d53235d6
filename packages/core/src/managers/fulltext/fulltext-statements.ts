/**
 * Pure builders for the full-text statements (docs/matrixone-facts.md#full-text-search). Names go through
 * `sql/identifier.ts`, the search text is always a bound `?` value (MatrixOne takes `AGAINST(? …)` in both
 * protocols), `LIMIT` a validated integer in the text.
 */
import type { Statement } from '../../connection/executor.js';
import { InvalidInputError } from '../../errors/errors.js';
import { IdentifierKind, type TableRef, quoteIdentifier, quoteTable } from '../../sql/identifier.js';
import { integerLiteral } from '../../sql/literal.js';
import { type SearchFilter, equalityConditions } from '../equality-filter.js';
import { oneOf } from '../one-of.js';
import { selectList } from '../select-list.js';
import { type CreateFulltextIndexOptions, FulltextMode, FulltextParser } from './fulltext-index.js';

/** The alias of the score column in a search; read back into `score` and removed from the row. */
export const SCORE_ALIAS = 'mo_sdk_score';

/** `MATCH (…) AGAINST (? …)` for SQL you write yourself: the fragment and its bound value. */
export interface MatchExpression {
  /** ``MATCH(`title`, `body`) AGAINST(? IN BOOLEAN MODE)``. */
  readonly sql: string;
  /** The value of the fragment's `?`: the search text. */
  readonly values: readonly [string];
}

/** What a full-text search needs. */
export interface FulltextSearchOptions {
  /** The table; give `database` unless the connection's current database holds it. */
  readonly table: TableRef;
  /** The columns to match: exactly the column set of one FULLTEXT index (any order). */
  readonly columns: readonly string[];
  /** The search text, not empty. */
  readonly query: string;
  /** How the text is read (default natural language, where several words act as a phrase). */
  readonly mode?: FulltextMode;
  /** Keep only rows whose columns equal these values (AND); values are bound. */
  readonly where?: SearchFilter;
  /** The columns to return; every column (`*`) when omitted. */
  readonly select?: readonly string[];
  /** Return at most this many rows (the best scores). */
  readonly limit?: number;
}

/**
 * `CREATE FULLTEXT INDEX i ON t (c1, c2) [WITH PARSER p]`.
 *
 * @example
 * createFulltextIndexStatement({ name: 'ftx', table: { table: 'docs' }, columns: ['title', 'body'], parser: 'ngram' });
 * // { sql: 'CREATE FULLTEXT INDEX `ftx` ON `docs` (`title`, `body`) WITH PARSER ngram' }
 */
export function createFulltextIndexStatement(options: CreateFulltextIndexOptions): Statement {
  const name = quoteIdentifier(options.name, IdentifierKind.Index);
  const parser =
    options.parser === undefined
      ? ''
      : ` WITH PARSER ${oneOf(options.parser, FulltextParser, 'parser', 'The parser')}`;
  return {
    sql: `CREATE FULLTEXT INDEX ${name} ON ${quoteTable(options.table)} (${columnSet(options.columns, 'columns')})${parser}`,
  };
}

/**
 * `MATCH(c1, c2) AGAINST(? [IN NATURAL LANGUAGE MODE | IN BOOLEAN MODE])` with the search text bound.
 *
 * @example
 * matchExpression(['title', 'body'], '+red -blue', 'boolean');
 * // { sql: 'MATCH(`title`, `body`) AGAINST(? IN BOOLEAN MODE)', values: ['+red -blue'] }
 */
export function matchExpression(
  columns: readonly string[],
  query: string,
  mode: FulltextMode = FulltextMode.NaturalLanguage,
): MatchExpression {
  if (typeof query !== 'string' || query.trim() === '') {
    // MatrixOne: "AGAINST('pattern') pattern is empty".
    throw new InvalidInputError('query', 'The full-text search text must not be empty.');
  }
  const modeClause =
    oneOf(mode, FulltextMode, 'mode', 'The mode') === FulltextMode.Boolean
      ? 'IN BOOLEAN MODE'
      : 'IN NATURAL LANGUAGE MODE';
  return { sql: `MATCH(${columnSet(columns, 'columns')}) AGAINST(? ${modeClause})`, values: [query] };
}

/**
 * `SELECT cols, MATCH(…) AGAINST(? …) AS mo_sdk_score FROM t WHERE MATCH(…) AGAINST(? …) [AND c = ? …]
 * ORDER BY mo_sdk_score DESC [LIMIT n]` (recorded: `SELECT id, MATCH(title, body) AGAINST('search') AS score …
 * WHERE MATCH(title, body) AGAINST('search') ORDER BY score DESC`). Other conditions are only ever joined with
 * AND: MatrixOne refuses MATCH under OR or NOT. An equality filter next to MATCH is not in the recordings.
 *
 * @example
 * fulltextSearchStatement({ table: { table: 'docs' }, columns: ['body'], query: 'gamma', select: ['id'], limit: 10 });
 * // { sql: 'SELECT `id`, MATCH(`body`) AGAINST(? IN NATURAL LANGUAGE MODE) AS `mo_sdk_score` FROM `docs` WHERE MATCH(`body`) AGAINST(? IN NATURAL LANGUAGE MODE) ORDER BY `mo_sdk_score` DESC LIMIT 10',
 * //   values: ['gamma', 'gamma'] }
 */
export function fulltextSearchStatement(options: FulltextSearchOptions): Statement {
  const match = matchExpression(options.columns, options.query, options.mode);
  const selected = selectList(options.select, 'select', SCORE_ALIAS, 'score');
  const filter = equalityConditions(options.where);
  const where = [match.sql, ...filter.conditions].join(' AND ');
  const limit =
    options.limit === undefined
      ? ''
      : ` LIMIT ${integerLiteral(options.limit, 'limit', { min: 1, max: Number.MAX_SAFE_INTEGER })}`;
  return {
    sql:
      `SELECT ${selected}, ${match.sql} AS \`${SCORE_ALIAS}\` FROM ${quoteTable(options.table)} ` +
      `WHERE ${where} ORDER BY \`${SCORE_ALIAS}\` DESC${limit}`,
    values: [...match.values, ...match.values, ...filter.values],
  };
}

function columnSet(columns: readonly string[], argument: string): string {
  if (!Array.isArray(columns) || columns.length === 0) {
    throw new InvalidInputError(argument, `The ${argument} list must name at least one column.`);
  }
  const seen = new Set<string>();
  return columns
    .map((column) => {
      const quoted = quoteIdentifier(column, IdentifierKind.Column);
      const key = column.toLowerCase();
      if (seen.has(key)) throw new InvalidInputError(argument, `The column "${column}" is listed twice.`);
      seen.add(key);
      return quoted;
    })
    .join(', ');
}
