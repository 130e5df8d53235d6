import { describe, expect, it } from 'vitest';
import { InvalidInputError, MatrixOneError, TransactionRuleError } from '../../../src/errors/errors.js';
import { CdcManager } from '../../../src/managers/cdc/cdc-manager.js';
import { ExportManager } from '../../../src/managers/export/export-manager.js';
import { LoadManager } from '../../../src/managers/loading/load-manager.js';
import { DuplicateRowsError } from '../../../src/managers/loading/load-rows.js';
import { MetadataManager } from '../../../src/managers/metadata/metadata-manager.js';
import { StageManager } from '../../../src/managers/stages/stage-manager.js';
import { scriptedContext } from '../../support/scripted-context.js';

/**
 * The managers' own logic through a scripted context: which statements a checked load sends and in what order,
 * what it makes of the duplicate queries' answers, and the operations refused inside a transaction with no SQL
 * sent. What the server does with the statements is tested on the test server and live.
 */
const SHOW_INDEX_ROWS = [
  { Non_unique: 0, Key_name: 'PRIMARY', Seq_in_index: 1, Column_name: 'id' },
  { Non_unique: 0, Key_name: 'uk_name', Seq_in_index: 1, Column_name: 'name' },
  { Non_unique: 1, Key_name: 'idx_score', Seq_in_index: 1, Column_name: 'score' },
];

describe('loading.loadChecked', () => {
  it('stages, looks for duplicates per unique key, inserts and drops the staging table', async () => {
    const context = scriptedContext({
      inTransaction: true,
      answer: (sql) => (sql.startsWith('SHOW INDEX') ? SHOW_INDEX_ROWS : undefined),
    });
    const result = await new LoadManager(context).loadChecked('people', { serverFile: '/data/people.csv' });
    const sql = context.sent.map((statement) =>
      statement.sql.replace(/people_mo_load_[0-9a-f]{16}/g, 'staging'),
    );
    expect(sql).toEqual([
      'SHOW INDEX FROM `people`',
      'CREATE TABLE `staging` LIKE `people`',
      "LOAD DATA INFILE '/data/people.csv' INTO TABLE `staging` FIELDS TERMINATED BY ','",
      'SELECT `id`, COUNT(*) AS `copies` FROM `staging` WHERE `id` IS NOT NULL GROUP BY `id` HAVING COUNT(*) > 1 LIMIT 20',
      'SELECT DISTINCT s.`id` FROM `staging` AS s JOIN `people` AS t ON s.`id` = t.`id` LIMIT 20',
      'SELECT `name`, COUNT(*) AS `copies` FROM `staging` WHERE `name` IS NOT NULL GROUP BY `name` HAVING COUNT(*) > 1 LIMIT 20',
      'SELECT DISTINCT s.`name` FROM `staging` AS s JOIN `people` AS t ON s.`name` = t.`name` LIMIT 20',
      'INSERT INTO `people` SELECT * FROM `staging`',
      'DROP TABLE IF EXISTS `staging`',
    ]);
    expect(result.keys).toEqual([['id'], ['name']]);
  });

  it('reports duplicates within the data and against the table, inserts nothing and still drops the staging table', async () => {
    const context = scriptedContext({
      inTransaction: true,
      answer: (sql) => {
        if (sql.includes('COUNT(*) AS `copies`')) return [{ id: 5, copies: 2 }];
        if (sql.startsWith('SELECT DISTINCT')) return [{ id: 21 }];
        return undefined;
      },
    });
    const failure = await new LoadManager(context)
      .loadChecked('people', { serverFile: '/data/dup.csv' }, { keys: [['id']], maxReportedDuplicates: 5 })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DuplicateRowsError);
    expect((failure as DuplicateRowsError).duplicates).toEqual([
      { columns: ['id'], values: [5], kind: 'in-load', copies: 2 },
      { columns: ['id'], values: [21], kind: 'existing' },
    ]);
    expect((failure as DuplicateRowsError).kind).toBe('constraint');
    const sent = context.sent.map((statement) => statement.sql);
    expect(sent.some((sql) => sql.startsWith('INSERT'))).toBe(false);
    expect(sent.at(-1)).toMatch(/^DROP TABLE IF EXISTS `people_mo_load_[0-9a-f]{16}`$/);
    expect(sent.filter((sql) => sql.includes('LIMIT 5'))).toHaveLength(2);
  });

  it('refuses a table without keys, and bad keys before anything is sent', async () => {
    const context = scriptedContext({ inTransaction: true });
    await expect(new LoadManager(context).loadChecked('t', { serverFile: '/f.csv' })).rejects.toThrow(
      /no primary or unique key/,
    );
    expect(context.sent.map((statement) => statement.sql)).toEqual(['SHOW INDEX FROM `t`']);
    const fresh = scriptedContext({ inTransaction: true });
    await expect(
      new LoadManager(fresh).loadChecked('t', { serverFile: '/f.csv' }, { keys: [[]] }),
    ).rejects.toThrow(InvalidInputError);
    await expect(
      new LoadManager(fresh).loadChecked(
        't',
        { serverFile: '/f.csv' },
        { keys: [['id']], maxReportedDuplicates: 0 },
      ),
    ).rejects.toThrow(InvalidInputError);
    expect(fresh.sent).toEqual([]);
  });

  it('needs one connection: without a transaction or a client to open one, it is refused', async () => {
    const context = scriptedContext({ inTransaction: false });
    await expect(
      new LoadManager(context).loadChecked('t', { serverFile: '/f.csv' }, { keys: [['id']] }),
    ).rejects.toThrow(/needs one connection/);
    expect(context.sent).toEqual([]);
  });

  it('loads a server file on the pool with one statement and refuses checked-load options there', async () => {
    const context = scriptedContext({ inTransaction: false });
    const loading = new LoadManager(context);
    await expect(loading.load('t', { serverFile: '/f.csv' }, { keys: [['id']] } as never)).rejects.toThrow(
      /loadChecked/,
    );
    expect(await loading.load('t', { serverFile: '/f.csv' })).toEqual({ rowsLoaded: 0, warnings: 0 });
    expect(context.sent.map((statement) => statement.sql)).toEqual([
      "LOAD DATA INFILE '/f.csv' INTO TABLE `t` FIELDS TERMINATED BY ','",
    ]);
  });
});

describe('operations refused inside a transaction send nothing', () => {
  it.each<[string, (context: ReturnType<typeof scriptedContext>) => Promise<unknown>]>([
    ['stages.create', (context) => new StageManager(context).create({ name: 's', url: 's3://b/' })],
    ['stages.list', (context) => new StageManager(context).list()],
    ['stages.removeFiles', (context) => new StageManager(context).removeFiles('s', '*.csv')],
    ['cdc.get', (context) => new CdcManager(context).get('t')],
    ['cdc.drop', (context) => new CdcManager(context).drop('t')],
    ['metadata.coverage', (context) => new MetadataManager(context).coverage({ database: 'd', table: 't' })],
    [
      'exports.toFile',
      (context) => new ExportManager(context).toFile('SELECT 1', { stage: 's', file: 'a.csv' }),
    ],
  ])('%s', async (operation, call) => {
    const context = scriptedContext({ inTransaction: true });
    const failure = await call(context).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TransactionRuleError);
    expect((failure as TransactionRuleError).operation).toBe(operation);
    expect(context.sent).toEqual([]);
  });

  it('exports.toFile explains that the file would survive a rollback', async () => {
    const context = scriptedContext({ inTransaction: true });
    await expect(new ExportManager(context).toFile('SELECT 1', { serverFile: '/x.csv' })).rejects.toThrow(
      /stays after ROLLBACK/,
    );
  });
});

describe('exports.toFile on a client', () => {
  it('refuses an existing stage file before exporting (MatrixOne never overwrites)', async () => {
    const context = scriptedContext({
      inTransaction: false,
      answer: (sql) => (sql.includes('stage_list') ? [{ file: '/data/out.csv' }] : undefined),
    });
    await expect(
      new ExportManager(context).toFile({ table: 't' }, { stage: 's', file: 'out.csv' }),
    ).rejects.toThrow(/never overwrites/);
    expect(context.sent.map((statement) => statement.sql)).toEqual([
      "SELECT * FROM stage_list('stage://s/out.csv') AS f",
    ]);
  });

  it('maps the server’s 20406 to AlreadyExistsError keeping errno and message', async () => {
    const typed = new MatrixOneError('file out.csv already exists', {
      errno: 20406,
      sqlState: 'HY000',
      serverMessage: 'file out.csv already exists',
    });
    const context = scriptedContext({
      inTransaction: false,
      answer: (sql) => (sql.includes('INTO OUTFILE') ? typed : undefined),
    });
    const failure = await new ExportManager(context)
      .toFile('SELECT 1', { serverFile: '/exports/out.csv' })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({
      kind: 'already-exists',
      errno: 20406,
      serverMessage: 'file out.csv already exists',
    });
    expect((failure as Error).cause).toBe(typed);
  });
});
