import { describe, expect, it } from 'vitest';
import { InvalidInputError, ServerError } from '../../../src/errors/errors.js';
import { parseCdcStatusRow, parseCdcTaskRow } from '../../../src/managers/cdc/cdc-rows.js';
import {
  type CreateCdcOptions,
  createCdcStatement,
  dropCdcStatement,
  listCdcTasksStatement,
  pauseCdcStatement,
  resumeCdcStatement,
  showCdcTaskStatement,
} from '../../../src/managers/cdc/cdc-statements.js';
import { redactSql } from '../../../src/redaction/redact-sql.js';
import { shape } from '../loading/shape.js';

/** Statements and rows MatrixOne 4.2.0 answered (copied from the project's live recordings of CDC). */
const ACCEPTED_CREATE =
  "CREATE CDC ref_cdc1 'mysql://sys#root:111@127.0.0.1:6001' 'matrixone' 'mysql://sys#root:111@127.0.0.1:6001' 'ref_cdc_src.t1:ref_cdc_dst.t1' {'Level'='table'};";
const ENDPOINT_HEX =
  '7b225f223a22222c2275736572223a2273797323726f6f74222c226970223a223132372e302e302e31222c22706f7274223a363030312c227265736572766564223a22227d';
const TABLES_HEX =
  '7b22707473223a5b7b22536f75726365223a7b226461746162617365223a227265665f6364635f737263222c227461626c65223a227431227d2c2253696e6b223a7b226461746162617365223a227265665f6364635f647374222c227461626c65223a227431227d2c227265736572766564223a22227d5d2c227265736572766564223a22227d';
const SHOW_ROW = {
  task_id: '01a2347f-46bc-766d-bd14-c7c9b18d8e42',
  task_name: 'ref_cdc1',
  source_uri: ENDPOINT_HEX,
  sink_uri: ENDPOINT_HEX,
  state: 'pausing',
  err_msg: '',
  checkpoint: '{\n  "ref_cdc_src.t1": 2026-12-02 02:05:13.463040918 +0000 UTC,\n}',
  timestamp: '2026-12-02 02:05:14.996964513 +0000 UTC',
};
const CATALOG_ROW = {
  task_id: '01a2347f-46bc-766d-bd14-c7c9b18d8e42',
  task_name: 'ref_cdc1',
  source_uri: ENDPOINT_HEX,
  sink_uri: ENDPOINT_HEX,
  sink_type: 'matrixone',
  tables: TABLES_HEX,
  state: 'running',
  err_msg: '',
  task_create_time: '2026-12-02 02:04:46',
  additional_config:
    '{"Frequency":"","InitSnapshotSplitTxn":true,"MaxSqlLength":4194304,"SendSqlTimeout":"10m"}',
};

const endpoint = { account: 'sys', user: 'root', password: '111', host: '127.0.0.1', port: 6001 };
const create: CreateCdcOptions = {
  name: 'ref_cdc1',
  source: endpoint,
  sinkType: 'matrixone',
  sink: endpoint,
  mapping: {
    level: 'table',
    source: { database: 'ref_cdc_src', table: 't1' },
    sink: { database: 'ref_cdc_dst', table: 't1' },
  },
};

describe('CDC statements', () => {
  it('builds the CREATE CDC MatrixOne 4.2.0 accepted, with both passwords as secrets', () => {
    const statement = createCdcStatement(create);
    expect(shape(statement.sql)).toBe(shape(ACCEPTED_CREATE));
    expect(statement.secrets).toEqual(['111', '111']);
    expect(redactSql(statement.sql)).not.toContain(':111@');
  });

  it('builds the database-level mapping and extra options', () => {
    const statement = createCdcStatement({
      ...create,
      mapping: { level: 'database', source: { database: 'src' }, sink: { database: 'dst' } },
      extraOptions: { Frequency: '1h' },
    });
    expect(statement.sql).toMatch(/ 'src:dst' \{'Level'='database', 'Frequency'='1h'\}$/);
  });

  it.each([
    [showCdcTaskStatement('ref_cdc1'), 'SHOW CDC TASK ref_cdc1'],
    [pauseCdcStatement('ref_cdc1'), 'PAUSE CDC TASK ref_cdc1'],
    [resumeCdcStatement('ref_cdc1', { restart: true }), "RESUME CDC TASK ref_cdc1 'restart'"],
    [resumeCdcStatement('ref_cdc1'), 'RESUME CDC TASK ref_cdc1'],
    [dropCdcStatement('ref_cdc1'), 'DROP CDC TASK ref_cdc1'],
    [dropCdcStatement('ref_cdc1', { ifExists: true }), 'DROP CDC IF EXISTS TASK ref_cdc1'],
  ])('%o as recorded', (statement, accepted) => {
    expect(shape(statement.sql)).toBe(shape(accepted));
  });

  it('reads the catalog as the recording did', () => {
    expect(listCdcTasksStatement().sql).toContain(
      'FROM mo_catalog.mo_cdc_task WHERE account_id = current_account_id()',
    );
  });

  it.each<[Partial<CreateCdcOptions> & Record<string, unknown>, string]>([
    [{ ifNotExists: true }, 'ifNotExists'],
    [{ sinkType: 'bogus' as never }, 'sinkType'],
    [{ source: { ...endpoint, password: 'p@ss' } }, 'source'],
    [{ sink: { ...endpoint, port: 70000 } }, 'sink.port'],
    [
      {
        mapping: {
          level: 'table',
          source: { database: 'a.b', table: 't' },
          sink: { database: 'd', table: 't' },
        },
      },
      'mapping',
    ],
    [{ mapping: { level: 'account' } as never }, 'mapping'],
    [{ extraOptions: { level: 'table' } }, 'extraOptions'],
    [{ name: 'bad-name' }, 'cdc task name'],
  ])('refuses %j before sending, never echoing a password', (change, argument) => {
    let thrown: unknown;
    try {
      createCdcStatement({ ...create, ...change } as CreateCdcOptions);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidInputError);
    expect((thrown as InvalidInputError).argument).toBe(argument);
    expect((thrown as Error).message).not.toContain('p@ss');
  });
});

describe('CDC rows', () => {
  it('parses SHOW CDC TASK: hex JSON URIs decoded, checkpoint and timestamp kept as text', () => {
    expect(parseCdcStatusRow(SHOW_ROW)).toEqual({
      id: '01a2347f-46bc-766d-bd14-c7c9b18d8e42',
      name: 'ref_cdc1',
      source: { user: 'sys#root', host: '127.0.0.1', port: 6001 },
      sink: { user: 'sys#root', host: '127.0.0.1', port: 6001 },
      state: 'pausing',
      error: undefined,
      checkpoint: SHOW_ROW.checkpoint,
      timestamp: '2026-12-02 02:05:14.996964513 +0000 UTC',
    });
  });

  it('parses a mo_cdc_task row: tables decoded, additional_config as JSON', () => {
    const task = parseCdcTaskRow(CATALOG_ROW);
    expect(task.tables).toEqual({
      pts: [
        {
          Source: { database: 'ref_cdc_src', table: 't1' },
          Sink: { database: 'ref_cdc_dst', table: 't1' },
          reserved: '',
        },
      ],
      reserved: '',
    });
    expect(task.config.MaxSqlLength).toBe(4194304);
    expect(task).toMatchObject({
      sinkType: 'matrixone',
      state: 'running',
      createdAt: '2026-12-02 02:04:46',
      error: undefined,
    });
  });

  it('refuses cells it cannot read', () => {
    expect(() => parseCdcStatusRow({ ...SHOW_ROW, source_uri: 'zz' })).toThrow(ServerError);
    expect(() => parseCdcStatusRow({ ...SHOW_ROW, sink_uri: '7b7d' })).toThrow(/user, ip and port/);
    const { state: _, ...withoutState } = SHOW_ROW;
    expect(() => parseCdcStatusRow(withoutState)).toThrow(/no "state" column/);
  });
});
