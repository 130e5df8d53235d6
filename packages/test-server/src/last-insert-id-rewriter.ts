/**
 * The fault proxy's MatrixOne insert-id mode, for one connection: MatrixOne's OK packet for a multi-row INSERT
 * carries the **last** generated id where MySQL and MariaDB carry the first (observed on MatrixOne 4.2.0). The
 * rewriter watches the client's commands and rewrites the last-insert-id of the answer to an INSERT or REPLACE
 * (sent as `COM_QUERY`, or prepared and run with `COM_STMT_EXECUTE`) whose OK packet has affected_rows > 1 and a
 * non-zero id, to `first + (affected_rows − 1) × increment`.
 */
import { type MysqlPacket, okPacketPayload, readOkPacket } from './mysql-packets.js';

const COM_QUERY = 0x03;
const COM_STMT_PREPARE = 0x16;
const COM_STMT_EXECUTE = 0x17;
const COM_STMT_CLOSE = 0x19;

/** An INSERT or REPLACE, possibly after comments: the statements whose OK packet may carry generated ids. */
const INSERT_OR_REPLACE = /^(?:\s|\/\*[\s\S]*?\*\/)*(?:INSERT|REPLACE)\b/i;

/** What the next answer of the server (sequence 1) is for. */
type Awaiting = 'nothing' | 'insert' | 'insert-prepare';

/** Rewrites one connection's server packets; feed it every client packet and every server packet, in order. */
export class LastInsertIdRewriter {
  readonly #increment: bigint;
  #awaiting: Awaiting = 'nothing';
  /** Ids of prepared statements that are INSERTs or REPLACEs. */
  readonly #insertStatements = new Set<number>();

  /** `increment` is the server's `auto_increment_increment`, the step between the ids of one statement. */
  constructor(increment = 1) {
    if (!Number.isInteger(increment) || increment < 1) {
      throw new RangeError(`the auto-increment step must be a positive integer, got ${increment}`);
    }
    this.#increment = BigInt(increment);
  }

  /** Notes what a whole client packet (header included) asks, before it is forwarded. */
  clientPacket(packet: Buffer): void {
    // A command starts a new exchange at sequence 0; other client packets (handshake, long-packet parts) do not.
    if (packet.length < 5 || packet[3] !== 0) return;
    const command = packet[4];
    const text = () => packet.subarray(5).toString('utf8');
    if (command === COM_STMT_CLOSE) {
      // COM_STMT_CLOSE has no answer, so it changes nothing about the answer awaited.
      if (packet.length >= 9) this.#insertStatements.delete(packet.readUInt32LE(5));
      return;
    }
    if (command === COM_QUERY) this.#awaiting = INSERT_OR_REPLACE.test(text()) ? 'insert' : 'nothing';
    else if (command === COM_STMT_PREPARE) {
      this.#awaiting = INSERT_OR_REPLACE.test(text()) ? 'insert-prepare' : 'nothing';
    } else if (command === COM_STMT_EXECUTE && packet.length >= 9) {
      this.#awaiting = this.#insertStatements.has(packet.readUInt32LE(5)) ? 'insert' : 'nothing';
    } else this.#awaiting = 'nothing';
  }

  /** Takes a whole server packet; returns the packet to send the client, maybe rewritten. */
  answer(packet: MysqlPacket): MysqlPacket {
    if (packet.sequence !== 1 || this.#awaiting === 'nothing') return packet;
    const awaiting = this.#awaiting;
    this.#awaiting = 'nothing';
    if (awaiting === 'insert-prepare') {
      // COM_STMT_PREPARE_OK: 0x00, then the statement id.
      if (packet.payload[0] === 0x00 && packet.payload.length >= 5) {
        this.#insertStatements.add(packet.payload.readUInt32LE(1));
      }
      return packet;
    }
    const ok = readOkPacket(packet.payload);
    if (ok === undefined || ok.affectedRows <= 1n || ok.lastInsertId === 0n) return packet;
    const last = ok.lastInsertId + (ok.affectedRows - 1n) * this.#increment;
    return { sequence: packet.sequence, payload: okPacketPayload({ ...ok, lastInsertId: last }) };
  }
}
