import { describe, expect, it } from 'vitest';
import { lengthEncodedInt, packetBytes } from '../src/mysql-packets.js';
import { type ResultRule, ResultSetRewriter } from '../src/result-set-rewriter.js';

const query = (sql: string) => packetBytes({ sequence: 0, payload: Buffer.from(`\x03${sql}`) });
const text = (value: string) =>
  Buffer.concat([lengthEncodedInt(BigInt(Buffer.byteLength(value))), Buffer.from(value)]);
const columnDefinition = (name: string, orgName = name) =>
  Buffer.concat([
    text('def'),
    text('information_schema'),
    text('t'),
    text('T'),
    text(name),
    text(orgName),
    Buffer.alloc(13),
  ]);
const row = (...values: (string | null)[]) =>
  Buffer.concat(values.map((value) => (value === null ? Buffer.from([0xfb]) : text(value))));
/** An EOF packet (status SERVER_MORE_RESULTS_EXISTS when `more`). */
const eof = (more = false) => Buffer.from([0xfe, 0, 0, more ? 0x0a : 0x02, 0]);
/** The OK packet that ends the rows with CLIENT_DEPRECATE_EOF. */
const okEnd = () => Buffer.from([0xfe, 0, 0, 0x02, 0, 0, 0]);

/** Lower-cases NAME and drops rows whose KIND is 'drop'. */
const rule: ResultRule = {
  statement: /catalog/,
  rows(columns) {
    const name = columns.findIndex((column) => column.orgName === 'NAME');
    const kind = columns.findIndex((column) => column.orgName === 'KIND');
    if (name < 0) return undefined;
    return (values) =>
      kind >= 0 && values[kind] === 'drop'
        ? undefined
        : values.map((value, index) => (index === name && value !== null ? value.toLowerCase() : value));
  },
};

/** Runs `payloads` (numbered from 1) through a rewriter after `sql`; the payloads and sequence numbers out. */
function answer(sql: string, payloads: Buffer[]) {
  const rewriter = new ResultSetRewriter(() => [rule]);
  rewriter.clientPacket(query(sql));
  const out = payloads
    .map((payload, index) => rewriter.answer({ sequence: (index + 1) % 256, payload }))
    .filter((packet) => packet !== undefined);
  return { sequences: out.map((packet) => packet.sequence), payloads: out.map((packet) => packet.payload) };
}

describe('ResultSetRewriter', () => {
  it('rewrites and drops rows, keeps NULLs, and numbers the packets after a dropped row without a gap', () => {
    const { sequences, payloads } = answer('SELECT catalog', [
      Buffer.from([2]),
      columnDefinition('label', 'NAME'),
      columnDefinition('KIND'),
      eof(),
      row('Mixed_A', 'keep'),
      row('Mixed_B', 'drop'),
      row(null, 'keep'),
      eof(),
    ]);
    expect(sequences).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(payloads.slice(4)).toEqual([row('mixed_a', 'keep'), row(null, 'keep'), eof()]);
  });

  it('reads results without the EOF after the columns (CLIENT_DEPRECATE_EOF), and a second result set', () => {
    const { sequences, payloads } = answer('SELECT catalog; SELECT catalog', [
      Buffer.from([1]),
      columnDefinition('NAME'),
      row('A'),
      Buffer.from([0xfe, 0, 0, 0x0a, 0, 0, 0]),
      Buffer.from([2]),
      columnDefinition('NAME'),
      columnDefinition('KIND'),
      eof(),
      row('B', 'drop'),
      row('C', 'keep'),
      okEnd(),
    ]);
    expect(payloads).toContainEqual(row('a'));
    expect(payloads).toContainEqual(row('c', 'keep'));
    expect(payloads).not.toContainEqual(row('B', 'drop'));
    expect(sequences).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("leaves other statements, OK and ERR answers, and results without the rule's columns alone", () => {
    const other = [Buffer.from([1]), columnDefinition('NAME'), eof(), row('Kept'), eof()];
    expect(answer('SELECT 1', other).payloads).toEqual(other);
    const unnamed = [Buffer.from([1]), columnDefinition('OTHER'), eof(), row('Kept'), eof()];
    expect(answer('SELECT catalog', unnamed).payloads).toEqual(unnamed);
    const ok = [Buffer.from([0x00, 0, 0, 0x02, 0, 0, 0])];
    expect(answer('UPDATE catalog SET x = 1', ok).payloads).toEqual(ok);
    const err = [Buffer.concat([Buffer.from([0xff, 0x7a, 0x04]), Buffer.from('#42S02No such table')])];
    expect(answer('SELECT catalog', err).payloads).toEqual(err);
  });

  it('wraps the lowered sequence numbers past 255, as the protocol counts', () => {
    const rows = Array.from({ length: 300 }, (_, index) => row(`R${index}`, index === 0 ? 'drop' : 'keep'));
    const { sequences } = answer('SELECT catalog', [
      Buffer.from([2]),
      columnDefinition('NAME'),
      columnDefinition('KIND'),
      eof(),
      ...rows,
      eof(),
    ]);
    expect(sequences).toHaveLength(304);
    expect(sequences.slice(250, 260)).toEqual([251, 252, 253, 254, 255, 0, 1, 2, 3, 4]);
  });
});
