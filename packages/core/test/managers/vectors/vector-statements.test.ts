import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/errors/errors.js';
import { dropIndexStatement, showIndexStatement } from '../../../src/managers/index-statements.js';
import {
  readSessionVariableStatement,
  setSessionVariableStatement,
} from '../../../src/managers/session-variables.js';
import {
  createVectorIndexStatement,
  distanceExpression,
  knnSearchStatement,
  reindexStatement,
} from '../../../src/managers/vectors/vector-statements.js';
import { findStep, loadRecordedCase } from '../../support/recorded-cases.js';
import { sameStatement } from '../../support/recording-context.js';

/** Also equates `lists=5` with `LISTS = 5` and "…" with '…', as the recorded cases write them. */
function loose(sql: string): string {
  return sameStatement(sql)
    .replace(/\s*=\s*/g, '=')
    .replaceAll('"', "'")
    .replace(/\s*\(\s*/g, '(');
}

function refusal(call: () => unknown): InvalidInputError {
  try {
    call();
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error('expected an InvalidInputError');
}

describe('vector index DDL, against MatrixOne 4.2.0 recordings (docs/matrixone-facts.md#vectors)', () => {
  it('IVF-flat CREATE INDEX as the live server took it', () => {
    const { sql } = createVectorIndexStatement({
      name: 'ref_ivf',
      table: { table: 'ref_vi' },
      column: 'v',
      algorithm: 'ivfflat',
      lists: 4,
      opType: 'vector_l2_ops',
    });
    expect(sql).toBe(
      "CREATE INDEX `ref_ivf` USING IVFFLAT ON `ref_vi`(`v`) LISTS = 4 OP_TYPE 'vector_l2_ops'",
    );
    expect(sameStatement(sql)).toBe(
      sameStatement("CREATE INDEX ref_ivf USING IVFFLAT ON ref_vi(v) LISTS = 4 OP_TYPE 'vector_l2_ops'"),
    );
    // Without LISTS, the server's default (1) applies: `CREATE INDEX ref_ivf5 USING IVFFLAT ON ref_vi_b(v) OP_TYPE 'vector_cosine_ops'`.
    expect(
      createVectorIndexStatement({
        name: 'ref_ivf5',
        table: { table: 'ref_vi_b' },
        column: 'v',
        algorithm: 'ivfflat',
        opType: 'vector_cosine_ops',
      }).sql,
    ).toBe("CREATE INDEX `ref_ivf5` USING IVFFLAT ON `ref_vi_b`(`v`) OP_TYPE 'vector_cosine_ops'");
  });

  it('IVF-flat CREATE INDEX as recorded in vector/vector_index (succeeded there)', () => {
    const steps = loadRecordedCase('vector/vector_index');
    const recorded = findStep(
      steps,
      (sql) =>
        sql === 'create index idx01 using ivfflat on vector_index_01(b) lists=5 op_type "vector_l2_ops";',
    );
    expect(recorded.outcome.kind).toBe('ok');
    const { sql } = createVectorIndexStatement({
      name: 'idx01',
      table: { table: 'vector_index_01' },
      column: 'b',
      algorithm: 'ivfflat',
      lists: 5,
    });
    expect(loose(sql)).toBe(loose(recorded.sql));
  });

  it('HNSW CREATE INDEX as recorded in vector/vector_hnsw_topk_consumers and with options live', () => {
    const steps = loadRecordedCase('vector/vector_hnsw_topk_consumers');
    const recorded = findStep(steps, (sql) => sql.startsWith('create index i_hnsw using hnsw'));
    expect(recorded.outcome.kind).toBe('ok');
    expect(
      loose(
        createVectorIndexStatement({
          name: 'i_hnsw',
          table: { table: 't_hnsw' },
          column: 'v',
          algorithm: 'hnsw',
        }).sql,
      ),
    ).toBe(loose(recorded.sql));
    // Parsed by the live server (it answered "duplicate key name", not a syntax error).
    expect(
      sameStatement(
        createVectorIndexStatement({
          name: 'ref_hnsw',
          table: { table: 'ref_vh' },
          column: 'v',
          algorithm: 'hnsw',
          m: 16,
          efConstruction: 64,
          efSearch: 40,
        }).sql,
      ),
    ).toBe(
      sameStatement(
        "CREATE INDEX ref_hnsw USING HNSW ON ref_vh(v) OP_TYPE 'vector_l2_ops' M = 16 EF_CONSTRUCTION = 64 EF_SEARCH = 40",
      ),
    );
  });

  it('ALTER REINDEX for both algorithms, as recorded', () => {
    const table = { table: 'ref_vi' };
    expect(reindexStatement(table, 'ref_ivf', { algorithm: 'ivfflat', lists: 8 }).sql).toBe(
      'ALTER TABLE `ref_vi` ALTER REINDEX `ref_ivf` IVFFLAT LISTS = 8',
    );
    expect(
      sameStatement(
        reindexStatement({ table: 'ref_vh' }, 'ref_hnsw', {
          algorithm: 'hnsw',
          m: 32,
          efConstruction: 128,
          efSearch: 100,
        }).sql,
      ),
    ).toBe(
      sameStatement(
        'ALTER TABLE ref_vh ALTER REINDEX ref_hnsw HNSW M = 32 EF_CONSTRUCTION = 128 EF_SEARCH = 100',
      ),
    );
    expect(reindexStatement({ table: 'ref_vh' }, 'ref_hnsw', { algorithm: 'hnsw' }).sql).toBe(
      'ALTER TABLE `ref_vh` ALTER REINDEX `ref_hnsw` HNSW',
    );
    const steps = loadRecordedCase('vector/vector_index');
    const recorded = findStep(
      steps,
      (sql) => sql === 'alter table vector_index_04 alter reindex idx01 ivfflat lists=8;',
    );
    expect(recorded.outcome.kind).toBe('ok');
    expect(
      loose(reindexStatement({ table: 'vector_index_04' }, 'idx01', { algorithm: 'ivfflat', lists: 8 }).sql),
    ).toBe(loose(recorded.sql));
  });

  it('DROP INDEX and SHOW INDEX as recorded', () => {
    expect(sameStatement(dropIndexStatement({ table: 'ref_vi' }, 'ref_ivf').sql)).toBe(
      sameStatement('DROP INDEX ref_ivf ON ref_vi'),
    );
    expect(showIndexStatement({ table: 'ref_vi' }).sql).toBe('SHOW INDEX FROM `ref_vi`');
  });

  it("refuses what MatrixOne refuses, before any SQL: LISTS/M = 0, an unknown op type, the other algorithm's options", () => {
    const base = { name: 'i', table: { table: 't' }, column: 'v' } as const;
    expect(
      refusal(() => createVectorIndexStatement({ ...base, algorithm: 'ivfflat', lists: 0 })).argument,
    ).toBe('lists');
    expect(refusal(() => createVectorIndexStatement({ ...base, algorithm: 'hnsw', m: 0 })).argument).toBe(
      'm',
    );
    expect(
      refusal(() =>
        createVectorIndexStatement({
          ...base,
          algorithm: 'ivfflat',
          opType: 'vector_bogus_ops' as 'vector_l2_ops',
        }),
      ).argument,
    ).toBe('opType');
    expect(
      refusal(() => createVectorIndexStatement({ ...base, algorithm: 'hnsw', lists: 4 } as never)).argument,
    ).toBe('lists');
    expect(
      refusal(() => reindexStatement({ table: 't' }, 'i', { algorithm: 'ivfflat', m: 16 } as never)).argument,
    ).toBe('m');
    expect(
      refusal(() => reindexStatement({ table: 't' }, 'i', { algorithm: 'hnsw', lists: 4 } as never)).argument,
    ).toBe('lists');
    expect(
      refusal(() => createVectorIndexStatement({ ...base, algorithm: 'ivf' as 'ivfflat' })).argument,
    ).toBe('algorithm');
    expect(
      refusal(() => createVectorIndexStatement({ ...base, name: 'a\\b', algorithm: 'hnsw' })).argument,
    ).toBe('index name');
  });
});

describe('k-nearest-neighbours search', () => {
  it('binds the query vector, orders ascending by the distance alias and puts k into the text', () => {
    const statement = knnSearchStatement({
      table: { database: 'kb', table: 'docs' },
      column: 'v',
      vector: [4, 5, 6],
      k: 3,
      columns: ['id'],
      where: { tag: 1, deleted: null },
    });
    expect(statement).toEqual({
      sql:
        'SELECT `id`, l2_distance(`v`, ?) AS `mo_sdk_distance` FROM `kb`.`docs` WHERE `v` IS NOT NULL AND `tag` = ? ' +
        'AND `deleted` IS NULL ORDER BY `mo_sdk_distance` ASC LIMIT 3',
      values: ['[4,5,6]', 1],
    });
  });

  it('uses each distance function MatrixOne has, and the filter mode clause as recorded', () => {
    const functions = {
      l2: 'l2_distance',
      l2_squared: 'l2_distance_sq',
      cosine: 'cosine_distance',
      inner_product: 'inner_product',
    };
    for (const [distance, fn] of Object.entries(functions)) {
      expect(distanceExpression(distance as 'l2', 'v', [1, 1, 1]).sql).toBe(`${fn}(\`v\`, ?)`);
    }
    const { sql } = knnSearchStatement({
      table: { table: 'ref_vi' },
      column: 'v',
      vector: [1],
      k: 3,
      filterMode: 'pre',
    });
    expect(sql.endsWith("LIMIT 3 BY RANK WITH OPTION 'mode=pre'")).toBe(true);
    expect(
      refusal(() =>
        knnSearchStatement({
          table: { table: 't' },
          column: 'v',
          vector: [1],
          k: 3,
          filterMode: 'bogus' as 'pre',
        }),
      ).argument,
    ).toBe('filterMode');
  });

  it('never puts a vector element into the SQL text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 100_000, max: 999_999 }), { minLength: 1, maxLength: 8 }),
        (vector) => {
          const statement = knnSearchStatement({ table: { table: 't' }, column: 'v', vector, k: 1 });
          for (const value of vector) expect(statement.sql).not.toContain(String(value));
          expect(statement.values?.[0]).toBe(`[${vector.join(',')}]`);
        },
      ),
    );
  });

  it('refuses a bad k, a wrong dimension, NaN, an empty column list and the distance alias as a column', () => {
    const base = { table: { table: 't' }, column: 'v', vector: [1, 2] } as const;
    expect(refusal(() => knnSearchStatement({ ...base, k: 0 })).argument).toBe('k');
    expect(refusal(() => knnSearchStatement({ ...base, k: 1.5 })).argument).toBe('k');
    expect(refusal(() => knnSearchStatement({ ...base, k: 1, dimension: 3 })).argument).toBe('vector');
    expect(refusal(() => knnSearchStatement({ ...base, vector: [1, Number.NaN], k: 1 })).argument).toBe(
      'vector[1]',
    );
    expect(refusal(() => knnSearchStatement({ ...base, k: 1, columns: [] })).argument).toBe('columns');
    expect(refusal(() => knnSearchStatement({ ...base, k: 1, columns: ['mo_sdk_distance'] })).argument).toBe(
      'columns',
    );
    expect(
      refusal(() => knnSearchStatement({ ...base, k: 1, where: { tag: [1, 2] as never } })).argument,
    ).toBe('where.tag');
    expect(refusal(() => knnSearchStatement({ ...base, k: 1, distance: 'l1' as 'l2' })).argument).toBe(
      'distance',
    );
  });
});

describe('session variables', () => {
  it('reads and sets them as recorded (SELECT @@probe_limit, SET probe_limit = 4, SET experimental_hnsw_index = 1)', () => {
    expect(readSessionVariableStatement('probe_limit').sql).toBe('SELECT @@probe_limit AS `value`');
    expect(setSessionVariableStatement({ name: 'probe_limit', literal: '4' }).sql).toBe(
      'SET probe_limit = 4',
    );
    expect(setSessionVariableStatement({ name: 'experimental_hnsw_index', literal: '1' }).sql).toBe(
      'SET experimental_hnsw_index = 1',
    );
    expect(setSessionVariableStatement({ name: 'ft_relevancy_algorithm', literal: "'BM25'" }).sql).toBe(
      "SET ft_relevancy_algorithm = 'BM25'",
    );
    expect(() => readSessionVariableStatement('autocommit' as 'probe_limit')).toThrow(InvalidInputError);
  });
});
