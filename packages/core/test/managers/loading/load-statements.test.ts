import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/errors/errors.js';
import {
  type LoadOptions,
  type LoadSource,
  planLoad,
} from '../../../src/managers/loading/load-statements.js';
import { findStep, loadRecordedCase } from '../../support/recorded-cases.js';
import { shape } from './shape.js';

const recorded = loadRecordedCase('load_data/load_data');
const recordedStatement = (sql: string): string =>
  findStep(recorded, (candidate) => shape(candidate) === shape(sql)).sql;

describe('planLoad against MatrixOne’s load_data case', () => {
  it.each<[string, string, LoadOptions, string]>([
    [
      't1',
      '$resources/load_data/integer_numbers_1.csv',
      {},
      "load data infile '$resources/load_data/integer_numbers_1.csv' into table t1 fields terminated by ',';",
    ],
    [
      't1',
      '$resources/into_outfile/outfile_integer_numbers_1.csv',
      { ignoreLines: 1 },
      "load data infile '$resources/into_outfile/outfile_integer_numbers_1.csv' into table t1 fields terminated by ',' ignore 1 lines;",
    ],
    [
      't1',
      '$resources/load_data/integer_numbers_2.csv',
      { fieldsTerminatedBy: '*' },
      "load data infile '$resources/load_data/integer_numbers_2.csv' into table t1 fields terminated by'*';",
    ],
    [
      't6',
      '$resources/load_data/auto_increment_2.csv',
      { linesStartingBy: 'aaa' },
      "load data infile '$resources/load_data/auto_increment_2.csv' into table t6 FIELDS TERMINATED BY ',' LINES STARTING BY 'aaa';",
    ],
    [
      't7',
      '$resources/load_data/auto_increment_2.csv',
      { parallel: true },
      "load data infile '$resources/load_data/auto_increment_2.csv' into table t7 fields terminated by ',' parallel 'true';",
    ],
    [
      't9',
      '$resources/load_data/parallel.txt.gz',
      {
        compression: 'gzip',
        fieldsTerminatedBy: '|',
        enclosedBy: '"',
        optionallyEnclosed: true,
        linesTerminatedBy: '\n',
      },
      `load data infile {"filepath"="$resources/load_data/parallel.txt.gz", "compression"="gzip"} into table t9 FIELDS TERMINATED BY '|' OPTIONALLY ENCLOSED BY '"' LINES TERMINATED BY '\\n';`,
    ],
  ])('%s from %s', (table, serverFile, options, expected) => {
    const plan = planLoad({ table }, { serverFile }, options);
    expect(shape(plan.statement.sql)).toBe(shape(recordedStatement(expected)));
    expect(plan.local).toBeUndefined();
  });
});

/**
 * Statements a real MatrixOne 4.2.0 accepted (copied from the project's live recordings of LOAD DATA, with the
 * server directory written `<dir>`), each rebuilt by the SDK.
 */
describe('planLoad against statements MatrixOne 4.2.0 accepted', () => {
  it.each<[string, LoadSource, LoadOptions, string]>([
    [
      'ref_people',
      { serverFile: '<dir>/people.csv' },
      {
        enclosedBy: '"',
        linesTerminatedBy: '\n',
        ignoreLines: 1,
        columns: ['id', 'name', 'score', 'birthday'],
      },
      `LOAD DATA INFILE '<dir>/people.csv' INTO TABLE ref_people FIELDS TERMINATED BY ',' ENCLOSED BY '"' LINES TERMINATED BY '\\n' IGNORE 1 LINES (id, name, score, birthday)`,
    ],
    [
      'ref_people',
      { serverFile: '<dir>/people_plain.csv' },
      { columns: ['id', 'name', 'score', 'birthday'], nullIf: { name: 'Gina', score: 3 } },
      "LOAD DATA INFILE '<dir>/people_plain.csv' INTO TABLE ref_people FIELDS TERMINATED BY ',' (id, name, score, birthday) SET name = nullif(name, 'Gina'), score = nullif(score, 3)",
    ],
    [
      'ref_people4',
      { serverFile: '<dir>/people.jl' },
      { format: 'jsonline', jsonData: 'object' },
      "LOAD DATA INFILE {'filepath'='<dir>/people.jl', 'format'='jsonline', 'jsondata'='object'} INTO TABLE ref_people4",
    ],
    [
      'ref_people4',
      { serverFile: '<dir>/big.csv' },
      { parallel: false },
      "LOAD DATA INFILE '<dir>/big.csv' INTO TABLE ref_people4 FIELDS TERMINATED BY ',' PARALLEL 'false'",
    ],
    [
      'ref_people4',
      { inline: '93,Pam,3.5,2000-01-03' },
      {},
      "LOAD DATA INLINE FORMAT='csv', DATA='93,Pam,3.5,2000-01-03' INTO TABLE ref_people4 FIELDS TERMINATED BY ','",
    ],
    [
      'ref_people4',
      { inline: '{"id":94,"name":"Quin","score":1,"birthday":"2000-01-04"}' },
      { format: 'jsonline', jsonData: 'object' },
      `LOAD DATA INLINE FORMAT='jsonline', DATA='{"id":94,"name":"Quin","score":1,"birthday":"2000-01-04"}', JSONTYPE='object' INTO TABLE ref_people4`,
    ],
    [
      'ref_imp',
      { stage: 'ref_stage1', file: 'out.csv' },
      { enclosedBy: '"', ignoreLines: 1 },
      `LOAD DATA INFILE 'stage://ref_stage1/out.csv' INTO TABLE ref_imp FIELDS TERMINATED BY ',' ENCLOSED BY '"' IGNORE 1 LINES`,
    ],
  ])('%s', (table, source, options, accepted) => {
    expect(shape(planLoad({ table }, source, options).statement.sql)).toBe(shape(accepted));
  });

  it('sends client data as LOCAL INFILE under the name the server will ask for', () => {
    const file = planLoad({ table: 'ref_people4' }, { localFile: '/client-side/client_only.csv' });
    expect(file.statement.sql).toBe(
      "LOAD DATA LOCAL INFILE '/client-side/client_only.csv' INTO TABLE `ref_people4` FIELDS TERMINATED BY ','",
    );
    expect(file.local?.name).toBe('/client-side/client_only.csv');
    const stream = planLoad(
      { database: 'shop', table: 'ref_people4' },
      { stream: Readable.from([]) },
      { ignoreLines: 1 },
    );
    expect(stream.statement.sql).toBe(
      "LOAD DATA LOCAL INFILE 'client-stream' INTO TABLE `shop`.`ref_people4` FIELDS TERMINATED BY ',' IGNORE 1 LINES",
    );
    expect(stream.matrixOneOnly).toBe(false);
  });

  it('escapes quotes and backslashes in inline data and writes line breaks as \\n', () => {
    const plan = planLoad(
      { table: 't' },
      { inline: '95,"Rae, R",1,2000-01-01\n96,O\'Neil,2,2000-01-02\n' },
      { enclosedBy: '"' },
    );
    expect(plan.statement.sql).toBe(
      `LOAD DATA INLINE FORMAT='csv', DATA='95,"Rae, R",1,2000-01-01\\n96,O''Neil,2,2000-01-02\\n' INTO TABLE \`t\` FIELDS TERMINATED BY ',' ENCLOSED BY '"'`,
    );
  });

  it('marks MatrixOne-only syntax', () => {
    expect(planLoad({ table: 't' }, { serverFile: '/f.csv' }).matrixOneOnly).toBe(false);
    expect(planLoad({ table: 't' }, { serverFile: '/f.csv' }, { parallel: true }).matrixOneOnly).toBe(true);
    expect(planLoad({ table: 't' }, { stage: 's', file: 'f.csv' }).matrixOneOnly).toBe(true);
    expect(planLoad({ table: 't' }, { inline: '1' }).matrixOneOnly).toBe(true);
  });
});

describe('planLoad refuses before sending', () => {
  const refused = (source: LoadSource, options: unknown): InvalidInputError => {
    try {
      planLoad({ table: 't' }, source, options as LoadOptions);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      return error as InvalidInputError;
    }
    throw new Error('expected a refusal');
  };

  it.each([
    ['set', { set: { note: "'loaded'" } }, /ignores all but/],
    ['ignore', { ignore: true }, /does not check keys/],
    ['replace', { replace: true }, /does not check keys/],
    ['duplicates', { duplicates: 'ignore' }, /IGNORE \/ REPLACE change nothing/],
    ['strict', { strict: false }, /changes nothing/],
    ['unknown', { delimiter: ',' }, /Unknown load option "delimiter"/],
  ])('the option MatrixOne would ignore or does not know: %s', (_, options, message) => {
    expect(refused({ serverFile: '/f.csv' }, options).message).toMatch(message);
  });

  it.each([
    [{ enclosedBy: 'ab' }, 'enclosedBy'],
    [{ escapedBy: '' }, 'escapedBy'],
    [{ optionallyEnclosed: true }, 'optionallyEnclosed'],
    [{ fieldsTerminatedBy: '' }, 'fieldsTerminatedBy'],
    [{ ignoreLines: -1 }, 'ignoreLines'],
    [{ ignoreLines: 1.5 }, 'ignoreLines'],
    [{ format: 'xml' }, 'format'],
    [{ format: 'jsonline' }, 'jsonData'],
    [{ format: 'jsonline', jsonData: 'object', ignoreLines: 1 }, 'ignoreLines'],
    [{ format: 'jsonline', jsonData: 'object', nullIf: { a: 'x' } }, 'nullIf'],
    [{ jsonData: 'object' }, 'jsonData'],
    [{ columns: [] }, 'columns'],
    [{ columns: ['a', 'A'] }, 'columns'],
    [{ columns: ['a'], nullIf: { b: 'x' } }, 'nullIf'],
    [{ nullIf: { a: {} } }, 'nullIf'],
    [{ parallel: 'yes' }, 'parallel'],
    [{ compression: 'zip' }, 'compression'],
    [{ onProgress: 'log' }, 'onProgress'],
    [{ progressIntervalBytes: 0 }, 'progressIntervalBytes'],
  ])('bad options %j (argument %s)', (options, argument) => {
    expect(refused({ serverFile: '/f.csv' }, options).argument).toBe(argument);
  });

  it.each<[unknown, string]>([
    [{}, 'source'],
    [{ serverFile: '' }, 'source'],
    [{ serverFile: '/a', localFile: '/b' }, 'source'],
    [{ stream: 'not a stream' }, 'source'],
    [{ inline: 42 }, 'source'],
    [{ stage: 'bad name', file: 'x.csv' }, 'stage name'],
    [{ stage: 's', file: '../x.csv' }, 'stage path'],
    [{ stage: 's', file: '/x.csv' }, 'stage path'],
  ])('a bad source %j', (source, argument) => {
    expect(refused(source as LoadSource, {}).argument).toBe(argument);
  });

  it('compressed client data', () => {
    expect(refused({ localFile: '/f.gz' }, { compression: 'gzip' }).argument).toBe('compression');
  });
});
