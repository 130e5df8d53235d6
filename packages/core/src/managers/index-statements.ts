/**
 * Statements shared by the vector and full-text index managers (docs/matrixone-facts.md#vectors,
 * #full-text-search): DROP INDEX, SHOW INDEX and DESC. Names go through `sql/identifier.ts`.
 */
import type { Statement } from '../connection/executor.js';
import { IdentifierKind, type TableRef, quoteIdentifier, quoteTable } from '../sql/identifier.js';

/**
 * `DROP INDEX i ON t` (recorded for IVF-flat, HNSW and FULLTEXT indexes). MatrixOne has no recorded
 * `IF EXISTS` form; a missing index fails with `internal error: not found index: <name>`.
 *
 * @example
 * dropIndexStatement({ database: 'shop', table: 'docs' }, 'docs_v'); // { sql: 'DROP INDEX `docs_v` ON `shop`.`docs`' }
 */
export function dropIndexStatement(table: TableRef, name: string): Statement {
  return { sql: `DROP INDEX ${quoteIdentifier(name, IdentifierKind.Index)} ON ${quoteTable(table)}` };
}

/**
 * `SHOW INDEX FROM t`: one row per index column, with MatrixOne's extra `Index_params` column. The recordings
 * name the table alone; the `db`.`tbl` form is the grammar's table name, not recorded for SHOW INDEX.
 *
 * @example
 * showIndexStatement({ table: 'docs' }); // { sql: 'SHOW INDEX FROM `docs`' }
 */
export function showIndexStatement(table: TableRef): Statement {
  return { sql: `SHOW INDEX FROM ${quoteTable(table)}` };
}

/**
 * `DESC t`: one row per column with `Field`, `Type` (`VECF32(3)`, `BIGINT(64)`, …) and `Key` (`PRI`).
 *
 * @example
 * describeTableStatement({ table: 'docs' }); // { sql: 'DESC `docs`' }
 */
export function describeTableStatement(table: TableRef): Statement {
  return { sql: `DESC ${quoteTable(table)}` };
}
