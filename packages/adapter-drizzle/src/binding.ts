/**
 * Drizzle's implementation of the kit's contract (`OrmBinding`), for Drizzle on its mysql2 driver. Facts relied on
 * (docs/adapters/drizzle.md): a db and its transactions run on `session.client` (a mysql2 promise pool, or the
 * connection a transaction checked out) and share one `dialect`; `db.transaction(cb)` is Drizzle's only
 * transaction, with no commit hook and no "ended" flag (transaction-life.ts follows them).
 */
import type { TransactionOptions } from '@matrixone/core';
import {
  type Mysql2PromiseClient,
  type OrmBinding,
  beginFromManaged,
  mysql2ClientMembers,
} from '@matrixone/core/adapter';
import { is } from 'drizzle-orm';
import type { MySqlTransactionConfig } from 'drizzle-orm/mysql-core';
import { MySql2Database, MySql2Transaction } from 'drizzle-orm/mysql2';
import {
  type AnyDrizzleDb,
  type AnyDrizzleTx,
  isOpen,
  parentOf,
  runTransaction,
  watch,
} from './transaction-life.js';

/** Drizzle's transaction config for the core's transaction options. */
function configOf(options: TransactionOptions = {}): MySqlTransactionConfig | undefined {
  if (options.isolationLevel === undefined && options.readOnly !== true) return undefined;
  return {
    ...(options.isolationLevel && { isolationLevel: options.isolationLevel.toLowerCase() }),
    ...(options.readOnly && { accessMode: 'read only' }),
  } as MySqlTransactionConfig;
}

/** The Drizzle binding: the whole of what the SDK needs to know about Drizzle on mysql2. */
export const drizzleBinding: OrmBinding<AnyDrizzleDb, AnyDrizzleTx, TransactionOptions> = {
  ...mysql2ClientMembers<AnyDrizzleDb, AnyDrizzleTx>(
    (target) => (target as unknown as { session: { client: Mysql2PromiseClient } }).session.client,
  ),
  // Drizzle has no unmanaged transaction: the SDK's own (the client's bulkInsert) wait inside a managed one.
  ...beginFromManaged<AnyDrizzleDb, AnyDrizzleTx>((db, work, options) =>
    runTransaction(db, work, configOf(options)),
  ),
  ormName: 'Drizzle',
  // `$returningId()` numbers a multi-row INSERT's rows from `insertId`.
  rowIds: 'consecutive',
  isOrm: (value): value is AnyDrizzleDb => is(value, MySql2Database),
  isTransaction: (value): value is AnyDrizzleTx => is(value, MySql2Transaction),
  identity: (target) => (target as unknown as { dialect: object }).dialect,
  isOpen,
  parentOf,
  transaction: (db, work, options) => runTransaction(db, work, configOf(options)),
  // Drizzle sends `start transaction read only`, which MatrixOne accepts and does not enforce.
  isReadOnly: (options) => options?.readOnly === true,
  watch,
};
