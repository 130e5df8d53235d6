/**
 * Statements of the checked load (docs/matrixone-facts.md#load-data): MatrixOne's LOAD DATA does not check
 * primary or unique keys, so the data goes into a staging copy of the table first (`CREATE TABLE … LIKE`, whose
 * keys LOAD ignores as well), duplicates are looked for with queries, and the rows reach the table through
 * `INSERT … SELECT`, which does enforce the keys. Pure builders; names go through `sql/identifier.ts`.
 */
import { randomBytes } from 'node:crypto';
import type { Statement } from '../../connection/executor.js';
import { IdentifierKind, type TableRef, quoteIdentifier, quoteTable } from '../../sql/identifier.js';
import { integerLiteral } from '../../sql/literal.js';

/**
 * A fresh staging table next to `table`: `<table>_mo_load_<16 hex digits>`.
 *
 * @example
 * stagingTable({ database: 'shop', table: 'orders' }).table; // 'orders_mo_load_3f9a0c…'
 */
export function stagingTable(table: TableRef): TableRef {
  const name = `${table.table}_mo_load_${randomBytes(8).toString('hex')}`;
  return table.database === undefined ? { table: name } : { database: table.database, table: name };
}

/**
 * `CREATE TABLE staging LIKE target` (recorded: `CREATE TABLE ref_imp LIKE ref_exp`).
 *
 * @example
 * createStagingStatement({ table: 's' }, { table: 't' }); // { sql: 'CREATE TABLE `s` LIKE `t`' }
 */
export function createStagingStatement(staging: TableRef, target: TableRef): Statement {
  return { sql: `CREATE TABLE ${quoteTable(staging)} LIKE ${quoteTable(target)}` };
}

/**
 * Key values that occur more than once in the staging table (rows with a NULL key part never collide).
 *
 * @example
 * duplicatesInLoadStatement({ table: 's' }, ['id'], 20).sql;
 * // 'SELECT `id`, COUNT(*) AS `copies` FROM `s` WHERE `id` IS NOT NULL GROUP BY `id` HAVING COUNT(*) > 1 LIMIT 20'
 */
export function duplicatesInLoadStatement(
  staging: TableRef,
  key: readonly string[],
  limit: number,
): Statement {
  const columns = key.map((column) => quoteIdentifier(column, IdentifierKind.Column));
  const list = columns.join(', ');
  const notNull = columns.map((column) => `${column} IS NOT NULL`).join(' AND ');
  return {
    sql:
      `SELECT ${list}, COUNT(*) AS \`copies\` FROM ${quoteTable(staging)} WHERE ${notNull} ` +
      `GROUP BY ${list} HAVING COUNT(*) > 1 LIMIT ${reportLimit(limit)}`,
  };
}

/**
 * Key values of the staging table that the target table already holds.
 *
 * @example
 * duplicatesOfExistingStatement({ table: 's' }, { table: 't' }, ['id'], 20).sql;
 * // 'SELECT DISTINCT s.`id` FROM `s` AS s JOIN `t` AS t ON s.`id` = t.`id` LIMIT 20'
 */
export function duplicatesOfExistingStatement(
  staging: TableRef,
  target: TableRef,
  key: readonly string[],
  limit: number,
): Statement {
  const columns = key.map((column) => quoteIdentifier(column, IdentifierKind.Column));
  const on = columns.map((column) => `s.${column} = t.${column}`).join(' AND ');
  return {
    sql:
      `SELECT DISTINCT ${columns.map((column) => `s.${column}`).join(', ')} FROM ${quoteTable(staging)} AS s ` +
      `JOIN ${quoteTable(target)} AS t ON ${on} LIMIT ${reportLimit(limit)}`,
  };
}

/**
 * `INSERT INTO target SELECT * FROM staging`: the statement that enforces the keys.
 *
 * @example
 * insertFromStagingStatement({ table: 't' }, { table: 's' }); // { sql: 'INSERT INTO `t` SELECT * FROM `s`' }
 */
export function insertFromStagingStatement(target: TableRef, staging: TableRef): Statement {
  return { sql: `INSERT INTO ${quoteTable(target)} SELECT * FROM ${quoteTable(staging)}` };
}

/**
 * `DROP TABLE IF EXISTS staging`.
 *
 * @example
 * dropStagingStatement({ table: 's' }); // { sql: 'DROP TABLE IF EXISTS `s`' }
 */
export function dropStagingStatement(staging: TableRef): Statement {
  return { sql: `DROP TABLE IF EXISTS ${quoteTable(staging)}` };
}

function reportLimit(limit: number): string {
  return integerLiteral(limit, 'maxReportedDuplicates', { min: 1, max: 10_000 });
}
