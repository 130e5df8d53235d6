/**
 * `client.timeTravel` and `tx.timeTravel`: read tables as they were at a snapshot or a point in time
 * (docs/matrixone-facts.md#snapshots-clones-restores-time-travel). Reads are plain SELECTs, so they also run
 * inside a transaction.
 */
import type { Row } from '../../connection/executor.js';
import { ServerError } from '../../errors/errors.js';
import { type TableRef, quoteTable } from '../../sql/identifier.js';
import { type SnapshotPoint, snapshotClause } from '../../sql/snapshot-clause.js';
import type { ManagerContext } from '../manager-context.js';
import { prepareOperation } from '../prepare-operation.js';
import {
  type FilterValue,
  type TimeTravelSelect,
  timeTravelCountStatement,
  timeTravelSelectStatement,
} from './time-travel-statements.js';

/** A point in time bound once, for building table references of hand-written SELECTs. */
export interface TimeTravelPoint {
  /**
   * The table reference pinned to this point, ready for a FROM or JOIN: `` `db`.`tbl`{SNAPSHOT = 'sp'} ``.
   * Built from validated names and escaped literals only; bind your own values with `?`.
   */
  from(table: TableRef): string;
}

/** Reads data as it was at a snapshot, a timestamp or an exact MatrixOne time. */
export class TimeTravelManager {
  readonly #context: ManagerContext;

  /**
   * Managers are reached through a client or a transaction (`client.snapshots`, `tx.clones`, …), not built.
   *
   * @internal
   */
  constructor(context: ManagerContext) {
    this.#context = context;
  }

  /**
   * Reads rows of one table at a point in time, optionally only some columns, filtered by equality and sorted.
   *
   * @example
   * const open = await client.timeTravel.select(
   *   { table: { database: 'shop', table: 'orders' }, columns: ['id', 'total'], where: { status: 'open' }, orderBy: ['id'] },
   *   { snapshot: 'before_import' },
   * );
   */
  async select<R = Row>(select: TimeTravelSelect, at: SnapshotPoint): Promise<R[]> {
    await prepareOperation(this.#context, 'timeTravel.read');
    const { rows } = await this.#context.executor.run<R>(timeTravelSelectStatement(select, at));
    return rows;
  }

  /**
   * Reads every row of a table at a point in time.
   *
   * @example
   * const rows = await client.timeTravel.table({ database: 'shop', table: 'orders' }, { timestamp: new Date(Date.now() - 60_000) });
   */
  table<R = Row>(table: TableRef, at: SnapshotPoint): Promise<R[]> {
    return this.select<R>({ table }, at);
  }

  /**
   * Counts the rows of a table at a point in time, optionally only those matching an equality filter.
   *
   * @example
   * const before = await client.timeTravel.count({ database: 'shop', table: 'orders' }, { snapshot: 'before_import' });
   */
  async count(
    table: TableRef,
    at: SnapshotPoint,
    where?: Readonly<Record<string, FilterValue>>,
  ): Promise<number> {
    await prepareOperation(this.#context, 'timeTravel.read');
    const { rows } = await this.#context.executor.run(timeTravelCountStatement(table, at, where));
    const count = Number(rows[0]?.count);
    if (!Number.isSafeInteger(count)) {
      throw new ServerError(`SELECT COUNT(*) returned ${String(rows[0]?.count)}, not a row count.`);
    }
    return count;
  }

  /**
   * Binds a point in time and returns a builder for table references, for SELECTs you write yourself
   * (joins, aggregates). Validates `at` now; sends nothing.
   *
   * @example
   * const past = client.timeTravel.at({ snapshot: 'before_import' });
   * const rows = await client.query(
   *   `SELECT o.id, c.name FROM ${past.from({ database: 'shop', table: 'orders' })} AS o ` +
   *     `JOIN ${past.from({ database: 'shop', table: 'customers' })} AS c ON c.id = o.customer_id WHERE o.total > ?`,
   *   [100],
   * );
   */
  at(at: SnapshotPoint): TimeTravelPoint {
    const clause = snapshotClause(at);
    return { from: (table) => `${quoteTable(table)}${clause}` };
  }
}
