import { describe, expect, it } from 'vitest';
import { ServerError } from '../../../src/errors/errors.js';
import { parseColumnRow } from '../../../src/managers/metadata/metadata-rows.js';
import {
  isBigintType,
  parseVectorIndexes,
  vectorColumnOf,
} from '../../../src/managers/vectors/vector-rows.js';
import { findStep, loadRecordedCase, recordedRows } from '../../support/recorded-cases.js';
import { withNulls } from '../../support/recording-context.js';

/** SHOW INDEX rows as MatrixOne 4.2.0 printed them (live recording, ref_vi / ref_vh). */
const SHOW_INDEX_COLUMNS =
  'Table	Non_unique	Key_name	Seq_in_index	Column_name	Collation	Cardinality	Sub_part	Packed	Null	Index_type	Comment	Index_comment	Index_params	Visible	Expression'.split(
    '\t',
  );
function showIndexRow(line: string): Record<string, string> {
  const cells = line.split('\t');
  return Object.fromEntries(SHOW_INDEX_COLUMNS.map((column, index) => [column, cells[index] ?? '']));
}

describe('SHOW INDEX rows (observed on MatrixOne 4.2.0)', () => {
  it('reads IVF-flat and HNSW indexes and leaves the primary key out', () => {
    const rows = [
      'ref_vi	0	PRIMARY	1	id	A	0	NULL	NULL						YES	id',
      'ref_vi	1	ref_ivf	1	v	A	0	NULL	NULL	YES	ivfflat			{"lists":"4","op_type":"vector_l2_ops"}	YES	v',
      'ref_vh	1	ref_hnsw	1	v	A	0	NULL	NULL	YES	hnsw			{"op_type":"vector_l2_ops"}	YES	v',
    ].map(showIndexRow);
    expect(parseVectorIndexes(rows)).toEqual([
      {
        name: 'ref_ivf',
        column: 'v',
        algorithm: 'ivfflat',
        opType: 'vector_l2_ops',
        lists: 4,
        m: undefined,
        efConstruction: undefined,
        efSearch: undefined,
      },
      {
        name: 'ref_hnsw',
        column: 'v',
        algorithm: 'hnsw',
        opType: 'vector_l2_ops',
        lists: undefined,
        m: undefined,
        efConstruction: undefined,
        efSearch: undefined,
      },
    ]);
  });

  it('reads HNSW parameters when Index_params holds them (their names as in SHOW CREATE TABLE; not recorded in SHOW INDEX)', () => {
    const [index] = parseVectorIndexes([
      showIndexRow(
        'ref_vh	1	ref_hnsw	1	v	A	0	NULL	NULL	YES	hnsw			{"m":"32","ef_construction":"128","ef_search":"100","op_type":"vector_l2_ops"}	YES	v',
      ),
    ]);
    expect(index).toMatchObject({ m: 32, efConstruction: 128, efSearch: 100 });
  });

  it('refuses unreadable Index_params and unknown op types', () => {
    const bad = showIndexRow('t	1	i	1	v	A	0	NULL	NULL	YES	ivfflat			{lists	YES	v');
    expect(() => parseVectorIndexes([bad])).toThrow(ServerError);
    const unknown = showIndexRow(
      't	1	i	1	v	A	0	NULL	NULL	YES	ivfflat			{"op_type":"vector_l9_ops"}	YES	v',
    );
    expect(() => parseVectorIndexes([unknown])).toThrow(/vector_l9_ops/);
    expect(() => parseVectorIndexes([{ Key_name: 'i' }])).toThrow(ServerError);
  });
});

describe('DESC rows (recorded in vector/vector_index)', () => {
  it('finds the vector column and its dimension, and the INT primary key', () => {
    const steps = loadRecordedCase('vector/vector_index');
    const columns = recordedRows(findStep(steps, (sql) => sql === 'desc vector_index_01;'))
      .map(withNulls)
      .map(parseColumnRow);
    expect(columns.map((column) => vectorColumnOf(column))).toEqual([
      undefined,
      { name: 'b', type: 'vecf32', dimension: 128 },
      undefined,
    ]);
    const [key] = columns.filter((column) => column.key === 'PRI');
    expect(key?.type).toBe('INT(32)');
    expect(isBigintType(key?.type ?? '')).toBe(false);
    expect(isBigintType('BIGINT(64)')).toBe(true);
    expect(vectorColumnOf({ name: 'i8', type: 'VECINT8(3)' })).toEqual({
      name: 'i8',
      type: 'vecint8',
      dimension: 3,
    });
  });
});
