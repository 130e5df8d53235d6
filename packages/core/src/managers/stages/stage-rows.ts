/**
 * Parsers for SHOW STAGES and stage_list() rows (docs/matrixone-facts.md#stages-and-export). SHOW STAGES has
 * `STAGE_NAME`, `URL`, `STATUS`, `COMMENT` (URL and COMMENT are BLOB columns that mysql2 may return as Buffers);
 * stage_list() has one `file` column.
 */
import type { Row } from '../../connection/executor.js';
import { ServerError } from '../../errors/errors.js';
import { requiredCell, textCell } from '../show-cell.js';

/** A stage as SHOW STAGES lists it (credentials are never read). */
export interface Stage {
  /** The name, lower-case as MatrixOne stores it. */
  readonly name: string;
  /** `file:///…`, `s3://…` or `stage://…`. */
  readonly url: string;
  /**
   * `in_use` after CREATE (even with `enabled: false`), `enabled` / `disabled` after an ALTER … ENABLE
   * (observed on MatrixOne 4.2.0).
   */
  readonly status: string;
  /** The comment; `undefined` when empty. */
  readonly comment: string | undefined;
}

/**
 * Turns one SHOW STAGES row into a {@link Stage}.
 *
 * @example
 * parseStageRow({ STAGE_NAME: 'my_ext_stage', URL: 's3://bucket/files/', STATUS: 'in_use', COMMENT: '' }).url;
 * // 's3://bucket/files/'
 */
export function parseStageRow(row: Row): Stage {
  const text = (column: string): string => {
    const value = textCell(requiredCell(row, column, 'SHOW STAGES'));
    if (value === undefined && column !== 'COMMENT') {
      throw new ServerError(`SHOW STAGES returned NULL in "${column}".`);
    }
    return value ?? '';
  };
  const comment = text('COMMENT');
  return {
    name: text('STAGE_NAME'),
    url: text('URL'),
    status: text('STATUS'),
    comment: comment === '' ? undefined : comment,
  };
}

/**
 * The server paths of one stage_list() result.
 *
 * @example
 * parseStageFiles([{ file: '/data/exports/out.csv' }]); // ['/data/exports/out.csv']
 */
export function parseStageFiles(rows: readonly Row[]): string[] {
  return rows.map((row) => {
    const file = textCell(requiredCell(row, 'file', 'stage_list()'));
    if (file === undefined) throw new ServerError('stage_list() returned a NULL file.');
    return file;
  });
}
