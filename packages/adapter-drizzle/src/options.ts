import type { Transaction, TransactionOptions } from '@matrixone/core';
import type { AdapterOptions, OrmClient } from '@matrixone/core/adapter';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { MySqlTransaction } from 'drizzle-orm/mysql-core';
import type { MySql2Database, MySql2PreparedQueryHKT, MySql2QueryResultHKT } from 'drizzle-orm/mysql2';

/**
 * Options of {@link matrixone}: the kit's options, the same in every adapter (`serverFlavor`, `logger`,
 * `queryTimeoutMs`, `onHookError`).
 */
export type MatrixOneDrizzleOptions = AdapterOptions;

/** The transaction Drizzle hands to `db.transaction(async (tx) => …)` for a db with schema `TSchema`. */
export type DrizzleTransaction<TSchema extends Record<string, unknown> = Record<string, never>> =
  MySqlTransaction<
    MySql2QueryResultHKT,
    MySql2PreparedQueryHKT,
    TSchema,
    ExtractTablesWithRelations<TSchema>
  >;

/** What the callback of {@link MatrixOneDrizzleClient.transaction} receives. */
export interface DrizzleTransactionContext<TSchema extends Record<string, unknown> = Record<string, never>> {
  /** The Drizzle transaction: use it for query-builder and relational-query work. */
  readonly tx: DrizzleTransaction<TSchema>;
  /** The SDK transaction on the same connection: raw SQL, managers and after-commit hooks. */
  readonly mo: Transaction;
}

/**
 * The SDK client over a Drizzle db (mysql2 driver), on Drizzle's own pool or connection: everything of the core
 * `MatrixOneClient`; `transaction(async ({ tx, mo }) => …, { isolationLevel?, readOnly? })` runs
 * `db.transaction()` with the SDK bound to it (see `matrixone(db)` for an example).
 */
export interface MatrixOneDrizzleClient<TSchema extends Record<string, unknown> = Record<string, never>>
  extends OrmClient<DrizzleTransactionContext<TSchema>, TransactionOptions> {
  /** The Drizzle db this client runs on. */
  readonly db: MySql2Database<TSchema>;
}
