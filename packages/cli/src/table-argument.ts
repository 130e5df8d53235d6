/**
 * Table arguments written `database.table` (or `table`, in the connection's database): split at the first dot.
 * Names are checked and quoted by the core, never here.
 */
import type { TableRef } from '@matrixone/core';
import { CliError } from './cli-error.js';
import { ExitCode } from './exit-codes.js';

/**
 * Reads `db.table` or `table`.
 *
 * @example
 * parseTableArgument('shop.orders'); // { database: 'shop', table: 'orders' }
 */
export function parseTableArgument(text: string): TableRef {
  const dot = text.indexOf('.');
  if (dot === -1) return { table: text };
  const database = text.slice(0, dot);
  const table = text.slice(dot + 1);
  if (database === '' || table === '') {
    throw new CliError(`"${text}" is not a table: write database.table or table.`, ExitCode.Usage);
  }
  return { database, table };
}

/**
 * Reads `db.table`, which a command needs in full (RESTORE TABLE, for one).
 *
 * @example
 * parseQualifiedTable('shop.orders'); // { database: 'shop', table: 'orders' }
 */
export function parseQualifiedTable(text: string): { readonly database: string; readonly table: string } {
  const ref = parseTableArgument(text);
  if (ref.database === undefined) {
    throw new CliError(`"${text}" needs its database: write database.table.`, ExitCode.Usage);
  }
  return { database: ref.database, table: ref.table };
}
