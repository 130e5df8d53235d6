import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/errors/errors.js';
import { parseStageFiles, parseStageRow } from '../../../src/managers/stages/stage-rows.js';
import {
  alterStageStatement,
  createStageStatement,
  dropStageStatement,
  listStageFilesStatement,
  removeStageFilesStatement,
  showStagesStatement,
} from '../../../src/managers/stages/stage-statements.js';
import { findStep, loadRecordedCase, recordedRows } from '../../support/recorded-cases.js';
import { shape } from '../loading/shape.js';

const recorded = loadRecordedCase('stage/stage');
const recordedStatement = (sql: string): string =>
  findStep(recorded, (candidate) => shape(candidate) === shape(sql)).sql;
const keys = { awsKeyId: '1a2b3c', awsSecretKey: '4x5y6z' };

describe('stage statements against MatrixOne’s stage case', () => {
  it.each([
    [
      createStageStatement({ name: 'my_ext_stage', url: 's3://bucket/files/' }),
      "CREATE STAGE my_ext_stage URL='s3://bucket/files/';",
    ],
    [
      createStageStatement({ name: 'my_sub_stage', url: 'stage://my_ext_stage/a/b/c/' }),
      "CREATE STAGE my_sub_stage URL='stage://my_ext_stage/a/b/c/';",
    ],
    [
      createStageStatement({ name: 'my_ext_stage', url: 's3://bucket/files/', ifNotExists: true }),
      "CREATE STAGE if not exists my_ext_stage URL='s3://bucket/files/';",
    ],
    [
      createStageStatement({
        name: 'my_ext_stage1',
        url: 's3://bucket1/files/',
        credentials: { ...keys, awsRegion: 'us-east-2', provider: 'minio' },
      }),
      "CREATE STAGE my_ext_stage1 URL='s3://bucket1/files/' CREDENTIALS={'AWS_KEY_ID'='1a2b3c' ,'AWS_SECRET_KEY'='4x5y6z', 'AWS_REGION'='us-east-2', 'PROVIDER'='minio'};",
    ],
    [
      createStageStatement({
        name: 'my_ext_stage4',
        url: 's3://bucket/files/',
        credentials: keys,
        comment: 'self stage',
      }),
      "CREATE STAGE my_ext_stage4 URL='s3://bucket/files/' CREDENTIALS={'AWS_KEY_ID'='1a2b3c' ,'AWS_SECRET_KEY'='4x5y6z'} COMMENT = 'self stage';",
    ],
    [
      alterStageStatement('my_ext_stage4', { url: 's3://bucket4/files2/' }, { ifExists: true }),
      "ALTER STAGE if exists my_ext_stage4 SET URL='s3://bucket4/files2/';",
    ],
    [
      alterStageStatement('my_ext_stage1', { credentials: { awsKeyId: '1a2b3d', awsSecretKey: '4x5y6z' } }),
      "ALTER STAGE my_ext_stage1 SET CREDENTIALS={'AWS_KEY_ID'='1a2b3d' ,'AWS_SECRET_KEY'='4x5y6z'};",
    ],
    [
      alterStageStatement('my_ext_stage4', { comment: 'user stage' }),
      "ALTER STAGE my_ext_stage4 SET COMMENT = 'user stage';",
    ],
    [dropStageStatement('my_ext_stage5', { ifExists: true }), 'DROP STAGE if exists my_ext_stage5;'],
    [dropStageStatement('my_ext_stage'), 'DROP STAGE my_ext_stage;'],
    [showStagesStatement('my_ext_stage3'), "SHOW STAGES like 'my_ext_stage3';"],
    [showStagesStatement(), 'SHOW STAGES;'],
  ])('%o', (statement, expected) => {
    expect(shape(statement.sql)).toBe(shape(recordedStatement(expected)));
  });

  it('lists the credentials as secrets of the statement', () => {
    const create = createStageStatement({
      name: 's',
      url: 's3://b/',
      credentials: { ...keys, awsRegion: 'r' },
    });
    expect(create.secrets).toEqual(['1a2b3c', '4x5y6z']);
    expect(alterStageStatement('s', { credentials: keys }).secrets).toEqual(['1a2b3c', '4x5y6z']);
    expect(createStageStatement({ name: 's', url: 's3://b/' }).secrets).toBeUndefined();
  });

  it('writes ENABLE and lower-cases the name as MatrixOne stores it', () => {
    expect(
      createStageStatement({ name: 'Ref_Stage_Dis', url: 'file:///data/dis/', enabled: false }).sql,
    ).toBe("CREATE STAGE `ref_stage_dis` URL = 'file:///data/dis/' ENABLE = FALSE");
    expect(alterStageStatement('ref_stage1', { enabled: true }).sql).toBe(
      'ALTER STAGE `ref_stage1` SET ENABLE = TRUE',
    );
  });

  it('builds the stage file statements MatrixOne 4.2.0 accepted', () => {
    expect(listStageFilesStatement('ref_stage1').sql).toBe(
      "SELECT * FROM stage_list('stage://ref_stage1/') AS f",
    );
    expect(listStageFilesStatement('ref_stage1', '*.csv').sql).toBe(
      "SELECT * FROM stage_list('stage://ref_stage1/*.csv') AS f",
    );
    expect(removeStageFilesStatement('ref_stage1', 'nomatch_*.csv', { ifExists: true }).sql).toBe(
      "REMOVE FILES FROM STAGE IF EXISTS 'stage://ref_stage1/nomatch_*.csv'",
    );
  });
});

describe('stage statements refuse before sending', () => {
  const refusal = (build: () => unknown): InvalidInputError => {
    try {
      build();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      return error as InvalidInputError;
    }
    throw new Error('expected a refusal');
  };

  it.each(['/path/to', 'minio:///path/to', 'abc', 'file://relative/'])(
    'the URL %s (MatrixOne takes file:///, s3://, stage://)',
    (url) => {
      expect(refusal(() => createStageStatement({ name: 's', url })).argument).toBe('url');
      expect(refusal(() => alterStageStatement('s', { url })).argument).toBe('url');
    },
  );

  it('more than one change at a time, as MatrixOne does (at most one option at a time)', () => {
    const error = refusal(() => alterStageStatement('s', { url: 's3://b/', comment: 'x' } as never));
    expect(error.message).toContain('exactly one');
  });

  it('an empty credential, without echoing the other values', () => {
    const error = refusal(() =>
      createStageStatement({
        name: 's',
        url: 's3://b/',
        credentials: { awsKeyId: 'AKIAXYZ', awsSecretKey: '' },
      }),
    );
    expect(error.message).not.toContain('AKIAXYZ');
  });

  it('names that cannot go into a stage:// URL', () => {
    expect(refusal(() => dropStageStatement('my-stage')).argument).toBe('stage name');
    expect(refusal(() => removeStageFilesStatement('s', '')).argument).toBe('stage path');
  });
});

describe('SHOW STAGES and stage_list() rows', () => {
  it('parses the rows MatrixOne’s stage case recorded', () => {
    const step = findStep(recorded, (sql) => sql === 'SHOW STAGES;' && true);
    expect(recordedRows(step).map(parseStageRow)).toEqual([
      { name: 'my_ext_stage', url: 's3://bucket/files/', status: 'in_use', comment: undefined },
    ]);
    const withComment = recorded.filter((candidate) => candidate.sql === 'SHOW STAGES;')[2];
    expect(withComment && recordedRows(withComment).map(parseStageRow).at(-1)).toEqual({
      name: 'my_ext_stage4',
      url: 's3://bucket/files/',
      status: 'in_use',
      comment: 'self stage',
    });
  });

  it('reads BLOB cells sent as Buffers (URL and COMMENT are BLOB columns, observed on MatrixOne 4.2.0)', () => {
    const stage = parseStageRow({
      STAGE_NAME: 'ref_stage1',
      URL: Buffer.from('file:///data/'),
      STATUS: 'disabled',
      COMMENT: Buffer.from('exports'),
    });
    expect(stage).toEqual({
      name: 'ref_stage1',
      url: 'file:///data/',
      status: 'disabled',
      comment: 'exports',
    });
  });

  it('reads stage_list() server paths and refuses rows without a file column', () => {
    expect(parseStageFiles([{ file: '/data/fq.csv' }, { file: '/data/sub' }])).toEqual([
      '/data/fq.csv',
      '/data/sub',
    ]);
    expect(() => parseStageFiles([{ path: 'x' }])).toThrow(/no "file" column/);
  });
});
