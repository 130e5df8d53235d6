import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/errors/errors.js';
import {
  parseColumnRow,
  parseIndexes,
  parseStorageObjectRow,
  parseTableStatus,
} from '../../../src/managers/metadata/metadata-rows.js';
import {
  exactRowCountStatement,
  metadataScanStatement,
  tableStatusStatement,
} from '../../../src/managers/metadata/metadata-statements.js';
import { shape } from '../loading/shape.js';

/** Rows MatrixOne 4.2.0 answered (copied from the project's live recordings of metadata queries). */
const STATUS_ROW = {
  Name: 'ref_m',
  Engine: 'Tae',
  Row_format: 'Dynamic',
  Rows: 990,
  Avg_row_length: 11,
  Data_length: 11747,
  Max_data_length: 0,
  Index_length: 0,
  Data_free: null,
  Auto_increment: 0,
  Create_time: '2026-12-02 02:05:39',
  Update_time: null,
  Check_time: null,
  Collation: 'utf8mb4_bin',
  Checksum: null,
  Create_options: '',
  Comment: '',
  Role_id: 0,
  Role_name: 'moadmin',
};
const SCAN_ROW = {
  col_name: 'id',
  object_name: '01a23480-1665-7571-99ef-65a9bbd54c63_00000',
  is_hidden: 0,
  obj_loc: '01a23480-1665-7571-99ef-65a9bbd54c63_00000_1_10156_413_1583_0_0',
  create_ts: '1796177139305451934-0',
  delete_ts: '0-0',
  rows_cnt: 1000,
  null_cnt: 0,
  compress_size: 10633,
  origin_size: 51615,
  min: null,
  max: null,
  sum: null,
  level: 0,
};
/** SHOW INDEX of a table with a primary key and a two-column full-text index (live recording of full-text search). */
const INDEX_ROWS = [
  {
    Table: 'ref_ft_doc',
    Non_unique: 0,
    Key_name: 'PRIMARY',
    Seq_in_index: 1,
    Column_name: 'id',
    Index_type: '',
  },
  {
    Table: 'ref_ft_doc',
    Non_unique: 1,
    Key_name: 'ref_ftx',
    Seq_in_index: 2,
    Column_name: 'body',
    Index_type: 'fulltext',
  },
  {
    Table: 'ref_ft_doc',
    Non_unique: 1,
    Key_name: 'ref_ftx',
    Seq_in_index: 1,
    Column_name: 'title',
    Index_type: 'fulltext',
  },
];

describe('metadata statements', () => {
  it('builds the statements MatrixOne 4.2.0 answered', () => {
    expect(shape(tableStatusStatement({ database: 'ref_meta', table: 'ref_m' }).sql)).toBe(
      shape("SHOW TABLE STATUS FROM ref_meta LIKE 'ref_m'"),
    );
    expect(shape(metadataScanStatement({ database: 'ref_meta', table: 'ref_m' }).sql)).toBe(
      shape("SELECT * FROM metadata_scan('ref_meta.ref_m', '*') g"),
    );
    expect(
      shape(metadataScanStatement({ database: 'ref_meta', table: 'ref_m' }, { tombstones: true }).sql),
    ).toBe(shape("SELECT * FROM metadata_scan('ref_meta.ref_m.#', '*') g"));
    expect(
      shape(
        metadataScanStatement(
          { database: 'ref_meta', table: 'ref_m' },
          { index: 'idx_name', tombstones: true },
        ).sql,
      ),
    ).toBe(shape("SELECT * FROM metadata_scan('ref_meta.ref_m.?idx_name.#', '*') g"));
    expect(exactRowCountStatement({ table: 'ref_m' }).sql).toBe('SELECT COUNT(*) AS `rows` FROM `ref_m`');
  });

  it('refuses names that would change what metadata_scan() reads', () => {
    expect(() => metadataScanStatement({ table: 'ref_m' })).toThrow(InvalidInputError);
    expect(() => metadataScanStatement({ database: 'a', table: 'b.c' })).toThrow(InvalidInputError);
    expect(() => metadataScanStatement({ database: 'a', table: "b'" })).toThrow(InvalidInputError);
    expect(() => metadataScanStatement({ database: 'a', table: 'b' }, { index: 'x#' })).toThrow(
      InvalidInputError,
    );
  });
});

describe('metadata rows', () => {
  it('reads SHOW TABLE STATUS, picking the exact table among LIKE matches', () => {
    const status = parseTableStatus([{ ...STATUS_ROW, Name: 'refxm', Rows: 1 }, STATUS_ROW], 'ref_m');
    expect(status).toEqual({
      name: 'ref_m',
      rows: 990,
      dataLength: 11747,
      averageRowLength: 11,
      indexLength: 0,
      createTime: '2026-12-02 02:05:39',
      engine: 'Tae',
      collation: 'utf8mb4_bin',
      comment: undefined,
    });
    expect(parseTableStatus([STATUS_ROW], 'other')).toBeUndefined();
  });

  it('reads metadata_scan() rows: is_hidden is a TINYINT 0, not the text "true"', () => {
    expect(parseStorageObjectRow(SCAN_ROW)).toEqual({
      column: 'id',
      objectName: '01a23480-1665-7571-99ef-65a9bbd54c63_00000',
      hidden: false,
      location: '01a23480-1665-7571-99ef-65a9bbd54c63_00000_1_10156_413_1583_0_0',
      createTs: '1796177139305451934-0',
      deleteTs: '0-0',
      rows: 1000,
      nulls: 0,
      compressedSize: 10633,
      originalSize: 51615,
      level: 0,
    });
    expect(() => parseStorageObjectRow({ ...SCAN_ROW, rows_cnt: 'many' })).toThrow(/non-numeric "rows_cnt"/);
  });

  it('groups SHOW INDEX rows into indexes, columns in index order', () => {
    expect(parseIndexes(INDEX_ROWS)).toEqual([
      { name: 'PRIMARY', unique: true, type: '', columns: ['id'] },
      { name: 'ref_ftx', unique: false, type: 'fulltext', columns: ['title', 'body'] },
    ]);
  });

  it("keeps an index's Index_params as printed, from its first row", () => {
    const ngram = { ...INDEX_ROWS[2], Key_name: 'ref_ftng', Index_params: ' {"parser":"ngram"} ' };
    expect(parseIndexes([ngram, { ...ngram, Seq_in_index: 2, Index_params: '' }])).toEqual([
      {
        name: 'ref_ftng',
        unique: false,
        type: 'fulltext',
        columns: ['title', 'title'],
        params: '{"parser":"ngram"}',
      },
    ]);
    expect(parseIndexes(INDEX_ROWS).map((index) => 'params' in index)).toEqual([false, false]);
  });

  it('reads DESC rows', () => {
    expect(
      parseColumnRow({ Field: 'v', Type: 'VECF32(3)', Null: 'YES', Key: '', Default: 'NULL', Extra: '' }),
    ).toEqual({
      name: 'v',
      type: 'VECF32(3)',
      nullable: true,
      key: '',
      defaultValue: undefined,
      extra: '',
    });
  });
});
