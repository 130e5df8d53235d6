/**
 * `bulkInsert`: many rows through multi-row INSERT statements with bound values. The client runs every batch in
 * one transaction of its own; a transaction runs them on its connection, inside itself.
 */
import type { Executor, Statement } from '../connection/executor.js';
import { InvalidInputError } from '../errors/errors.js';
import type { TableRef } from '../sql/identifier.js';
import { type BulkRows, normalizeRows } from './bulk-rows.js';
import { insertBatches, insertHead } from './insert-batches.js';

/** Rows in one INSERT unless {@link BulkInsertOptions.maxRowsPerBatch} says otherwise. */
export const DEFAULT_MAX_ROWS_PER_BATCH = 1000;

/** How `bulkInsert` batches. */
export interface BulkInsertOptions {
  /** Most rows in one INSERT statement. Default {@link DEFAULT_MAX_ROWS_PER_BATCH}. */
  readonly maxRowsPerBatch?: number;
  /**
   * A packet size to stay under instead of the server's `max_allowed_packet`, when smaller (for a proxy with a
   * lower limit). Default: the server's value, read once per client or transaction.
   */
  readonly maxPacketBytes?: number;
}

/** What `bulkInsert` did. */
export interface BulkInsertResult {
  /** Rows the server reports as inserted, over all batches. */
  readonly affectedRows: number;
  /** INSERT statements sent. */
  readonly batches: number;
}

/**
 * Validated INSERT batches, ready to run: the first one built (so that a bad first row is refused before any
 * SQL is sent), the others built one at a time while the previous one runs.
 */
export interface BulkInsertPlan {
  /** The first INSERT; undefined when there are no rows. */
  readonly first: Statement | undefined;
  /** The INSERTs after the first, built as they are asked for. */
  readonly rest: Iterator<Statement>;
}

/**
 * Checks the arguments and builds the first batch; `serverPacket` is asked for the server's
 * `max_allowed_packet` only when there are rows to insert. Throws {@link InvalidInputError} before any INSERT
 * is sent for bad names, options or row shapes, and for a bad value of the first batch.
 */
export async function planBulkInsert(
  table: string | TableRef,
  rows: BulkRows,
  options: BulkInsertOptions,
  serverPacket: () => Promise<number>,
): Promise<BulkInsertPlan> {
  const maxRowsPerBatch =
    positiveInteger(options.maxRowsPerBatch, 'maxRowsPerBatch') ?? DEFAULT_MAX_ROWS_PER_BATCH;
  const forcedPacket = positiveInteger(options.maxPacketBytes, 'maxPacketBytes');
  const data = normalizeRows(rows);
  const head = insertHead(table, data.columns);
  if (data.rows.length === 0) return { first: undefined, rest: [][Symbol.iterator]() };
  const packet = await serverPacket();
  const maxPacketBytes = forcedPacket === undefined ? packet : Math.min(packet, forcedPacket);
  const batches = insertBatches(head, data, { maxPacketBytes, maxRowsPerBatch });
  const first = batches.next();
  return { first: first.done ? undefined : first.value, rest: batches };
}

/**
 * Runs the planned batches one after another on `executor`. While one batch is on the server, the next is
 * built (escaping sizes are CPU work that would otherwise add to every batch's round trip). A value refused
 * while building a later batch fails the call after the batch in flight has finished; on the client the
 * transaction then rolls back.
 */
export async function runBulkInsert(executor: Executor, plan: BulkInsertPlan): Promise<BulkInsertResult> {
  let affectedRows = 0;
  let batches = 0;
  let statement = plan.first;
  while (statement !== undefined) {
    const running = executor.run(statement);
    // Handled below; without this a failure during the build of the next batch would count as unhandled.
    running.catch(() => undefined);
    batches += 1;
    // Let the statement reach the connection before the next batch takes the CPU.
    await new Promise<void>((resolve) => setImmediate(resolve));
    let next: IteratorResult<Statement>;
    try {
      next = plan.rest.next();
    } catch (error) {
      await running.catch(() => undefined);
      throw error;
    }
    affectedRows += (await running).affectedRows;
    statement = next.done ? undefined : next.value;
  }
  return { affectedRows, batches };
}

function positiveInteger(value: number | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new InvalidInputError(option, `${option} must be a positive integer, got ${String(value)}.`);
  }
  return value;
}
