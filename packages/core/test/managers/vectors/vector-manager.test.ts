import { describe, expect, it } from 'vitest';
import type { Executor } from '../../../src/connection/executor.js';
import { InvalidInputError, NotFoundError, ServerError } from '../../../src/errors/errors.js';
import { VectorManager } from '../../../src/managers/vectors/vector-manager.js';
import { type ScriptedAnswer, scriptedContext } from '../../support/scripted-context.js';

const DESC_BIGINT = [
  { Field: 'id', Type: 'BIGINT(64)', Null: 'NO', Key: 'PRI', Default: null },
  { Field: 'v', Type: 'VECF32(4)', Null: 'YES', Key: '', Default: null },
  { Field: 'i8', Type: 'VECINT8(4)', Null: 'YES', Key: '', Default: null },
  { Field: 'tag', Type: 'INT(32)', Null: 'YES', Key: '', Default: null },
];
const DESC_INT = [
  { Field: 'id', Type: 'INT(32)', Null: 'NO', Key: 'PRI', Default: null },
  { Field: 'v', Type: 'VECF32(4)', Null: 'YES', Key: '', Default: null },
];
const index = (name: string, type: string, params: string) => ({
  Non_unique: 1,
  Key_name: name,
  Column_name: 'v',
  Seq_in_index: 1,
  Index_type: type,
  Index_params: params,
});

function answers(table: Record<string, ScriptedAnswer>): (sql: string) => ScriptedAnswer | undefined {
  return (sql) => Object.entries(table).find(([prefix]) => sql.startsWith(prefix))?.[1];
}

describe('vectors.createIndex', () => {
  it('HNSW in a transaction: checks the key, turns experimental_hnsw_index on around CREATE INDEX, then back off', async () => {
    const context = scriptedContext({
      inTransaction: true,
      answer: answers({
        DESC: DESC_BIGINT,
        'SELECT @@experimental_hnsw_index': [{ value: 0 }],
        'SHOW INDEX': [index('vh', 'hnsw', '{"op_type":"vector_l2_ops"}')],
      }),
    });
    const created = await new VectorManager(context).createIndex({
      name: 'vh',
      table: { table: 'ref_vh' },
      column: 'v',
      algorithm: 'hnsw',
      m: 16,
    });
    expect(created).toMatchObject({ name: 'vh', algorithm: 'hnsw', opType: 'vector_l2_ops' });
    expect(context.sent.map((statement) => statement.sql)).toEqual([
      'DESC `ref_vh`',
      'SELECT @@experimental_hnsw_index AS `value`',
      'SET experimental_hnsw_index = 1',
      "CREATE INDEX `vh` USING HNSW ON `ref_vh`(`v`) OP_TYPE 'vector_l2_ops' M = 16",
      'SET experimental_hnsw_index = 0',
      'SHOW INDEX FROM `ref_vh`',
    ]);
  });

  it('HNSW sets the switch back even when CREATE INDEX fails, and leaves it alone when already on', async () => {
    const failing = scriptedContext({
      inTransaction: true,
      answer: answers({
        DESC: DESC_BIGINT,
        'SELECT @@': [{ value: 0 }],
        CREATE: new ServerError(
          'internal error: Multiple HNSW indexes are not allowed to use the same column',
        ),
      }),
    });
    await expect(
      new VectorManager(failing).createIndex({
        name: 'x',
        table: { table: 't' },
        column: 'v',
        algorithm: 'hnsw',
      }),
    ).rejects.toThrow(/Multiple HNSW/);
    expect(failing.sent.at(-1)?.sql).toBe('SET experimental_hnsw_index = 0');

    const alreadyOn = scriptedContext({
      inTransaction: true,
      answer: answers({
        DESC: DESC_BIGINT,
        'SELECT @@': [{ value: '1' }],
        'SHOW INDEX': [index('x', 'hnsw', '')],
      }),
    });
    await new VectorManager(alreadyOn).createIndex({
      name: 'x',
      table: { table: 't' },
      column: 'v',
      algorithm: 'hnsw',
    });
    expect(alreadyOn.sent.filter((statement) => statement.sql.startsWith('SET'))).toEqual([]);
  });

  it('HNSW on the client runs on the connection the client pins for it', async () => {
    const context = scriptedContext({ inTransaction: false });
    const pinned = scriptedContext({
      inTransaction: true,
      answer: answers({ DESC: DESC_BIGINT, 'SELECT @@': [{ value: 0 }] }),
    });
    let pins = 0;
    const pin = <T>(work: (executor: Executor) => Promise<T>): Promise<T> => {
      pins += 1;
      return work(pinned.executor);
    };
    const manager = new VectorManager(
      scriptedContext({ inTransaction: false, answer: answers({ 'SHOW INDEX': [index('x', 'hnsw', '')] }) }),
      pin,
    );
    await manager.createIndex({ name: 'x', table: { table: 't' }, column: 'v', algorithm: 'hnsw' });
    expect(pins).toBe(1);
    expect(pinned.sent.map((statement) => statement.sql)).toContain('SET experimental_hnsw_index = 1');
    // Without a way to pin a connection, it is refused before any SQL.
    await expect(
      new VectorManager(context).createIndex({
        name: 'x',
        table: { table: 't' },
        column: 'v',
        algorithm: 'hnsw',
      }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect(context.sent).toEqual([]);
  });

  it('refuses, with no change sent, what MatrixOne refuses: HNSW without a BIGINT key, IVF-flat on a narrow type, a non-vector or missing column', async () => {
    const intKey = scriptedContext({ inTransaction: true, answer: answers({ DESC: DESC_INT }) });
    await expect(
      new VectorManager(intKey).createIndex({
        name: 'x',
        table: { table: 't' },
        column: 'v',
        algorithm: 'hnsw',
      }),
    ).rejects.toThrow(/BIGINT/);
    expect(intKey.sent.map((statement) => statement.sql)).toEqual(['DESC `t`']);

    for (const [column, error] of [
      ['i8', InvalidInputError],
      ['tag', InvalidInputError],
      ['nope', NotFoundError],
    ] as const) {
      const context = scriptedContext({ inTransaction: false, answer: answers({ DESC: DESC_BIGINT }) });
      await expect(
        new VectorManager(context).createIndex({
          name: 'x',
          table: { table: 't' },
          column,
          algorithm: 'ivfflat',
        }),
      ).rejects.toBeInstanceOf(error);
      expect(context.sent.map((statement) => statement.sql)).toEqual(['DESC `t`']);
    }
  });

  it('IVF-flat runs on the pool directly (no session switch) and returns the listed index', async () => {
    const context = scriptedContext({
      inTransaction: false,
      answer: answers({
        DESC: DESC_BIGINT,
        'SHOW INDEX': [
          index('PRIMARY', '', ''),
          index('vi', 'ivfflat', '{"lists":"4","op_type":"vector_l2_ops"}'),
        ],
      }),
    });
    const created = await new VectorManager(context).createIndex({
      name: 'vi',
      table: { table: 't' },
      column: 'v',
      algorithm: 'ivfflat',
      lists: 4,
    });
    expect(created.lists).toBe(4);
    expect(context.sent.map((statement) => statement.sql)).toEqual([
      'DESC `t`',
      "CREATE INDEX `vi` USING IVFFLAT ON `t`(`v`) LISTS = 4 OP_TYPE 'vector_l2_ops'",
      'SHOW INDEX FROM `t`',
    ]);
  });
});

describe('vectors.search', () => {
  it('returns rows and distances in order, the alias removed from the row', async () => {
    const context = scriptedContext({
      inTransaction: false,
      answer: answers({
        SELECT: [
          { id: 17, mo_sdk_distance: 0 },
          { id: 41, mo_sdk_distance: '22.67156809750927' },
        ],
      }),
    });
    const hits = await new VectorManager(context).search<{ id: number }>({
      table: { table: 'ref_vi' },
      column: 'v',
      vector: [68, 54, 99, 40],
      k: 2,
      columns: ['id'],
    });
    expect(hits).toEqual([
      { row: { id: 17 }, distance: 0 },
      { row: { id: 41 }, distance: 22.67156809750927 },
    ]);
    expect(context.sent).toHaveLength(1);
    expect(context.sent[0]?.values).toEqual(['[68,54,99,40]']);
  });

  it('with probeLimit: sets it on one connection and sets it back after, even when the search fails', async () => {
    const context = scriptedContext({
      inTransaction: true,
      answer: answers({
        'SELECT @@probe_limit': [{ value: 5 }],
        'SELECT `id`': new ServerError(
          'invalid input: vector ops between different dimensions (4, 3) is not permitted.',
        ),
      }),
    });
    await expect(
      new VectorManager(context).search({
        table: { table: 't' },
        column: 'v',
        vector: [1, 2, 3],
        k: 1,
        columns: ['id'],
        probeLimit: 8,
      }),
    ).rejects.toThrow(/different dimensions/);
    expect(context.sent.map((statement) => statement.sql.slice(0, 30))).toEqual([
      'SELECT @@probe_limit AS `value',
      'SET probe_limit = 8',
      'SELECT `id`, l2_distance(`v`, ',
      'SET probe_limit = 5',
    ]);
  });

  it('refuses probeLimit 0 (MatrixOne: "convert to the system variable int type failed") and a bad distance cell', async () => {
    const context = scriptedContext({ inTransaction: true });
    await expect(
      new VectorManager(context).search({
        table: { table: 't' },
        column: 'v',
        vector: [1],
        k: 1,
        probeLimit: 0,
      }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect(context.sent).toEqual([]);
    const bad = scriptedContext({
      inTransaction: false,
      answer: answers({ SELECT: [{ id: 1, mo_sdk_distance: null }] }),
    });
    await expect(
      new VectorManager(bad).search({ table: { table: 't' }, column: 'v', vector: [1], k: 1 }),
    ).rejects.toBeInstanceOf(ServerError);
  });
});

describe('vectors: other operations', () => {
  it('withSettings hands work a query on the pinned connection and restores each variable', async () => {
    const context = scriptedContext({
      inTransaction: true,
      answer: answers({
        'SELECT @@probe_limit': [{ value: 5 }],
        'SELECT @@experimental': [{ value: 0 }],
        'SELECT id': [{ id: 1 }],
      }),
    });
    const rows = await new VectorManager(context).withSettings({ probeLimit: 16, hnswIndex: true }, (query) =>
      query('SELECT id FROM t LIMIT 1'),
    );
    expect(rows).toEqual([{ id: 1 }]);
    expect(context.sent.map((statement) => statement.sql)).toEqual([
      'SELECT @@probe_limit AS `value`',
      'SET probe_limit = 16',
      'SELECT @@experimental_hnsw_index AS `value`',
      'SET experimental_hnsw_index = 1',
      'SELECT id FROM t LIMIT 1',
      'SET experimental_hnsw_index = 0',
      'SET probe_limit = 5',
    ]);
  });

  it('dropIndex with ifExists lists first and sends nothing more for a missing index', async () => {
    const context = scriptedContext({
      inTransaction: false,
      answer: answers({ 'SHOW INDEX': [index('other', 'ivfflat', '')] }),
    });
    const manager = new VectorManager(context);
    await manager.dropIndex({ table: 't' }, 'gone', { ifExists: true });
    expect(context.sent.map((statement) => statement.sql)).toEqual(['SHOW INDEX FROM `t`']);
    await manager.dropIndex({ table: 't' }, 'Other', { ifExists: true });
    expect(context.sent.at(-1)?.sql).toBe('DROP INDEX `Other` ON `t`');
  });

  it('describeColumn, distance, encode and decode', async () => {
    const context = scriptedContext({ inTransaction: false, answer: answers({ DESC: DESC_BIGINT }) });
    const manager = new VectorManager(context);
    expect(await manager.describeColumn({ table: 't' }, 'V')).toEqual({
      name: 'v',
      type: 'vecf32',
      dimension: 4,
    });
    expect(manager.distance('inner_product', 'v', [1, 1])).toEqual({
      sql: 'inner_product(`v`, ?)',
      values: ['[1,1]'],
    });
    expect(manager.decode(manager.encode([0.5, 2]), { as: 'float32' })).toEqual(new Float32Array([0.5, 2]));
  });
});
