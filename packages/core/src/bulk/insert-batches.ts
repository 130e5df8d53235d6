/**
 * Splits rows into multi-row INSERT statements with bound values, each small enough for the server's
 * `max_allowed_packet` once the driver has escaped its values into the text, and at most a row cap long.
 */
import type { Statement } from '../connection/executor.js';
import { InvalidInputError } from '../errors/errors.js';
import { IdentifierKind, type TableRef, quoteIdentifier, quoteTable } from '../sql/identifier.js';
import type { NormalizedRows } from './bulk-rows.js';
import { encodedSize } from './encoded-size.js';

/** Room left in every packet for the protocol header and the command byte, with a margin. */
export const PACKET_OVERHEAD_BYTES = 1024;
/** Most placeholders one statement may carry when a driver prepares it (the protocol counts them in 16 bits). */
export const MAX_PLACEHOLDERS = 65_535;

/** How large one INSERT may get. */
export interface BatchLimits {
  /** The packet size the statement must fit, SQL text and escaped values together. */
  readonly maxPacketBytes: number;
  /** Most rows in one INSERT. */
  readonly maxRowsPerBatch: number;
}

/**
 * `INSERT INTO <table> (<columns>) VALUES `, every name validated and quoted by the identifier module
 * (an {@link InvalidInputError} otherwise).
 */
export function insertHead(table: string | TableRef, columns: readonly string[]): string {
  const target = quoteTable(typeof table === 'string' ? { table } : table);
  const columnList = columns.map((column) => quoteIdentifier(column, IdentifierKind.Column)).join(', ');
  return `INSERT INTO ${target} (${columnList}) VALUES `;
}

/**
 * The INSERT statements for `data` after `head` (from {@link insertHead}), in row order, each built when it is
 * asked for. Throws {@link InvalidInputError} for a value that cannot be bound or a row that alone does not fit
 * a packet, when the batch holding it is built.
 */
export function* insertBatches(
  head: string,
  data: NormalizedRows,
  limits: BatchLimits,
): Generator<Statement> {
  const { columns, rows } = data;
  const rowTemplate = `(${columns.map(() => '?').join(',')})`;
  const budget = limits.maxPacketBytes - PACKET_OVERHEAD_BYTES - Buffer.byteLength(head, 'utf8');
  const rowCap = Math.max(1, Math.min(limits.maxRowsPerBatch, Math.floor(MAX_PLACEHOLDERS / columns.length)));
  // Each row adds its parentheses and commas (rowTemplate without the "?"s) and one separating comma.
  const rowFrame = rowTemplate.length - columns.length + 1;

  let values: unknown[] = [];
  let rowCount = 0;
  let used = 0;
  for (let index = 0; index < rows.length; index += 1) {
    const row = rows[index] ?? [];
    let size = rowFrame;
    for (let column = 0; column < row.length; column += 1) {
      size += encodedSize(row[column], columns[column] ?? '');
    }
    if (size > budget) {
      throw new InvalidInputError(
        'rows',
        `Row ${index} takes about ${size} bytes once encoded, more than one statement may carry ` +
          `(max_allowed_packet ${limits.maxPacketBytes} bytes); raise max_allowed_packet on the server.`,
      );
    }
    if (rowCount === rowCap || used + size > budget) {
      yield { sql: head + Array(rowCount).fill(rowTemplate).join(','), values };
      values = [];
      rowCount = 0;
      used = 0;
    }
    for (let column = 0; column < row.length; column += 1) values.push(row[column]);
    rowCount += 1;
    used += size;
  }
  if (rowCount > 0) yield { sql: head + Array(rowCount).fill(rowTemplate).join(','), values };
}
