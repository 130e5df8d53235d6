/**
 * Pure builders for time-travel reads (docs/matrixone-facts.md#snapshots-clones-restores-time-travel):
 * `SELECT … FROM db.tbl{SNAPSHOT = '…'}` and the
 * `{TIMESTAMP = '…'}` / `{MO_TS = n}` forms. Names go through `sql/identifier.ts`, the point in time through
 * `sql/snapshot-clause.ts`, and every filter value is a bound `?`.
 */
import type { Statement } from '../../connection/executor.js';
import { InvalidInputError } from '../../errors/errors.js';
import { IdentifierKind, type TableRef, quoteIdentifier } from '../../sql/identifier.js';
import { type SnapshotPoint, tableAt } from '../../sql/snapshot-clause.js';

/** A value a time-travel filter can compare a column with; `null` matches SQL NULL (`IS NULL`). */
export type FilterValue = string | number | bigint | boolean | Date | Uint8Array | null;

/** What to read from a table at a point in time. */
export interface TimeTravelSelect {
  /** The table; give `database` unless the connection's current database holds it. */
  readonly table: TableRef;
  /** The columns to return, in order; every column (`*`) when omitted. */
  readonly columns?: readonly string[];
  /** Keep only rows whose columns equal these values (joined by `AND`); values are bound, never spliced. */
  readonly where?: Readonly<Record<string, FilterValue>>;
  /** Sort ascending by these columns, in order. */
  readonly orderBy?: readonly string[];
}

/**
 * `SELECT cols FROM db.tbl{…} [WHERE c = ? AND …] [ORDER BY …]`.
 *
 * @example
 * timeTravelSelectStatement({ table: { database: 'shop', table: 'orders' }, where: { status: 'open' } }, { snapshot: 'sp01' });
 * // { sql: "SELECT * FROM `shop`.`orders`{SNAPSHOT = 'sp01'} WHERE `status` = ?", values: ['open'] }
 */
export function timeTravelSelectStatement(select: TimeTravelSelect, at: SnapshotPoint): Statement {
  const columns = select.columns === undefined ? '*' : columnList(select.columns, 'columns');
  const filter = whereClause(select.where);
  const order = select.orderBy === undefined ? '' : ` ORDER BY ${columnList(select.orderBy, 'orderBy')}`;
  return {
    sql: `SELECT ${columns} FROM ${tableAt(select.table, at)}${filter.sql}${order}`,
    values: filter.values,
  };
}

/**
 * `SELECT COUNT(*) AS count FROM db.tbl{…} [WHERE …]`.
 *
 * @example
 * timeTravelCountStatement({ database: 'shop', table: 'orders' }, { snapshot: 'sp01' });
 * // { sql: "SELECT COUNT(*) AS `count` FROM `shop`.`orders`{SNAPSHOT = 'sp01'}", values: [] }
 */
export function timeTravelCountStatement(
  table: TableRef,
  at: SnapshotPoint,
  where?: Readonly<Record<string, FilterValue>>,
): Statement {
  const filter = whereClause(where);
  return {
    sql: `SELECT COUNT(*) AS \`count\` FROM ${tableAt(table, at)}${filter.sql}`,
    values: filter.values,
  };
}

function columnList(columns: readonly string[], argument: string): string {
  if (!Array.isArray(columns) || columns.length === 0) {
    throw new InvalidInputError(argument, `The ${argument} list must name at least one column.`);
  }
  return columns.map((column) => quoteIdentifier(column, IdentifierKind.Column)).join(', ');
}

function whereClause(where: Readonly<Record<string, FilterValue>> | undefined): {
  sql: string;
  values: unknown[];
} {
  if (where === undefined) return { sql: '', values: [] };
  const conditions: string[] = [];
  const values: unknown[] = [];
  for (const [column, value] of Object.entries(where)) {
    const quoted = quoteIdentifier(column, IdentifierKind.Column);
    if (value === null) {
      conditions.push(`${quoted} IS NULL`);
      continue;
    }
    checkFilterValue(column, value);
    conditions.push(`${quoted} = ?`);
    values.push(value);
  }
  if (conditions.length === 0) {
    throw new InvalidInputError(
      'where',
      'The where filter must compare at least one column; omit it to read every row.',
    );
  }
  return { sql: ` WHERE ${conditions.join(' AND ')}`, values };
}

/**
 * Refuses arrays and plain objects: mysql2 expands them into lists and `key = value` pairs when it
 * interpolates, which would change the statement's shape.
 */
function checkFilterValue(column: string, value: unknown): void {
  const scalar =
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    typeof value === 'boolean' ||
    value instanceof Date ||
    value instanceof Uint8Array;
  if (!scalar) {
    throw new InvalidInputError(
      `where.${column}`,
      `The filter value for "${column}" must be a string, number, bigint, boolean, Date, bytes or null.`,
    );
  }
}
