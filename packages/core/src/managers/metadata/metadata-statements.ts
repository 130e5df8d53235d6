/**
 * Pure builders for the table metadata queries (docs/matrixone-facts.md#table-metadata): SHOW TABLE STATUS (its
 * `Rows` was current where `information_schema.tables` and `mo_table_rows()` still said 0, observed on MatrixOne
 * 4.2.0), an exact COUNT(*), and `metadata_scan()` (persisted storage objects). DESC and SHOW INDEX come from
 * `index-statements.ts`.
 */
import type { Statement } from '../../connection/executor.js';
import { InvalidInputError } from '../../errors/errors.js';
import {
  IdentifierKind,
  type TableRef,
  quoteIdentifier,
  quoteTable,
  validateIdentifier,
} from '../../sql/identifier.js';
import { quoteString } from '../../sql/literal.js';

/**
 * `SHOW TABLE STATUS [FROM db] LIKE 'tbl'` (recorded: `SHOW TABLE STATUS FROM ref_meta LIKE 'ref_m'`). LIKE treats
 * `_` and `%` as wildcards: callers pick the row whose `Name` is the table.
 *
 * @example
 * tableStatusStatement({ database: 'shop', table: 'orders' }).sql; // "SHOW TABLE STATUS FROM `shop` LIKE 'orders'"
 */
export function tableStatusStatement(table: TableRef): Statement {
  const name = validateIdentifier(table.table, IdentifierKind.Table);
  const from =
    table.database === undefined ? '' : ` FROM ${quoteIdentifier(table.database, IdentifierKind.Database)}`;
  return { sql: `SHOW TABLE STATUS${from} LIKE ${quoteString(name, 'table name')}` };
}

/**
 * `SHOW TABLES FROM db` (recorded in packages/core/test/fixtures/cases/clone/clone_database_existence.sql): one row per table, the name in its
 * only column.
 *
 * @example
 * showTablesStatement('shop').sql; // 'SHOW TABLES FROM `shop`'
 */
export function showTablesStatement(database: string): Statement {
  return { sql: `SHOW TABLES FROM ${quoteIdentifier(database, IdentifierKind.Database)}` };
}

/**
 * `SELECT COUNT(*) AS \`rows\` FROM t`: the exact row count (a scan).
 *
 * @example
 * exactRowCountStatement({ table: 'orders' }).sql; // 'SELECT COUNT(*) AS `rows` FROM `orders`'
 */
export function exactRowCountStatement(table: TableRef): Statement {
  return { sql: `SELECT COUNT(*) AS \`rows\` FROM ${quoteTable(table)}` };
}

/** Which objects `metadata_scan()` lists. */
export interface MetadataScanOptions {
  /** Scan the tombstone objects (deleted rows) instead of the data objects (`db.tbl.#`). */
  readonly tombstones?: boolean;
  /** Scan this index's hidden table instead of the table (`db.tbl.?index`). */
  readonly index?: string;
}

/**
 * `SELECT * FROM metadata_scan('db.tbl[.?index][.#]', '*') g` (recorded, as the Python SDK sends it). The names go
 * inside one string the server splits at `.`, so names holding `.`, `?`, `#` or quotes are refused.
 *
 * @example
 * metadataScanStatement({ database: 'shop', table: 'orders' }, { tombstones: true }).sql;
 * // "SELECT * FROM metadata_scan('shop.orders.#', '*') g"
 */
export function metadataScanStatement(table: TableRef, options: MetadataScanOptions = {}): Statement {
  if (table.database === undefined) {
    throw new InvalidInputError('database', 'metadata_scan() needs the database of the table.');
  }
  let target = `${plain(table.database, IdentifierKind.Database)}.${plain(table.table, IdentifierKind.Table)}`;
  if (options.index !== undefined) target += `.?${plain(options.index, IdentifierKind.Index)}`;
  if (options.tombstones === true) target += '.#';
  return { sql: `SELECT * FROM metadata_scan(${quoteString(target, 'table')}, '*') g` };
}

function plain(name: unknown, kind: IdentifierKind): string {
  const checked = validateIdentifier(name, kind);
  if (/[.?#'"`\\]/.test(checked)) {
    throw new InvalidInputError(
      `${kind} name`,
      `metadata_scan() cannot name "${checked}": it holds ".", "?", "#" or a quote.`,
    );
  }
  return checked;
}
