/**
 * Full-text index kinds, search modes and scoring (docs/matrixone-facts.md#full-text-search), as MatrixOne 4.2
 * offers them with `CREATE FULLTEXT INDEX … [WITH PARSER …]` and `MATCH (…) AGAINST (… IN … MODE)`.
 */
import type { TableRef } from '../../sql/identifier.js';

/**
 * The tokenizer of a full-text index (`WITH PARSER …`); the default tokenizer when omitted. Observed on
 * MatrixOne 4.2.0: `ngram` (CJK text), `json` (the words of JSON values; keys are not indexed), `json_value`
 * (whole JSON values), and `gojieba`, which failed on that server for want of its dictionary
 * (`jieba dictionary not available`): whether it works depends on the deployment.
 */
export const FulltextParser = {
  /** `WITH PARSER ngram`. */
  Ngram: 'ngram',
  /** `WITH PARSER json`: the words of JSON values. */
  Json: 'json',
  /** `WITH PARSER json_value`: whole JSON values. */
  JsonValue: 'json_value',
  /** `WITH PARSER gojieba`: Chinese word segmentation; needs the server's jieba dictionary. */
  Gojieba: 'gojieba',
} as const;
/** One of {@link FulltextParser}'s values. */
export type FulltextParser = (typeof FulltextParser)[keyof typeof FulltextParser];

/**
 * How `AGAINST` reads the query. `WITH QUERY EXPANSION` is refused by MatrixOne and `IN BM25 MODE` belongs to the
 * experimental FULLTEXT2 index, so neither is offered.
 */
export const FulltextMode = {
  /**
   * `IN NATURAL LANGUAGE MODE` (the default). On MatrixOne a **multi-word** query acts as a **phrase**: it matches
   * only rows holding those words next to each other, in that order (`'vector search'` matched; `'search vector'`
   * and `'red blue'` matched nothing). Use boolean mode to match words anywhere.
   */
  NaturalLanguage: 'natural_language',
  /** `IN BOOLEAN MODE`: `+word` required, `-word` excluded, `word*` prefix, `"a phrase"`. */
  Boolean: 'boolean',
} as const;
/** One of {@link FulltextMode}'s values. */
export type FulltextMode = (typeof FulltextMode)[keyof typeof FulltextMode];

/**
 * The scoring algorithm (`ft_relevancy_algorithm`, a session variable; server default `TF-IDF`). MatrixOne
 * accepts any other text silently and then scores with TF-IDF, so the SDK offers only these two.
 */
export const FulltextRelevancy = {
  /** TF-IDF (the server's default). */
  TfIdf: 'TF-IDF',
  /** BM25. */
  Bm25: 'BM25',
} as const;
/** One of {@link FulltextRelevancy}'s values. */
export type FulltextRelevancy = (typeof FulltextRelevancy)[keyof typeof FulltextRelevancy];

/** What `fulltext.createIndex()` takes. */
export interface CreateFulltextIndexOptions {
  /** The index name. */
  readonly name: string;
  /** The table; it needs a primary key. Give `database` unless the connection's current database holds it. */
  readonly table: TableRef;
  /**
   * The indexed columns (CHAR, VARCHAR, TEXT, DATALINK or JSON). A search must name exactly this set of columns
   * (in any order). One index per column set: a second index on the same set is refused by MatrixOne.
   */
  readonly columns: readonly string[];
  /** The tokenizer; MatrixOne's default when omitted. */
  readonly parser?: FulltextParser;
}

/** A full-text index as SHOW INDEX lists it. */
export interface FulltextIndex {
  /** The index name. */
  readonly name: string;
  /** The indexed columns, in index order. */
  readonly columns: readonly string[];
  /** The parser; `undefined` for the default tokenizer. */
  readonly parser: string | undefined;
}
