/**
 * Dropping a vector or full-text index, shared by both managers. MatrixOne has no recorded
 * `DROP INDEX IF EXISTS`, so "if exists" is a SHOW INDEX first.
 */
import type { Executor } from '../connection/executor.js';
import type { TableRef } from '../sql/identifier.js';
import { dropIndexStatement, showIndexStatement } from './index-statements.js';
import { textCell } from './show-cell.js';

/**
 * Sends `DROP INDEX name ON table`; with `ifExists`, lists the table's indexes first and sends nothing when none
 * is named `name` (compared case-insensitively). The name is checked before anything is sent.
 */
export async function dropIndex(
  executor: Executor,
  table: TableRef,
  name: string,
  ifExists: boolean,
): Promise<void> {
  const statement = dropIndexStatement(table, name);
  if (ifExists) {
    const { rows } = await executor.run(showIndexStatement(table));
    const wanted = name.toLowerCase();
    if (!rows.some((row) => textCell(row.Key_name)?.toLowerCase() === wanted)) return;
  }
  await executor.run(statement);
}
