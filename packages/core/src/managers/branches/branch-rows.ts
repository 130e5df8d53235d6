/**
 * Parsers for DATA BRANCH DIFF results (MatrixOne's `data_branch_output.go`;
 * docs/matrixone-facts.md#publications-accounts-data-branches):
 * - rows: column 1 is named `diff <target> against <base>` and holds the table a change came from, column 2
 *   `flag` (`INSERT` | `DELETE` | `UPDATE`), then the compared table columns;
 * - `OUTPUT COUNT`: one BIGINT column `COUNT(*)`;
 * - `OUTPUT SUMMARY`: `metric` (`INSERTED`, `DELETED`, `UPDATED`), then one count column per side, named by
 *   the operand text, target first.
 */
import type { Row, StatementResult } from '../../connection/executor.js';
import { ServerError } from '../../errors/errors.js';

/** The kind of a differing row, as an `as const` object and a matching union. */
export const DiffFlag = {
  Insert: 'INSERT',
  Delete: 'DELETE',
  Update: 'UPDATE',
} as const;
/** One of {@link DiffFlag}'s values. */
export type DiffFlag = (typeof DiffFlag)[keyof typeof DiffFlag];

/** One differing row. */
export interface BranchDiffRow {
  /** The table the change was made in (the target's or the base's name, as the server prints it). */
  readonly table: string;
  /** What changed. */
  readonly flag: DiffFlag;
  /** The row's compared columns, with values as the driver returned them. */
  readonly values: Row;
}

/** The rows of a DATA BRANCH DIFF. */
export interface BranchDiff {
  /** The compared columns, in table order. */
  readonly columns: readonly string[];
  /** The differing rows, in the server's order. */
  readonly rows: readonly BranchDiffRow[];
}

/** Per-kind counts of differing rows on one side. */
export interface BranchDiffCounts {
  /** Rows inserted on this side. */
  readonly inserted: number;
  /** Rows deleted on this side. */
  readonly deleted: number;
  /** Rows updated on this side. */
  readonly updated: number;
}

/** The result of DATA BRANCH DIFF … OUTPUT SUMMARY. */
export interface BranchDiffSummary {
  /** Changes made in the target. */
  readonly target: BranchDiffCounts;
  /** Changes made in the base. */
  readonly base: BranchDiffCounts;
}

const FLAGS: readonly string[] = Object.values(DiffFlag);
const METRICS = { INSERTED: 'inserted', DELETED: 'deleted', UPDATED: 'updated' } as const;

/** The result's column names: the executor's list, or the first row's keys when the executor gave none. */
function columnsOf(result: StatementResult<Row>): readonly string[] {
  if (result.columns.length > 0) return result.columns;
  const [first] = result.rows;
  return first === undefined ? [] : Object.keys(first);
}

function unexpected(what: string): ServerError {
  return new ServerError(
    `DATA BRANCH DIFF returned ${what}; this MatrixOne version's output is not supported.`,
  );
}

function countValue(value: unknown, what: string): number {
  const count = typeof value === 'number' ? value : Number(typeof value === 'bigint' ? value : String(value));
  if (!Number.isSafeInteger(count) || count < 0) throw unexpected(`a ${what} of ${String(value)}`);
  return count;
}

/**
 * Reads the rows of a DATA BRANCH DIFF (no OUTPUT, or OUTPUT LIMIT).
 *
 * @example
 * parseBranchDiff({ columns: ['diff t2 against t1', 'flag', 'a'], rows: [{ 'diff t2 against t1': 't2', flag: 'INSERT', a: 4 }], affectedRows: 0 });
 * // { columns: ['a'], rows: [{ table: 't2', flag: 'INSERT', values: { a: 4 } }] }
 */
export function parseBranchDiff(result: StatementResult<Row>): BranchDiff {
  const [source, flag, ...columns] = columnsOf(result);
  if (result.rows.length === 0 && source === undefined) return { columns: [], rows: [] };
  if (source === undefined || !/^diff .+ against .+$/is.test(source) || flag?.toLowerCase() !== 'flag') {
    throw unexpected(`the columns ${JSON.stringify(columnsOf(result))}`);
  }
  const rows = result.rows.map((row): BranchDiffRow => {
    const kind = String(row[flag]).toUpperCase();
    if (!FLAGS.includes(kind)) throw unexpected(`the flag ${JSON.stringify(row[flag])}`);
    return {
      table: String(row[source]),
      flag: kind as DiffFlag,
      values: Object.fromEntries(columns.map((column) => [column, row[column]])),
    };
  });
  return { columns, rows };
}

/**
 * Reads DATA BRANCH DIFF … OUTPUT COUNT.
 *
 * @example
 * parseBranchDiffCount({ columns: ['COUNT(*)'], rows: [{ 'COUNT(*)': 2 }], affectedRows: 0 }); // 2
 */
export function parseBranchDiffCount(result: StatementResult<Row>): number {
  const [column] = columnsOf(result);
  const [row] = result.rows;
  if (column === undefined || row === undefined) throw unexpected('no count');
  return countValue(row[column], 'count');
}

/**
 * Reads DATA BRANCH DIFF … OUTPUT SUMMARY.
 *
 * @example
 * parseBranchDiffSummary({ columns: ['metric', 't2', 't1'], rows: [
 *   { metric: 'INSERTED', t2: 1, t1: 2 }, { metric: 'DELETED', t2: 0, t1: 0 }, { metric: 'UPDATED', t2: 0, t1: 1 }], affectedRows: 0 });
 * // { target: { inserted: 1, deleted: 0, updated: 0 }, base: { inserted: 2, deleted: 0, updated: 1 } }
 */
export function parseBranchDiffSummary(result: StatementResult<Row>): BranchDiffSummary {
  const [metric, targetColumn, baseColumn] = columnsOf(result);
  if (metric?.toLowerCase() !== 'metric' || targetColumn === undefined || baseColumn === undefined) {
    throw unexpected(`the summary columns ${JSON.stringify(columnsOf(result))}`);
  }
  const target = { inserted: 0, deleted: 0, updated: 0 };
  const base = { inserted: 0, deleted: 0, updated: 0 };
  for (const row of result.rows) {
    const name = String(row[metric]).toUpperCase();
    if (!(name in METRICS)) throw unexpected(`the metric ${JSON.stringify(row[metric])}`);
    const key = METRICS[name as keyof typeof METRICS];
    target[key] = countValue(row[targetColumn], `${name} count`);
    base[key] = countValue(row[baseColumn], `${name} count`);
  }
  return { target, base };
}
