/**
 * What a scenario needs from an ORM. Each ORM implements it once (`orms/*.ts`) with its own models and its
 * adapter, so the three scenarios are written once and run on every ORM without drifting apart.
 */
import type { MatrixOneClient } from '@matrixone/core';

/** A customer row, the same in every ORM's model. */
export interface Customer {
  readonly id: number;
  readonly name: string;
  readonly email: string;
}

/** The two tables every scenario uses: rows move from the first to the second during a migration. */
export type CustomerTable = 'legacy_customers' | 'customers';

/** The MatrixOne operations a scenario calls, from the adapter's client (it runs on the ORM's pool). */
export type MatrixOneOperations = Pick<
  MatrixOneClient,
  'snapshots' | 'clones' | 'restores' | 'query' | 'serverInfo'
>;

/** One ORM, connected to one database, with the SDK bound to it through its adapter. */
export interface OrmKit {
  /** The ORM's name as the summary table shows it. */
  readonly orm: string;
  /** The database this kit's ORM is connected to. */
  readonly database: string;
  /** The SDK client from the ORM's adapter (`matrixone(orm)`): no second pool. */
  readonly mo: MatrixOneOperations;
  /** Creates both customer tables and the migration log through the ORM's schema tools. */
  createSchema(): Promise<void>;
  /** Inserts rows through the ORM (its bulk insert). */
  insertCustomers(table: CustomerTable, rows: readonly Customer[]): Promise<void>;
  /** Counts rows through the ORM. */
  count(table: CustomerTable): Promise<number>;
  /**
   * Moves every legacy row into `customers` in ONE transaction of the adapter: the ORM copies and deletes the
   * rows, the bound SDK transaction writes the migration log row on the same connection. With `failAfterCopy`
   * it throws after the copy, so the whole transaction (ORM rows and the log row) must roll back.
   */
  migrate(options: { migrationId: string; failAfterCopy?: boolean }): Promise<number>;
  /** Rows in the migration log (written through the SDK inside the migration transaction). */
  migrationLogCount(): Promise<number>;
  /** Closes the ORM (and with it the pool the SDK ran on). */
  close(): Promise<void>;
}

/** Opens an ORM kit on a database of the server at `url`. */
export type OpenKit = (url: string, database: string) => Promise<OrmKit>;

/** `count` customers with ids from `firstId`, deterministic so scenarios can compare. */
export function makeCustomers(count: number, firstId = 1): Customer[] {
  return Array.from({ length: count }, (_, index) => {
    const id = firstId + index;
    return { id, name: `Customer ${id}`, email: `customer${id}@example.com` };
  });
}
