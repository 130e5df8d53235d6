/**
 * `bulkInsert`: many rows through multi-row INSERT statements with bound values. The client runs every batch in
 * one transaction of its own; a transaction runs them on its connection, inside itself.
 */
import type { Executor, Statement } from '../connection/executor.js';
import { InvalidInputError } from '../errors/errors.js';
import type { TableRef } from '../sql/identifier.js';
import { type BulkRows, normalizeRows } from './bulk-rows.js';
import { insertHead, planInsertBatches } from './insert-batches.js';

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

/** Validated, batched INSERT statements, ready to run. */
export interface BulkInsertPlan {
  readonly statements: readonly Statement[];
}

/**
 * Checks the arguments and batches the rows; `serverPacket` is asked for the server's `max_allowed_packet`
 * only when there are rows to insert. Throws {@link InvalidInputError} before any INSERT is sent.
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
  if (data.rows.length === 0) return { statements: [] };
  const packet = await serverPacket();
  const maxPacketBytes = forcedPacket === undefined ? packet : Math.min(packet, forcedPacket);
  return { statements: planInsertBatches(head, data, { maxPacketBytes, maxRowsPerBatch }) };
}

/** Runs the planned batches one after another on `executor`. */
export async function runBulkInsert(executor: Executor, plan: BulkInsertPlan): Promise<BulkInsertResult> {
  let affectedRows = 0;
  for (const statement of plan.statements) affectedRows += (await executor.run(statement)).affectedRows;
  return { affectedRows, batches: plan.statements.length };
}

function positiveInteger(value: number | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new InvalidInputError(option, `${option} must be a positive integer, got ${String(value)}.`);
  }
  return value;
}
