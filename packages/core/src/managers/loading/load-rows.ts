/**
 * Readers for what the loading manager asks the server: the keys SHOW INDEX lists (recorded: MatrixOne prints
 * `Non_unique` 0 for PRIMARY, 1 for secondary and full-text indexes), and the duplicate keys the checked load
 * finds. Also the error a checked load throws when it finds duplicates.
 */
import type { Row } from '../../connection/executor.js';
import { ConstraintError } from '../../errors/errors.js';
import { parseIndexes } from '../metadata/metadata-rows.js';
import { numberCell } from '../show-cell.js';

/** A key value that a checked load refused. */
export interface DuplicateKey {
  /** The key's columns. */
  readonly columns: readonly string[];
  /** The key's value, one entry per column, as the server returned it. */
  readonly values: readonly unknown[];
  /** `in-load`: the loaded data holds it more than once (`copies` times); `existing`: the table already holds it. */
  readonly kind: 'in-load' | 'existing';
  /** For `in-load`, how many loaded rows carry it. */
  readonly copies?: number;
}

/**
 * A checked load found duplicate keys; nothing was inserted. `duplicates` lists up to `maxReportedDuplicates`
 * of them per key and kind.
 */
export class DuplicateRowsError extends ConstraintError {
  constructor(
    /** The duplicates found. */
    readonly duplicates: readonly DuplicateKey[],
  ) {
    super(
      `The load was not applied: ${duplicates.length} duplicate key value(s) found (${duplicates
        .slice(0, 3)
        .map(
          (duplicate) =>
            `${duplicate.columns.join(',')}=${duplicate.values.map(String).join(',')} (${duplicate.kind})`,
        )
        .join('; ')}${duplicates.length > 3 ? '; …' : ''}). See error.duplicates.`,
    );
  }
}

/**
 * The unique keys (PRIMARY and unique indexes) in SHOW INDEX rows, each as its columns in index order.
 *
 * @example
 * uniqueKeysOf([{ Key_name: 'PRIMARY', Non_unique: 0, Seq_in_index: 1, Column_name: 'id' }]); // [['id']]
 */
export function uniqueKeysOf(rows: readonly Row[]): string[][] {
  return parseIndexes(rows)
    .filter((index) => index.unique)
    .map((index) => [...index.columns]);
}

/**
 * Duplicate keys from one duplicate query's rows (the key columns, plus `copies` for `in-load`).
 *
 * @example
 * duplicatesOf([{ id: 5, copies: 2 }], ['id'], 'in-load'); // [{ columns: ['id'], values: [5], kind: 'in-load', copies: 2 }]
 */
export function duplicatesOf(
  rows: readonly Row[],
  key: readonly string[],
  kind: DuplicateKey['kind'],
): DuplicateKey[] {
  return rows.map((row) => {
    const cells = Object.values(row);
    const values = key.map((_, index) => cells[index]);
    const copies = kind === 'in-load' ? numberCell(row.copies) : undefined;
    return copies === undefined ? { columns: key, values, kind } : { columns: key, values, kind, copies };
  });
}
