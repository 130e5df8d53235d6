/**
 * The fault proxy's result-set rewriting, for one connection: changes the rows of the text-protocol result sets
 * the server answers to chosen `COM_QUERY` statements, or drops rows, so that a test server can answer a catalog
 * query the way another server does (see `matrixone-catalog-answers.ts`). Prepared statements (binary rows) are
 * passed on unchanged: the ORMs' catalog reads are text queries.
 *
 * A result set is a column count, one column definition per column, an EOF packet unless the client negotiated
 * `CLIENT_DEPRECATE_EOF`, the rows (each value a length-encoded string, or `0xfb` for NULL), then an EOF or OK
 * packet whose status says whether another result set follows. When rows are dropped, the sequence numbers of
 * the packets after them are lowered to keep the exchange numbered without gaps, as the client checks.
 */
import {
  ERR_HEADER,
  MAX_PAYLOAD,
  type MysqlPacket,
  OK_HEADER,
  lengthEncodedInt,
  readLengthEncodedInt,
} from './mysql-packets.js';

const COM_QUERY = 0x03;
const EOF_HEADER = 0xfe;
const LOCAL_INFILE_HEADER = 0xfb;
/** The NULL marker of a text-protocol row value. */
const NULL_VALUE = 0xfb;
/** An EOF packet is exactly this long (header, warnings, status); the OK packet that replaces it is longer. */
const EOF_LENGTH = 5;
/** Status flag: another result set follows this one. */
const SERVER_MORE_RESULTS_EXISTS = 0x0008;

/** One column of a result set, from its column definition. */
export interface ResultColumn {
  /** The column's label in the result (after `AS`). */
  readonly name: string;
  /** The column it comes from, as the server reports it (MariaDB fills it through derived tables too), or ''. */
  readonly orgName: string;
}

/** A row's values (`null` for SQL NULL); returns the row to send, or `undefined` to drop it. */
export type RowRewrite = (row: readonly (string | null)[]) => readonly (string | null)[] | undefined;

/** Rewrites the rows of the answers to text statements matching {@link ResultRule.statement}. */
export interface ResultRule {
  readonly statement: RegExp;
  /** Called once per result set with its columns; `undefined` when this result set is left alone. */
  rows(columns: readonly ResultColumn[]): RowRewrite | undefined;
}

/** Where the rewriter is in the server's answer. */
type Phase = 'idle' | 'header' | 'columns' | 'after-columns' | 'rows';

/** Rewrites one connection's result sets; feed it every client packet and every server packet, in order. */
export class ResultSetRewriter {
  readonly #rules: () => readonly ResultRule[];
  #phase: Phase = 'idle';
  /** The rules whose statement matched the command being answered. */
  #matched: readonly ResultRule[] = [];
  #columnsLeft = 0;
  #columns: ResultColumn[] = [];
  #rewrite: RowRewrite | undefined;
  /** Packets dropped from the current answer: later packets' sequence numbers are lowered by this much. */
  #dropped = 0;

  /** `rules` is read at every statement, so rules added later apply to open connections too. */
  constructor(rules: () => readonly ResultRule[]) {
    this.#rules = rules;
  }

  /** Notes what a whole client packet (header included) asks, before it is forwarded. */
  clientPacket(packet: Buffer): void {
    // A command starts a new exchange at sequence 0; other client packets (handshake, long-packet parts) do not.
    if (packet.length < 5 || packet[3] !== 0) return;
    this.#dropped = 0;
    this.#phase = 'idle';
    if (packet[4] !== COM_QUERY) return;
    const rules = this.#rules();
    if (rules.length === 0) return;
    const sql = packet.subarray(5).toString('utf8');
    this.#matched = rules.filter((rule) => rule.statement.test(sql));
    if (this.#matched.length > 0) this.#phase = 'header';
  }

  /** Takes a whole server packet; returns the packet to send the client (maybe rewritten), or `undefined`. */
  answer(packet: MysqlPacket): MysqlPacket | undefined {
    const { payload } = packet;
    // A packet continued in the next one is not parsed (no catalog row is that long).
    if (payload.length >= MAX_PAYLOAD) this.#phase = 'idle';
    switch (this.#phase) {
      case 'header':
        this.#header(payload);
        break;
      case 'columns':
        this.#column(payload);
        break;
      case 'after-columns':
        this.#phase = 'rows';
        // Without CLIENT_DEPRECATE_EOF an EOF packet ends the column definitions; with it, rows follow at once.
        if (payload[0] === EOF_HEADER && payload.length === EOF_LENGTH) break;
        return this.#row(packet);
      case 'rows':
        return this.#row(packet);
      case 'idle':
        break;
    }
    return this.#renumbered(packet);
  }

  #header(payload: Buffer): void {
    const first = payload[0];
    if (first === OK_HEADER) {
      this.#phase = moreResults(payload) ? 'header' : 'idle';
      return;
    }
    if (first === ERR_HEADER || first === LOCAL_INFILE_HEADER || first === undefined) {
      this.#phase = 'idle';
      return;
    }
    this.#columnsLeft = Number(readLengthEncodedInt(payload, 0).value);
    this.#columns = [];
    this.#phase = 'columns';
  }

  #column(payload: Buffer): void {
    // Column definition 41: catalog, schema, table, org_table, name, org_name, then fixed-length fields.
    const [, , , , name, orgName] = readStrings(payload, 6);
    this.#columns.push({ name: name ?? '', orgName: orgName ?? '' });
    this.#columnsLeft -= 1;
    if (this.#columnsLeft > 0) return;
    const rewrites = this.#matched
      .map((rule) => rule.rows(this.#columns))
      .filter((rewrite): rewrite is RowRewrite => rewrite !== undefined);
    this.#rewrite =
      rewrites.length === 0
        ? undefined
        : (row) => rewrites.reduce<readonly (string | null)[] | undefined>((r, next) => r && next(r), row);
    this.#phase = 'after-columns';
  }

  #row(packet: MysqlPacket): MysqlPacket | undefined {
    const { payload } = packet;
    const first = payload[0];
    if (first === ERR_HEADER) {
      this.#phase = 'idle';
      return this.#renumbered(packet);
    }
    // A row starting with 0xfe would hold a value of 2^24 bytes or more: this is the EOF or OK that ends the rows.
    if (first === EOF_HEADER) {
      this.#phase = moreResults(payload) ? 'header' : 'idle';
      return this.#renumbered(packet);
    }
    if (this.#rewrite === undefined) return this.#renumbered(packet);
    const row = readStrings(payload, this.#columns.length);
    const rewritten = this.#rewrite(row);
    if (rewritten === undefined) {
      this.#dropped += 1;
      return undefined;
    }
    const changed = rewritten.some((value, index) => value !== row[index]);
    return this.#renumbered(changed ? { sequence: packet.sequence, payload: rowPayload(rewritten) } : packet);
  }

  #renumbered(packet: MysqlPacket): MysqlPacket {
    if (this.#dropped === 0) return packet;
    return { sequence: (packet.sequence - this.#dropped + 256) % 256, payload: packet.payload };
  }
}

/** Whether an OK or EOF packet's status says another result set follows. */
function moreResults(payload: Buffer): boolean {
  if (payload[0] === EOF_HEADER && payload.length === EOF_LENGTH) {
    return (payload.readUInt16LE(3) & SERVER_MORE_RESULTS_EXISTS) !== 0;
  }
  // An OK packet (header 0x00, or 0xfe in its place): affected rows and last insert id, then the status.
  const affected = readLengthEncodedInt(payload, 1);
  const insertId = readLengthEncodedInt(payload, affected.next);
  if (payload.length < insertId.next + 2) return false;
  return (payload.readUInt16LE(insertId.next) & SERVER_MORE_RESULTS_EXISTS) !== 0;
}

/** The first `count` length-encoded strings (or NULLs) of a payload. */
function readStrings(payload: Buffer, count: number): (string | null)[] {
  const values: (string | null)[] = [];
  let offset = 0;
  for (let index = 0; index < count && offset < payload.length; index++) {
    if (payload[offset] === NULL_VALUE) {
      values.push(null);
      offset += 1;
      continue;
    }
    const length = readLengthEncodedInt(payload, offset);
    const end = length.next + Number(length.value);
    values.push(payload.subarray(length.next, end).toString('utf8'));
    offset = end;
  }
  return values;
}

/** A text-protocol row's payload. */
function rowPayload(row: readonly (string | null)[]): Buffer {
  return Buffer.concat(
    row.map((value) => {
      if (value === null) return Buffer.from([NULL_VALUE]);
      const bytes = Buffer.from(value, 'utf8');
      return Buffer.concat([lengthEncodedInt(BigInt(bytes.length)), bytes]);
    }),
  );
}
