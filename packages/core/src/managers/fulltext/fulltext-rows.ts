/**
 * Full-text indexes from SHOW INDEX rows (docs/matrixone-facts.md#full-text-search): `Index_type` `fulltext`,
 * one row per column in `Seq_in_index` order, `Index_params` empty for the default tokenizer or
 * `{"parser":"ngram"}`.
 */
import type { Row } from '../../connection/executor.js';
import { parseIndexRow } from '../index-rows.js';
import { textCell } from '../show-cell.js';
import type { FulltextIndex } from './fulltext-index.js';

/**
 * The FULLTEXT indexes among SHOW INDEX rows, in the order first listed, each with its columns in index order.
 *
 * @example
 * parseFulltextIndexes([
 *   { Key_name: 'ref_ftx', Column_name: 'title', Seq_in_index: 1, Index_type: 'fulltext', Index_params: '' },
 *   { Key_name: 'ref_ftx', Column_name: 'body', Seq_in_index: 2, Index_type: 'fulltext', Index_params: '' },
 * ]); // [{ name: 'ref_ftx', columns: ['title', 'body'], parser: undefined }]
 */
export function parseFulltextIndexes(rows: readonly Row[]): FulltextIndex[] {
  const byName = new Map<
    string,
    { columns: { column: string; position: number }[]; parser: string | undefined }
  >();
  for (const row of rows.map(parseIndexRow)) {
    if (row.type !== 'fulltext') continue;
    const entry = byName.get(row.name) ?? { columns: [], parser: textCell(row.params.parser) };
    entry.columns.push({ column: row.column, position: row.position });
    byName.set(row.name, entry);
  }
  return [...byName].map(([name, entry]) => ({
    name,
    columns: entry.columns.sort((a, b) => a.position - b.position).map((item) => item.column),
    parser: entry.parser,
  }));
}
