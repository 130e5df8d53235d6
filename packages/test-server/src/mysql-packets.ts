/**
 * Reading and building the few MySQL protocol pieces the fault proxy rewrites: packet framing (3-byte length,
 * 1-byte sequence), length-encoded integers, and the OK packet's affected-rows and last-insert-id fields.
 * Only protocol 4.1 without compression is understood, as everywhere in the proxy.
 */

/** First payload byte of an OK packet (an answer that carries no rows). */
export const OK_HEADER = 0x00;

/** A payload this long continues in the next packet, whose first byte is data, not a header. */
export const MAX_PAYLOAD = 0xffffff;

/** A MySQL packet cut out of a byte stream. */
export interface MysqlPacket {
  readonly sequence: number;
  readonly payload: Buffer;
}

/**
 * Cuts whole packets off the front of `bytes`. Returns them and the bytes of an incomplete packet left over,
 * to be prefixed to the next chunk.
 */
export function splitPackets(bytes: Buffer): { packets: MysqlPacket[]; rest: Buffer } {
  const packets: MysqlPacket[] = [];
  let offset = 0;
  while (bytes.length - offset >= 4) {
    const length = bytes.readUIntLE(offset, 3);
    if (bytes.length - offset < 4 + length) break;
    packets.push({
      sequence: bytes[offset + 3] as number,
      payload: bytes.subarray(offset + 4, offset + 4 + length),
    });
    offset += 4 + length;
  }
  return { packets, rest: bytes.subarray(offset) };
}

/**
 * One direction of a connection cut into whole packets across chunks: each chunk's whole packets pass through
 * `transform` and come out as wire bytes (a packet it maps to `undefined` is dropped); an incomplete packet waits
 * for the next chunk.
 */
export class PacketStream {
  readonly #transform: (packet: MysqlPacket) => MysqlPacket | undefined;
  /** Bytes not yet cut into whole packets. */
  #pending: Buffer = Buffer.alloc(0);

  constructor(transform: (packet: MysqlPacket) => MysqlPacket | undefined) {
    this.#transform = transform;
  }

  /** Takes a chunk; returns the bytes of the whole packets it completed, each transformed. */
  bytes(chunk: Buffer): Buffer {
    const { packets, rest } = splitPackets(Buffer.concat([this.#pending, chunk]));
    // Copied: `rest` is a view into a buffer that is dropped once these packets are written out.
    this.#pending = Buffer.from(rest);
    const out: Buffer[] = [];
    for (const packet of packets) {
      const transformed = this.#transform(packet);
      if (transformed !== undefined) out.push(packetBytes(transformed));
    }
    return Buffer.concat(out);
  }
}

/** The wire bytes of a packet: its payload's length and sequence number, then the payload. */
export function packetBytes(packet: MysqlPacket): Buffer {
  const header = Buffer.alloc(4);
  header.writeUIntLE(packet.payload.length, 0, 3);
  header[3] = packet.sequence;
  return Buffer.concat([header, packet.payload]);
}

/** A length-encoded integer read at `offset`, and the offset just after it. */
export function readLengthEncodedInt(bytes: Buffer, offset: number): { value: bigint; next: number } {
  const first = bytes[offset];
  if (first === undefined) throw new RangeError('length-encoded integer past the end of the packet');
  if (first < 0xfb) return { value: BigInt(first), next: offset + 1 };
  if (first === 0xfc) return { value: BigInt(bytes.readUInt16LE(offset + 1)), next: offset + 3 };
  if (first === 0xfd) return { value: BigInt(bytes.readUIntLE(offset + 1, 3)), next: offset + 4 };
  if (first === 0xfe) return { value: bytes.readBigUInt64LE(offset + 1), next: offset + 9 };
  throw new RangeError(`0x${first.toString(16)} does not start a length-encoded integer`);
}

/** The shortest length-encoded form of `value`. */
export function lengthEncodedInt(value: bigint): Buffer {
  if (value < 0n) throw new RangeError('a length-encoded integer cannot be negative');
  if (value < 0xfbn) return Buffer.from([Number(value)]);
  if (value < 0x1_0000n) {
    const bytes = Buffer.alloc(3);
    bytes[0] = 0xfc;
    bytes.writeUInt16LE(Number(value), 1);
    return bytes;
  }
  if (value < 0x100_0000n) {
    const bytes = Buffer.alloc(4);
    bytes[0] = 0xfd;
    bytes.writeUIntLE(Number(value), 1, 3);
    return bytes;
  }
  const bytes = Buffer.alloc(9);
  bytes[0] = 0xfe;
  bytes.writeBigUInt64LE(value, 1);
  return bytes;
}

/** The leading fields of an OK packet; `rest` is everything after the last-insert-id, kept byte for byte. */
export interface OkPacket {
  readonly affectedRows: bigint;
  readonly lastInsertId: bigint;
  readonly rest: Buffer;
}

/** Reads an OK packet's payload, or `undefined` when the payload is not an OK packet. */
export function readOkPacket(payload: Buffer): OkPacket | undefined {
  if (payload[0] !== OK_HEADER || payload.length < 3) return undefined;
  const affected = readLengthEncodedInt(payload, 1);
  const lastInsertId = readLengthEncodedInt(payload, affected.next);
  return {
    affectedRows: affected.value,
    lastInsertId: lastInsertId.value,
    rest: payload.subarray(lastInsertId.next),
  };
}

/** An OK packet's payload with the given fields (status, warnings and info taken from `ok.rest`). */
export function okPacketPayload(ok: OkPacket): Buffer {
  return Buffer.concat([
    Buffer.from([OK_HEADER]),
    lengthEncodedInt(ok.affectedRows),
    lengthEncodedInt(ok.lastInsertId),
    ok.rest,
  ]);
}

/** First payload byte of an ERR packet (the statement failed). */
export const ERR_HEADER = 0xff;

/** An ERR packet's payload (protocol 4.1): the error number, `#`, the 5-character SQLSTATE, then the message. */
export function errPacketPayload(error: { errno: number; sqlState: string; message: string }): Buffer {
  if (!/^[0-9A-Z]{5}$/.test(error.sqlState)) throw new RangeError('a SQLSTATE has 5 characters');
  const errno = Buffer.alloc(2);
  errno.writeUInt16LE(error.errno);
  return Buffer.concat([
    Buffer.from([ERR_HEADER]),
    errno,
    Buffer.from(`#${error.sqlState}`, 'ascii'),
    Buffer.from(error.message, 'utf8'),
  ]);
}
