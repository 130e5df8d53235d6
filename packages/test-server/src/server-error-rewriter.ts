/**
 * The fault proxy's error rewriting, for one connection: turns the test server's answer to a failed statement into
 * the one MatrixOne gives for the same failure, such as MariaDB's 1452 `Cannot add or update a child row: …` into
 * MatrixOne's errno 20101 `internal error: Cannot add or update a child row: a foreign key constraint fails` with
 * SQLSTATE HY000 (observed on MatrixOne 4.2.0). Fed every server packet in order; an ERR packet whose errno has a
 * rule is rebuilt with the rule's errno, SQLSTATE and message, everything else is passed on byte for byte.
 */
import { ERR_HEADER, MAX_PAYLOAD, type MysqlPacket, errPacketPayload } from './mysql-packets.js';

/** What an ERR packet with errno `from` becomes. */
export interface ErrorRewrite {
  readonly from: number;
  readonly errno: number;
  /** Five characters, such as `HY000`. */
  readonly sqlState: string;
  readonly message: string;
}

/** Rewrites one connection's server packets; feed it every server packet, in order. */
export class ServerErrorRewriter {
  readonly #rules: () => readonly ErrorRewrite[];
  #continuation = false;

  /** `rules` is read for every ERR packet, so rules added later apply to open connections too. */
  constructor(rules: () => readonly ErrorRewrite[]) {
    this.#rules = rules;
  }

  /** Takes a whole server packet; returns the packet to send the client, maybe rewritten. */
  answer(packet: MysqlPacket): MysqlPacket {
    const continuation = this.#continuation;
    this.#continuation = packet.payload.length === MAX_PAYLOAD;
    if (continuation || packet.payload[0] !== ERR_HEADER || packet.payload.length < 3) return packet;
    const errno = packet.payload.readUInt16LE(1);
    const rule = this.#rules().find((candidate) => candidate.from === errno);
    return rule ? { sequence: packet.sequence, payload: errPacketPayload(rule) } : packet;
  }
}
