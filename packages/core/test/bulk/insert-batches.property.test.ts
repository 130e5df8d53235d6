import fc from 'fast-check';
import mysql from 'mysql2';
import { describe, expect, it } from 'vitest';
import { normalizeRows } from '../../src/bulk/bulk-rows.js';
import { PACKET_OVERHEAD_BYTES, insertBatches, insertHead } from '../../src/bulk/insert-batches.js';
import { InvalidInputError } from '../../src/errors/errors.js';

/** Values of every type the planner sizes, with the characters mysql2 escapes and multi-byte text. */
const value = fc.oneof(
  fc.string({
    unit: fc.constantFrom('a', "'", '"', '\\', '\0', '\n', '\r', '\t', '\b', '\x1a', 'é', '漢', '😀'),
  }),
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.string({ unit: fc.constantFrom('\ud800', '\udc00', 'a', '😀', '\u07ff', '\u0800'), maxLength: 50 }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.bigInt(),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: true }),
  fc.uint8Array({ maxLength: 200 }),
);

const columns = ['id', 'a', 'b'];
const head = insertHead('t', columns);
const plan = (...args: Parameters<typeof insertBatches>) => [...insertBatches(...args)];

describe('insertBatches', () => {
  it('keeps every statement, as mysql2 escapes it, under the packet size and the row cap, rows in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(value, value), { maxLength: 200 }),
        fc.integer({ min: PACKET_OVERHEAD_BYTES + 2_500, max: 40_000 }),
        fc.integer({ min: 1, max: 80 }),
        (pairs, maxPacketBytes, maxRowsPerBatch) => {
          const rows = pairs.map(([a, b], id) => [id, a, b]);
          const statements = plan(head, normalizeRows({ columns, rows }), {
            maxPacketBytes,
            maxRowsPerBatch,
          });
          const sent: unknown[][] = [];
          for (const statement of statements) {
            const values = [...(statement.values ?? [])];
            const text = mysql.format(statement.sql, values as Parameters<typeof mysql.format>[1]);
            expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(
              maxPacketBytes - PACKET_OVERHEAD_BYTES,
            );
            expect(values.length / columns.length).toBeLessThanOrEqual(maxRowsPerBatch);
            for (let i = 0; i < values.length; i += columns.length) sent.push(values.slice(i, i + 3));
          }
          expect(sent).toEqual(rows);
        },
      ),
    );
  });

  it('fills batches up to the row cap when the packet allows', () => {
    const rows = Array.from({ length: 2_500 }, (_, id) => [id, 'x', 1]);
    const statements = plan(head, normalizeRows({ columns, rows }), {
      maxPacketBytes: 64 * 1024 * 1024,
      maxRowsPerBatch: 1_000,
    });
    expect(statements.map((s) => (s.values?.length ?? 0) / 3)).toEqual([1_000, 1_000, 500]);
    expect(statements[2]?.sql).toBe(
      `INSERT INTO \`t\` (\`id\`, \`a\`, \`b\`) VALUES ${Array(500).fill('(?,?,?)').join(',')}`,
    );
  });

  it('keeps a statement under 65,535 placeholders whatever the row cap', () => {
    const wide = Array.from({ length: 100 }, (_, i) => `c${i}`);
    const rows = Array.from({ length: 1_000 }, () => wide.map(() => 1));
    const statements = plan(insertHead('t', wide), normalizeRows({ columns: wide, rows }), {
      maxPacketBytes: 64 * 1024 * 1024,
      maxRowsPerBatch: 1_000_000,
    });
    expect(statements.map((s) => s.values?.length)).toEqual([65_500, 34_500]);
  });

  it('refuses a row that alone does not fit a packet', () => {
    const rows = [[1, 'x'.repeat(5_000), null]];
    expect(() =>
      plan(head, normalizeRows({ columns, rows }), {
        maxPacketBytes: 4_096,
        maxRowsPerBatch: 10,
      }),
    ).toThrow(InvalidInputError);
  });

  it('refuses values the driver would expand into several SQL values', () => {
    for (const bad of [{ a: 1 }, [1, 2], () => 1, Symbol('s')]) {
      expect(() =>
        plan(head, normalizeRows({ columns, rows: [[1, bad, null]] }), {
          maxPacketBytes: 1 << 20,
          maxRowsPerBatch: 10,
        }),
      ).toThrow(InvalidInputError);
    }
  });
});

describe('insertHead', () => {
  it('quotes the table, an optional database and the columns through the identifier module', () => {
    expect(insertHead({ database: 'shop', table: 'order`s' }, ['id', 'select'])).toBe(
      'INSERT INTO `shop`.`order``s` (`id`, `select`) VALUES ',
    );
  });

  it('refuses bad names', () => {
    expect(() => insertHead('', ['id'])).toThrow(InvalidInputError);
    expect(() => insertHead('t', ['id', 'a\0b'])).toThrow(InvalidInputError);
    expect(() => insertHead({ database: 'my db', table: 't' }, ['id'])).toThrow(InvalidInputError);
    expect(() => insertHead('t', [' id'])).toThrow(InvalidInputError);
  });
});
