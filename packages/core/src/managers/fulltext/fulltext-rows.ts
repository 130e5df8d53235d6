/**
 * Full-text indexes from SHOW INDEX rows (docs/matrixone-facts.md#full-text-search): `Index_type` `fulltext`,
 * one row per column in `Seq_in_index` order, `Index_params` empty for the default tokenizer or
 * `{"parser":"ngram"}`.
 */
import type { Row } from '../../connection/executor.js';
import { parseIndexParams } from '../index-params.js';
import { parseIndexes } from '../metadata/metadata-rows.js';
import { textCell } from '../show-cell.js';
import type { FulltextIndex } from './fulltext-index.js';

/**
 * The FULLTEXT indexes among SHOW INDEX rows, in the order first listed, each with its columns in index order.
 *
 * @example
 * parseFulltextIndexes([
 *   { Key_name: 'ref_ftx', Non_unique: 1, Column_name: 'title', Seq_in_index: 1, Index_type: 'fulltext', Index_params: '' },
 *   { Key_name: 'ref_ftx', Non_unique: 1, Column_name: 'body', Seq_in_index: 2, Index_type: 'fulltext', Index_params: '' },
 * ]); // [{ name: 'ref_ftx', columns: ['title', 'body'], parser: undefined }]
 */
export function parseFulltextIndexes(rows: readonly Row[]): FulltextIndex[] {
  return parseIndexes(rows)
    .filter((index) => index.type === 'fulltext')
    .map((index) => ({
      name: index.name,
      columns: index.columns,
      parser: textCell(parseIndexParams(index.params ?? '', index.name).parser),
    }));
}
