import { describe, expect, it } from 'vitest';
import { InvalidInputError, NotFoundError } from '../../../src/errors/errors.js';
import { FulltextManager } from '../../../src/managers/fulltext/fulltext-manager.js';
import { parseFulltextIndexes } from '../../../src/managers/fulltext/fulltext-rows.js';
import {
  createFulltextIndexStatement,
  fulltextSearchStatement,
  matchExpression,
} from '../../../src/managers/fulltext/fulltext-statements.js';
import { sameStatement } from '../../support/recording-context.js';
import { type ScriptedAnswer, scriptedContext } from '../../support/scripted-context.js';

/** SHOW INDEX rows as MatrixOne 4.2.0 printed them (live recording, ref_ft_doc and ref_ft_ng). */
const COLUMNS =
  'Table	Non_unique	Key_name	Seq_in_index	Column_name	Collation	Cardinality	Sub_part	Packed	Null	Index_type	Comment	Index_comment	Index_params	Visible	Expression'.split(
    '\t',
  );
const row = (line: string) =>
  Object.fromEntries(COLUMNS.map((column, i) => [column, line.split('\t')[i] ?? '']));
const FT_DOC = [
  'ref_ft_doc	0	PRIMARY	1	id	A	0	NULL	NULL						YES	id',
  'ref_ft_doc	1	ref_ftx2	1	body	A	0	NULL	NULL	YES	fulltext				YES	body',
  'ref_ft_doc	1	ref_ftx	1	title	A	0	NULL	NULL	YES	fulltext				YES	title',
  'ref_ft_doc	1	ref_ftx	2	body	A	0	NULL	NULL	YES	fulltext				YES	body',
].map(row);
const FT_NG = [
  'ref_ft_ng	0	PRIMARY	1	id	A	0	NULL	NULL						YES	id',
  'ref_ft_ng	1	ref_ftng	1	body	A	0	NULL	NULL	YES	fulltext			{"parser":"ngram"}	YES	body',
].map(row);
const DESC_DOC = [
  { Field: 'id', Type: 'BIGINT(64)', Key: 'PRI' },
  { Field: 'title', Type: 'VARCHAR(200)', Key: '' },
  { Field: 'body', Type: 'TEXT', Key: '' },
  { Field: 'n', Type: 'INT(32)', Key: '' },
];

function answers(table: Record<string, ScriptedAnswer>): (sql: string) => ScriptedAnswer | undefined {
  return (sql) => Object.entries(table).find(([prefix]) => sql.startsWith(prefix))?.[1];
}

describe('full-text statements, against MatrixOne 4.2.0 recordings (docs/matrixone-facts.md#full-text-search)', () => {
  it('CREATE FULLTEXT INDEX with and without a parser', () => {
    expect(
      sameStatement(
        createFulltextIndexStatement({
          name: 'ref_ftx',
          table: { table: 'ref_ft_doc' },
          columns: ['title', 'body'],
        }).sql,
      ),
    ).toBe(sameStatement('CREATE FULLTEXT INDEX ref_ftx ON ref_ft_doc (title, body)'));
    expect(
      sameStatement(
        createFulltextIndexStatement({
          name: 'ref_ftng',
          table: { table: 'ref_ft_ng' },
          columns: ['body'],
          parser: 'ngram',
        }).sql,
      ),
    ).toBe(sameStatement('CREATE FULLTEXT INDEX ref_ftng ON ref_ft_ng (body) WITH PARSER ngram'));
  });

  it('the search binds the text in both MATCH clauses and orders by score, as recorded', () => {
    const statement = fulltextSearchStatement({
      table: { table: 'ref_ft_doc' },
      columns: ['title', 'body'],
      query: '+search',
      mode: 'boolean',
      select: ['id'],
      where: { lang: 'en' },
      limit: 5,
    });
    expect(statement).toEqual({
      sql:
        'SELECT `id`, MATCH(`title`, `body`) AGAINST(? IN BOOLEAN MODE) AS `mo_sdk_score` FROM `ref_ft_doc` ' +
        'WHERE MATCH(`title`, `body`) AGAINST(? IN BOOLEAN MODE) AND `lang` = ? ORDER BY `mo_sdk_score` DESC LIMIT 5',
      values: ['+search', '+search', 'en'],
    });
    // Recorded: SELECT id, MATCH(title, body) AGAINST('search') AS score FROM ref_ft_doc WHERE MATCH(title, body) AGAINST('search') ORDER BY score DESC;
    expect(matchExpression(['title', 'body'], 'search').sql).toBe(
      'MATCH(`title`, `body`) AGAINST(? IN NATURAL LANGUAGE MODE)',
    );
  });

  it('refuses an empty search text (MatrixOne: pattern is empty), an unknown mode or parser, repeated columns', () => {
    expect(() => matchExpression(['body'], '  ')).toThrow(InvalidInputError);
    expect(() => matchExpression(['body'], 'x', 'bm25' as 'boolean')).toThrow(/mode/);
    expect(() =>
      createFulltextIndexStatement({
        name: 'i',
        table: { table: 't' },
        columns: ['b'],
        parser: 'bogus' as 'ngram',
      }),
    ).toThrow(/parser/);
    expect(() =>
      createFulltextIndexStatement({ name: 'i', table: { table: 't' }, columns: ['b', 'B'] }),
    ).toThrow(/twice/);
    expect(() => createFulltextIndexStatement({ name: 'i', table: { table: 't' }, columns: [] })).toThrow(
      InvalidInputError,
    );
  });
});

describe('SHOW INDEX rows for full-text indexes (observed on MatrixOne 4.2.0)', () => {
  it('groups the columns of each index in order and reads the parser', () => {
    expect(parseFulltextIndexes(FT_DOC)).toEqual([
      { name: 'ref_ftx2', columns: ['body'], parser: undefined },
      { name: 'ref_ftx', columns: ['title', 'body'], parser: undefined },
    ]);
    expect(parseFulltextIndexes(FT_NG)).toEqual([{ name: 'ref_ftng', columns: ['body'], parser: 'ngram' }]);
  });
});

describe('fulltext manager', () => {
  it('refuses, before any change, what MatrixOne refuses: no primary key, a non-text column, the same column set twice', async () => {
    const noKey = scriptedContext({
      inTransaction: false,
      answer: answers({ DESC: [{ Field: 'body', Type: 'TEXT', Key: '' }] }),
    });
    await expect(
      new FulltextManager(noKey).createIndex({ name: 'i', table: { table: 't' }, columns: ['body'] }),
    ).rejects.toThrow(/primary key/);
    const context = scriptedContext({
      inTransaction: true,
      answer: answers({ DESC: DESC_DOC, 'SHOW INDEX': FT_DOC }),
    });
    const manager = new FulltextManager(context);
    await expect(manager.createIndex({ name: 'i', table: { table: 't' }, columns: ['n'] })).rejects.toThrow(
      /INT/,
    );
    await expect(
      manager.createIndex({ name: 'i', table: { table: 't' }, columns: ['nope'] }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      manager.createIndex({ name: 'i', table: { table: 't' }, columns: ['body', 'title'] }),
    ).rejects.toThrow(/ref_ftx/);
    expect(context.sent.some((statement) => statement.sql.startsWith('CREATE'))).toBe(false);
  });

  it('creates and returns the listed index', async () => {
    let created = false;
    const context = scriptedContext({
      inTransaction: false,
      answer: (sql) => {
        if (sql.startsWith('DESC')) return DESC_DOC;
        if (sql.startsWith('CREATE')) created = true;
        if (sql.startsWith('SHOW INDEX')) return created ? FT_NG : FT_NG.slice(0, 1);
        return undefined;
      },
    });
    const index = await new FulltextManager(context).createIndex({
      name: 'ref_ftng',
      table: { table: 'ref_ft_ng' },
      columns: ['body'],
      parser: 'ngram',
    });
    expect(index).toEqual({ name: 'ref_ftng', columns: ['body'], parser: 'ngram' });
  });

  it('search returns rows with scores; relevancy is set on one connection and set back', async () => {
    const context = scriptedContext({
      inTransaction: true,
      answer: answers({
        'SELECT @@ft_relevancy_algorithm': [{ value: 'TF-IDF' }],
        'SELECT `id`': [
          { id: 7, mo_sdk_score: 0.36400172 },
          { id: 1, mo_sdk_score: '0.261763' },
        ],
      }),
    });
    const hits = await new FulltextManager(context).search({
      table: { table: 'ref_ft_doc' },
      columns: ['title', 'body'],
      query: 'search',
      select: ['id'],
      relevancy: 'BM25',
    });
    expect(hits).toEqual([
      { row: { id: 7 }, score: 0.36400172 },
      { row: { id: 1 }, score: 0.261763 },
    ]);
    expect(context.sent.map((statement) => statement.sql.slice(0, 40))).toEqual([
      'SELECT @@ft_relevancy_algorithm AS `valu',
      "SET ft_relevancy_algorithm = 'BM25'",
      'SELECT `id`, MATCH(`title`, `body`) AGAI',
      "SET ft_relevancy_algorithm = 'TF-IDF'",
    ]);
    const pool = scriptedContext({ inTransaction: false });
    await expect(
      new FulltextManager(pool).search({
        table: { table: 't' },
        columns: ['b'],
        query: 'x',
        relevancy: 'bogus' as 'BM25',
      }),
    ).rejects.toThrow(/relevancy/);
    await expect(
      new FulltextManager(pool).search({
        table: { table: 't' },
        columns: ['b'],
        query: 'x',
        relevancy: 'BM25',
      }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect(pool.sent).toEqual([]);
  });
});
