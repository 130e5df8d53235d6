import { describe, expect, it } from 'vitest';
import {
  lengthEncodedInt,
  okPacketPayload,
  packetBytes,
  readLengthEncodedInt,
  readOkPacket,
  splitPackets,
} from '../src/mysql-packets.js';

describe('length-encoded integers', () => {
  it.each([
    [0n, 1],
    [250n, 1],
    [251n, 3],
    [0xffffn, 3],
    [0x1_0000n, 4],
    [0xff_ffffn, 4],
    [0x100_0000n, 9],
    [0xffff_ffff_ffff_ffffn, 9],
  ])('writes %s in %i bytes and reads it back', (value, size) => {
    const bytes = lengthEncodedInt(value);
    expect(bytes.length).toBe(size);
    expect(readLengthEncodedInt(Buffer.concat([Buffer.from([7]), bytes, Buffer.from([9])]), 1)).toEqual({
      value,
      next: 1 + size,
    });
  });

  it('refuses bytes that do not start an integer and negative values', () => {
    expect(() => readLengthEncodedInt(Buffer.from([0xff]), 0)).toThrow(RangeError);
    expect(() => readLengthEncodedInt(Buffer.alloc(0), 0)).toThrow(RangeError);
    expect(() => lengthEncodedInt(-1n)).toThrow(RangeError);
  });
});

describe('packets', () => {
  it('cuts whole packets and keeps the bytes of an incomplete one', () => {
    const first = packetBytes({ sequence: 0, payload: Buffer.from('abc') });
    const second = packetBytes({ sequence: 1, payload: Buffer.from('hello') });
    const { packets, rest } = splitPackets(Buffer.concat([first, second.subarray(0, 6)]));
    expect(packets.map((p) => [p.sequence, p.payload.toString()])).toEqual([[0, 'abc']]);
    expect(rest).toEqual(second.subarray(0, 6));
    const again = splitPackets(Buffer.concat([rest, second.subarray(6)]));
    expect(again.packets.map((p) => [p.sequence, p.payload.toString()])).toEqual([[1, 'hello']]);
    expect(again.rest.length).toBe(0);
  });

  it('writes the payload length in three bytes and the sequence in the fourth', () => {
    expect(packetBytes({ sequence: 5, payload: Buffer.alloc(0x01_02_03) }).subarray(0, 4)).toEqual(
      Buffer.from([0x03, 0x02, 0x01, 5]),
    );
  });
});

describe('OK packets', () => {
  // 0x00, affected 3, last id 4, status 0x0002, warnings 0, info "Records: 3"
  const payload = Buffer.concat([
    Buffer.from([0x00, 3, 4, 0x02, 0x00, 0x00, 0x00]),
    Buffer.from('Records: 3'),
  ]);

  it('reads affected rows and the last insert id and keeps the rest byte for byte', () => {
    const ok = readOkPacket(payload);
    expect(ok?.affectedRows).toBe(3n);
    expect(ok?.lastInsertId).toBe(4n);
    expect(ok?.rest).toEqual(payload.subarray(3));
    if (ok) expect(okPacketPayload(ok)).toEqual(payload);
  });

  it('rebuilds with a wider id and reads it back', () => {
    const ok = readOkPacket(payload);
    if (!ok) throw new Error('not read');
    const rebuilt = okPacketPayload({ ...ok, lastInsertId: 70_000n });
    expect(rebuilt.length).toBe(payload.length + 3);
    expect(readOkPacket(rebuilt)).toEqual({ ...ok, lastInsertId: 70_000n });
  });

  it('is not an OK packet when the header is an error or a result set', () => {
    expect(readOkPacket(Buffer.from([0xff, 0x10, 0x04]))).toBeUndefined();
    expect(readOkPacket(Buffer.from([0x02]))).toBeUndefined();
  });
});
