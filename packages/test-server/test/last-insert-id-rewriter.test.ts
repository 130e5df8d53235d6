import { describe, expect, it } from 'vitest';
import { LastInsertIdRewriter } from '../src/last-insert-id-rewriter.js';
import {
  PacketStream,
  lengthEncodedInt,
  packetBytes,
  readOkPacket,
  splitPackets,
} from '../src/mysql-packets.js';

const query = (sql: string) => packetBytes({ sequence: 0, payload: Buffer.from(`\x03${sql}`) });
const ok = (affected: bigint, id: bigint, sequence = 1) =>
  packetBytes({
    sequence,
    payload: Buffer.concat([
      Buffer.from([0x00]),
      lengthEncodedInt(affected),
      lengthEncodedInt(id),
      Buffer.from([0x02, 0x00, 0x00, 0x00]),
    ]),
  });
/** The last-insert-id of every OK packet in `bytes`. */
const idsIn = (bytes: Buffer) =>
  splitPackets(bytes).packets.map((p) => readOkPacket(p.payload)?.lastInsertId);

/** A rewriter and the server side of its connection, cut into packets as the fault proxy does. */
const rewriting = (increment?: number) => {
  const rewriter = new LastInsertIdRewriter(increment);
  const fromServer = new PacketStream((packet) => rewriter.answer(packet));
  return { rewriter, serverBytes: (chunk: Buffer) => fromServer.bytes(chunk) };
};

describe('LastInsertIdRewriter', () => {
  it('turns the first id of a multi-row INSERT into the last, as MatrixOne reports it', () => {
    const { rewriter, serverBytes } = rewriting();
    rewriter.clientPacket(query('INSERT INTO t (a) VALUES (1), (2), (3)'));
    expect(idsIn(serverBytes(ok(3n, 7n)))).toEqual([9n]);
  });

  it('steps by the increment, rebuilds a longer packet, and waits for a packet split across chunks', () => {
    const { rewriter, serverBytes } = rewriting(2);
    rewriter.clientPacket(query('  /* c */ replace INTO t (a) VALUES (1), (2)'));
    const answer = ok(2n, 249n);
    expect(serverBytes(answer.subarray(0, 5)).length).toBe(0);
    const out = serverBytes(answer.subarray(5));
    expect(idsIn(out)).toEqual([251n]);
    expect(out.length).toBe(answer.length + 2);
    expect(out.readUIntLE(0, 3)).toBe(out.length - 4);
  });

  it('leaves single-row inserts, id-less answers, other statements and unrelated packets alone', () => {
    const { rewriter, serverBytes } = rewriting();
    rewriter.clientPacket(query('INSERT INTO t (a) VALUES (1)'));
    expect(idsIn(serverBytes(ok(1n, 5n)))).toEqual([5n]);
    rewriter.clientPacket(query('INSERT INTO t (a) VALUES (1), (2)'));
    expect(idsIn(serverBytes(ok(2n, 0n)))).toEqual([0n]);
    rewriter.clientPacket(query('UPDATE t SET a = LAST_INSERT_ID(5)'));
    expect(idsIn(serverBytes(ok(2n, 5n)))).toEqual([5n]);
    // Only the first answer (sequence 1) of the INSERT is rewritten.
    rewriter.clientPacket(query('INSERT INTO t (a) VALUES (1), (2)'));
    expect(idsIn(serverBytes(Buffer.concat([ok(2n, 5n), ok(2n, 5n, 2)])))).toEqual([6n, 5n]);
  });

  it('follows prepared INSERTs from COM_STMT_PREPARE to COM_STMT_EXECUTE', () => {
    const { rewriter, serverBytes } = rewriting();
    rewriter.clientPacket(
      packetBytes({ sequence: 0, payload: Buffer.from('\x16INSERT INTO t (a) VALUES (?), (?)') }),
    );
    const prepareOk = Buffer.alloc(12);
    prepareOk.writeUInt32LE(42, 1);
    serverBytes(packetBytes({ sequence: 1, payload: prepareOk }));
    const execute = (id: number) => {
      const payload = Buffer.alloc(10);
      payload[0] = 0x17;
      payload.writeUInt32LE(id, 1);
      return packetBytes({ sequence: 0, payload });
    };
    rewriter.clientPacket(execute(42));
    expect(idsIn(serverBytes(ok(2n, 10n)))).toEqual([11n]);
    rewriter.clientPacket(execute(43));
    expect(idsIn(serverBytes(ok(2n, 10n)))).toEqual([10n]);
  });

  it('refuses a step that is not a positive integer', () => {
    expect(() => new LastInsertIdRewriter(0)).toThrow(RangeError);
    expect(() => new LastInsertIdRewriter(1.5)).toThrow(RangeError);
  });
});
