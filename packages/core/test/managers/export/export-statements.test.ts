import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/errors/errors.js';
import {
  type ExportFileOptions,
  exportQueryStatement,
  exportToFileStatement,
} from '../../../src/managers/export/export-statements.js';
import { rowEncoder } from '../../../src/managers/export/row-encoding.js';
import { findStep, loadRecordedCase } from '../../support/recorded-cases.js';
import { shape } from '../loading/shape.js';

const recorded = loadRecordedCase('stage/export_format');
const recordedStatement = (sql: string): string =>
  findStep(recorded, (candidate) => shape(candidate) === shape(sql)).sql;
const table = { table: 'export_format_test' };
const stageFile = (file: string) => ({ stage: 'export_test_stage', file });

describe('exportToFileStatement against MatrixOne’s export_format case', () => {
  it.each<[string, ExportFileOptions, string]>([
    [
      'test_default.csv',
      {},
      "select * from export_format_test into outfile 'stage://export_test_stage/test_default.csv';",
    ],
    [
      'test_csv_lower.csv',
      { format: 'csv' },
      "select * from export_format_test into outfile 'stage://export_test_stage/test_csv_lower.csv' format 'csv';",
    ],
    [
      'test_jsonline_lower.jsonl',
      { format: 'jsonline' },
      "select * from export_format_test into outfile 'stage://export_test_stage/test_jsonline_lower.jsonl' format 'jsonline';",
    ],
    [
      'test_infer_jsonl.jsonl',
      {},
      "select * from export_format_test into outfile 'stage://export_test_stage/test_infer_jsonl.jsonl';",
    ],
    [
      'test_split_bytes_%d.csv',
      { format: 'csv', splitSize: '1048576' },
      "select * from export_format_test into outfile 'stage://export_test_stage/test_split_bytes_%d.csv' format 'csv' splitsize '1048576';",
    ],
    [
      'test_split_05d_%05d.csv',
      { format: 'csv', splitSize: '1M' },
      "select * from export_format_test into outfile 'stage://export_test_stage/test_split_05d_%05d.csv' format 'csv' splitsize '1M';",
    ],
    [
      'test_csv_tab.csv',
      { format: 'csv', fieldsTerminatedBy: '\t' },
      "select * from export_format_test into outfile 'stage://export_test_stage/test_csv_tab.csv' format 'csv' fields terminated by '\\t';",
    ],
    [
      'test_csv_lines.csv',
      { format: 'csv', linesTerminatedBy: '\r\n' },
      "select * from export_format_test into outfile 'stage://export_test_stage/test_csv_lines.csv' format 'csv' lines terminated by '\\r\\n';",
    ],
    [
      'test_csv_no_header.csv',
      { format: 'csv', header: false },
      "select * from export_format_test into outfile 'stage://export_test_stage/test_csv_no_header.csv' format 'csv' header 'false';",
    ],
    [
      'test_csv_all_opts.csv',
      { format: 'csv', fieldsTerminatedBy: '|', enclosedBy: '"', linesTerminatedBy: '\n', header: true },
      `select * from export_format_test into outfile 'stage://export_test_stage/test_csv_all_opts.csv' format 'csv' fields terminated by '|' enclosed by '"' lines terminated by '\\n' header 'true';`,
    ],
  ])('%s', (file, options, expected) => {
    expect(shape(exportToFileStatement(table, stageFile(file), options).sql)).toBe(
      shape(recordedStatement(expected)),
    );
  });

  it('keeps the caller’s SELECT and its bound values, and writes FORCE_QUOTE as MatrixOne 4.2.0 accepted it', () => {
    const statement = exportToFileStatement(
      { sql: 'SELECT id, name FROM ref_exp WHERE id > ? ORDER BY id;', values: [0] },
      { stage: 'ref_stage1', file: 'fq.csv' },
      { forceQuote: ['name'] },
    );
    expect(statement).toEqual({
      sql: "SELECT id, name FROM ref_exp WHERE id > ? ORDER BY id INTO OUTFILE 'stage://ref_stage1/fq.csv' FORCE_QUOTE(`name`)",
      values: [0],
    });
    expect(exportToFileStatement('SELECT 1', { serverFile: '/exports/direct.csv' }).sql).toBe(
      "SELECT 1 INTO OUTFILE '/exports/direct.csv'",
    );
  });
});

describe('export statements refuse before sending', () => {
  const argumentOf = (build: () => unknown): string => {
    try {
      build();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      return (error as InvalidInputError).argument;
    }
    throw new Error('expected a refusal');
  };

  it.each<[string, ExportFileOptions, string]>([
    ['test_mismatch1.csv', { format: 'jsonline' }, 'format'],
    ['test_mismatch3.jsonl', { format: 'csv' }, 'format'],
    ['test_mismatch4.parquet', { format: 'csv' }, 'format'],
    ['test_invalid_xml.txt', { format: 'xml' as never }, 'format'],
    ['test_invalid_unit_%d.csv', { splitSize: '100X' }, 'splitSize'],
    ['test_invalid_neg_%d.csv', { splitSize: '-100M' }, 'splitSize'],
    ['test_invalid_empty_%d.csv', { splitSize: '' }, 'splitSize'],
    ['x.jsonl', { header: false }, 'header'],
    ['x.csv', { enclosedBy: 'ab' }, 'enclosedBy'],
    ['x.csv', { forceQuote: [] }, 'forceQuote'],
    ['x.csv', { overwrite: true } as never, 'overwrite'],
  ])('%s with %j (MatrixOne refuses it too, or it is not an option)', (file, options, argument) => {
    expect(argumentOf(() => exportToFileStatement(table, stageFile(file), options))).toBe(argument);
  });

  it.each<[unknown, string]>([
    ['DELETE FROM t', 'query'],
    ['SELECT 1 INTO OUTFILE "/tmp/x"', 'query'],
    [{ sql: 42 }, 'query'],
  ])('the query %j', (query, argument) => {
    expect(argumentOf(() => exportQueryStatement(query as never))).toBe(argument);
  });

  it.each<[unknown, string]>([
    [{}, 'target'],
    [{ serverFile: '' }, 'target'],
    [{ stage: 's', file: 'out_*.csv' }, 'target'],
    [{ stage: 's', file: '../out.csv' }, 'stage path'],
  ])('the target %j', (target, argument) => {
    expect(argumentOf(() => exportToFileStatement('SELECT 1', target as never))).toBe(argument);
  });
});

describe('rowEncoder', () => {
  /** The rows and bytes MatrixOne 4.2.0 wrote for `SELECT * FROM ref_exp INTO OUTFILE` (without the vector column). */
  const rows = [
    { id: 1, name: 'plain', price: '9.99', created: '2026-01-02 03:04:05', note: null },
    { id: 2, name: 'comma, inside', price: '0.50', created: '2026-06-30 23:59:59', note: 'say "hi"' },
    { id: 3, name: 'tab\there', price: '100.00', created: null, note: 'line1\nline2' },
  ];

  it('writes the CSV MatrixOne writes, strings quoted (DECIMAL arrives as text and is quoted too)', () => {
    const encoder = rowEncoder();
    expect(rows.map((row) => encoder.encode(row)).join('')).toBe(
      'id,name,price,created,note\n' +
        '1,"plain","9.99","2026-01-02 03:04:05",\\N\n' +
        '2,"comma, inside","0.50","2026-06-30 23:59:59","say ""hi"""\n' +
        '3,"tab\there","100.00",\\N,"line1\nline2"\n',
    );
  });

  it('writes JSON lines in column order, Dates as server text and bigints as strings', () => {
    const encoder = rowEncoder({ format: 'jsonline' });
    expect(encoder.encode({ id: 2n, at: new Date(2026, 0, 2, 3, 4, 5), tags: { a: 1 }, none: null })).toBe(
      '{"id":"2","at":"2026-01-02 03:04:05","tags":{"a":1},"none":null}\n',
    );
  });

  it('takes other separators and no header', () => {
    const encoder = rowEncoder({
      header: false,
      fieldsTerminatedBy: '|',
      linesTerminatedBy: '\r\n',
      nullAs: '',
    });
    expect(encoder.encode({ id: 1, ok: true, blob: Buffer.from('x'), none: null })).toBe('1|1|"x"|\r\n');
  });

  it('refuses CSV options for JSON lines and bad separators', () => {
    expect(() => rowEncoder({ format: 'jsonline', header: true })).toThrow(InvalidInputError);
    expect(() => rowEncoder({ enclosedBy: '""' })).toThrow(InvalidInputError);
    expect(() => rowEncoder({ linesTerminatedBy: '' })).toThrow(InvalidInputError);
  });
});
