/**
 * The fault proxy's error rewriting, for one connection: turns the test server's answer to a failed statement into
 * the one MatrixOne gives for the same failure, such as MariaDB's 1452 `Cannot add or update a child row: …` into
 * MatrixOne's errno 20101 `internal error: Cannot add or update a child row: a foreign key constraint fails` with
 * SQLSTATE HY000 (observed on MatrixOne 4.2.0). Every server packet is cut out; an ERR packet whose errno has a
 * rule is rebuilt with the rule's errno, SQLSTATE and message, everything else is passed on byte for byte.
 */
import { type MysqlPacket, errPacketPayload, packetBytes, splitPackets } from './mysql-packets.js';

/** First payload byte of an ERR packet. */
const ERR_HEADER = 0xff;
/** A payload this long continues in the next packet, whose first byte is data, not a header. */
const MAX_PAYLOAD = 0xffffff;

/** What an ERR packet with errno `from` becomes. */
export interface ErrorRewrite {
  readonly from: number;
  readonly errno: number;
  /** Five characters, such as `HY000`. */
  readonly sqlState: string;
  readonly message: string;
}

/** Rewrites one connection's server bytes; feed it every server chunk, in order. */
export class ServerErrorRewriter {
  readonly #rules: () => readonly ErrorRewrite[];
  #pending: Buffer = Buffer.alloc(0);
  #continuation = false;

  /** `rules` is read for every ERR packet, so rules added later apply to open connections too. */
  constructor(rules: () => readonly ErrorRewrite[]) {
    this.#rules = rules;
  }

  /** Takes a chunk from the server; returns the bytes to send the client (whole packets, maybe rewritten). */
  serverBytes(chunk: Buffer): Buffer {
    const { packets, rest } = splitPackets(Buffer.concat([this.#pending, chunk]));
    this.#pending = Buffer.from(rest);
    return Buffer.concat(packets.map((packet) => packetBytes(this.#answer(packet))));
  }

  #answer(packet: MysqlPacket): MysqlPacket {
    const continuation = this.#continuation;
    this.#continuation = packet.payload.length === MAX_PAYLOAD;
    if (continuation || packet.payload[0] !== ERR_HEADER || packet.payload.length < 3) return packet;
    const errno = packet.payload.readUInt16LE(1);
    const rule = this.#rules().find((candidate) => candidate.from === errno);
    return rule ? { sequence: packet.sequence, payload: errPacketPayload(rule) } : packet;
  }
}
