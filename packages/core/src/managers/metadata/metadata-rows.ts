/**
 * Parsers for the table metadata rows (docs/matrixone-facts.md#table-metadata): SHOW TABLE STATUS, DESC,
 * SHOW INDEX and `metadata_scan()`. In `metadata_scan()`, `is_hidden` is a TINYINT `0`/`1` (observed on MatrixOne
 * 4.2.0; not the text `'true'`), timestamps are `physical-logical` text (`0-0` = none) and sizes are BIGINTs.
 */
import type { Row } from '../../connection/executor.js';
import { ServerError } from '../../errors/errors.js';
import { booleanCell, numberCell, requiredCell, textCell } from '../show-cell.js';

/** What SHOW TABLE STATUS says about a table. */
export interface TableStatus {
  readonly name: string;
  /** `Rows`: the server's row count (current on MatrixOne 4.2 where `information_schema` lagged). */
  readonly rows: number;
  /** `Data_length`, bytes. */
  readonly dataLength: number;
  /** `Avg_row_length`, bytes. */
  readonly averageRowLength: number;
  /** `Index_length`, bytes. */
  readonly indexLength: number;
  /** `Create_time`, as the server printed it. */
  readonly createTime: string | undefined;
  /** `Engine` (`Tae` on MatrixOne). */
  readonly engine: string | undefined;
  /** `Collation`. */
  readonly collation: string | undefined;
  /** `Comment`; `undefined` when empty. */
  readonly comment: string | undefined;
}

/** One column as DESC lists it. */
export interface ColumnInfo {
  readonly name: string;
  /** The type as printed (`INT(32)`, `VARCHAR(20)`, `VECF32(3)`). */
  readonly type: string;
  readonly nullable: boolean;
  /** `Key`: `PRI`, `UNI`, `MUL` or empty. */
  readonly key: string;
  /** The default as printed; `undefined` for none. */
  readonly defaultValue: string | undefined;
  /** `Extra` (`auto_increment`, …); empty when none. */
  readonly extra: string;
}

/** One index, from its SHOW INDEX rows. */
export interface IndexInfo {
  /** `Key_name` (`PRIMARY` for the primary key). */
  readonly name: string;
  /** Whether it is the primary key or a unique index. */
  readonly unique: boolean;
  /** Its columns in index order. */
  readonly columns: readonly string[];
  /** `Index_type`, lower-cased (`ivfflat`, `hnsw`, `fulltext`; empty for plain indexes on MatrixOne). */
  readonly type: string;
  /**
   * `Index_params` as MatrixOne prints it: the index's options as a JSON object of strings
   * (`{"lists":"4","op_type":"vector_l2_ops"}`, `{"parser":"ngram"}`); absent when empty.
   */
  readonly params?: string;
}

/** One row of `metadata_scan()`: one column of one persisted storage object. */
export interface StorageObjectColumn {
  readonly column: string;
  readonly objectName: string;
  readonly hidden: boolean;
  readonly location: string;
  /** `physical-logical` timestamp text; `0-0` means none. */
  readonly createTs: string;
  readonly deleteTs: string;
  readonly rows: number;
  readonly nulls: number;
  readonly compressedSize: number;
  readonly originalSize: number;
  readonly level: number;
}

/**
 * Picks the SHOW TABLE STATUS row of exactly `table` (LIKE may have matched others) and parses it; `undefined`
 * when there is none.
 *
 * @example
 * parseTableStatus([{ Name: 'ref_m', Engine: 'Tae', Rows: 990, Avg_row_length: 11, Data_length: 11747, Index_length: 0 }], 'ref_m')?.rows; // 990
 */
export function parseTableStatus(rows: readonly Row[], table: string): TableStatus | undefined {
  const row = rows.find((candidate) => textCell(candidate.Name)?.toLowerCase() === table.toLowerCase());
  if (row === undefined) return undefined;
  const count = (column: string): number => numberCell(requiredCell(row, column, 'SHOW TABLE STATUS')) ?? 0;
  const comment = textCell(row.Comment);
  return {
    name: textCell(row.Name) ?? table,
    rows: count('Rows'),
    dataLength: count('Data_length'),
    averageRowLength: count('Avg_row_length'),
    indexLength: count('Index_length'),
    createTime: textCell(row.Create_time),
    engine: textCell(row.Engine),
    collation: textCell(row.Collation),
    comment: comment === '' ? undefined : comment,
  };
}

/**
 * Turns one DESC row into a {@link ColumnInfo}.
 *
 * @example
 * parseColumnRow({ Field: 'id', Type: 'INT(32)', Null: 'NO', Key: 'PRI', Default: null, Extra: '' }).key; // 'PRI'
 */
export function parseColumnRow(row: Row): ColumnInfo {
  const defaultText = textCell(row.Default);
  return {
    name: textCell(requiredCell(row, 'Field', 'DESC')) ?? '',
    type: textCell(requiredCell(row, 'Type', 'DESC')) ?? '',
    nullable: (textCell(row.Null) ?? '').toUpperCase() === 'YES',
    key: textCell(row.Key) ?? '',
    defaultValue: defaultText === undefined || defaultText === 'NULL' ? undefined : defaultText,
    extra: textCell(row.Extra) ?? '',
  };
}

/**
 * Groups SHOW INDEX rows into indexes, in the order first listed.
 *
 * @example
 * parseIndexes([{ Key_name: 'PRIMARY', Non_unique: 0, Seq_in_index: 1, Column_name: 'id', Index_type: '' }])[0]?.unique; // true
 */
export function parseIndexes(rows: readonly Row[]): IndexInfo[] {
  const indexes = new Map<
    string,
    { unique: boolean; type: string; params: string; columns: { position: number; name: string }[] }
  >();
  for (const row of rows) {
    const name = textCell(requiredCell(row, 'Key_name', 'SHOW INDEX')) ?? '';
    const entry = indexes.get(name) ?? {
      unique: numberCell(requiredCell(row, 'Non_unique', 'SHOW INDEX')) === 0,
      type: (textCell(row.Index_type) ?? '').toLowerCase(),
      params: (textCell(row.Index_params) ?? '').trim(),
      columns: [],
    };
    entry.columns.push({
      position: numberCell(requiredCell(row, 'Seq_in_index', 'SHOW INDEX')) ?? entry.columns.length + 1,
      name: textCell(requiredCell(row, 'Column_name', 'SHOW INDEX')) ?? '',
    });
    indexes.set(name, entry);
  }
  return [...indexes].map(([name, entry]) => ({
    name,
    unique: entry.unique,
    type: entry.type,
    columns: entry.columns.sort((a, b) => a.position - b.position).map((column) => column.name),
    ...(entry.params !== '' && { params: entry.params }),
  }));
}

/**
 * Turns one `metadata_scan()` row into a {@link StorageObjectColumn}.
 *
 * @example
 * parseStorageObjectRow(row).rows; // 1000
 */
export function parseStorageObjectRow(row: Row): StorageObjectColumn {
  const text = (column: string): string => textCell(requiredCell(row, column, 'metadata_scan()')) ?? '';
  const number = (column: string): number => {
    const value = numberCell(requiredCell(row, column, 'metadata_scan()'));
    if (value === undefined) throw new ServerError(`metadata_scan() returned a non-numeric "${column}".`);
    return value;
  };
  return {
    column: text('col_name'),
    objectName: text('object_name'),
    hidden: booleanCell(requiredCell(row, 'is_hidden', 'metadata_scan()')) ?? false,
    location: text('obj_loc'),
    createTs: text('create_ts'),
    deleteTs: text('delete_ts'),
    rows: number('rows_cnt'),
    nulls: number('null_cnt'),
    compressedSize: number('compress_size'),
    originalSize: number('origin_size'),
    level: number('level'),
  };
}
