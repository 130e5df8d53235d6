/**
 * Drizzle's implementation of the kit's contract (`OrmBinding` from `@matrixone/core/adapter`), for Drizzle on
 * its mysql2 driver: only what is specific to Drizzle. Facts relied on (docs/adapters/drizzle.md): a db and its
 * transactions run on `session.client`, a mysql2/promise pool, pooled connection or connection; a transaction's
 * session holds the connection it checked out; a db and its transactions share one `dialect` object; Drizzle has
 * no unmanaged transaction, no commit hook and no "ended" flag (see transaction-life.ts).
 */
import type { Row, Statement, TransactionOptions } from '@matrixone/core';
import { type OrmBinding, statementResultOf } from '@matrixone/core/adapter';
import { is } from 'drizzle-orm';
import type { MySqlTransactionConfig } from 'drizzle-orm/mysql-core';
import { MySql2Database, MySql2Transaction } from 'drizzle-orm/mysql2';
import type { Connection as CoreConnection, Pool as CorePool } from 'mysql2';
import type { PoolConnection, Connection as PromiseConnection, Pool as PromisePool } from 'mysql2/promise';
import {
  type AnyDrizzleDb,
  type AnyDrizzleTx,
  isOpen,
  parentOf,
  runTransaction,
  watch,
} from './transaction-life.js';

type Client = PromisePool | PromiseConnection;
type Release = (connection: unknown) => Promise<void>;

/** The mysql2/promise client Drizzle runs `target` on. */
function clientOf(target: AnyDrizzleDb | AnyDrizzleTx): Client {
  return (target as unknown as { session: { client: Client } }).session.client;
}

/** The callback connection a mysql2/promise connection wraps (typed as the promise one). */
function coreOf(client: Client): CoreConnection {
  return (client as unknown as { connection: CoreConnection }).connection;
}

function isPool(client: Client): client is PromisePool {
  return typeof (client as Partial<PromisePool>).getConnection === 'function';
}

/** The callback pool a connection of Drizzle's belongs to, if it is pooled (mysql2's `_pool`). */
function poolOf(client: Client): CorePool | undefined {
  if (isPool(client)) return client.pool;
  return (coreOf(client) as unknown as { _pool?: CorePool | null })._pool ?? undefined;
}

/** `client.query(sql)` without values when there are none, so a `?` inside a literal is never a placeholder. */
async function query(client: Client, statement: Statement, timeoutMs: number | undefined): Promise<unknown> {
  const options = { sql: statement.sql, ...(timeoutMs !== undefined && { timeout: timeoutMs }) };
  const values = statement.values ?? [];
  return values.length === 0 ? client.query(options) : client.query(options, [...values]);
}

/**
 * mysql2's per-statement `timeout`. mysql2 gives up waiting but the answer stays due on that connection, so it is
 * destroyed: the pool drops it, and a transaction on it can no longer COMMIT.
 */
async function queryWithTimeout(client: Client, statement: Statement, timeoutMs: number): Promise<unknown> {
  const connection = isPool(client) ? await client.getConnection() : client;
  try {
    return await query(connection, statement, timeoutMs);
  } catch (error) {
    if ((error as { code?: unknown })?.code === 'PROTOCOL_SEQUENCE_TIMEOUT') connection.destroy();
    throw error;
  } finally {
    if (connection !== client) (connection as PoolConnection).release();
  }
}

/** Drizzle's transaction config for the core's transaction options. */
function configOf(options: TransactionOptions = {}): MySqlTransactionConfig | undefined {
  if (options.isolationLevel === undefined && options.readOnly !== true) return undefined;
  return {
    ...(options.isolationLevel && { isolationLevel: options.isolationLevel.toLowerCase() }),
    ...(options.readOnly && { accessMode: 'read only' }),
  } as MySqlTransactionConfig;
}

/** A transaction the SDK ends itself (see `begin`): how to let its callback return or throw. */
interface Manual {
  finish(): void;
  abandon(): void;
  readonly done: Promise<unknown>;
}
const manuals = new WeakMap<object, Manual>();
const ABANDONED = new Error('rolled back by the MatrixOne SDK');

const released = new WeakSet<object>();

/** Frees, after the pool's `end()`, the socket of every connection the pool opened (MatrixOne keeps them open). */
function releasePoolSockets(pool: CorePool, release: Release): void {
  const internals = pool as unknown as { _allConnections?: { toArray?(): CoreConnection[] } };
  const open = new Set<CoreConnection>();
  const track = (connection: CoreConnection) => {
    open.add(connection);
    (connection as unknown as { stream?: NodeJS.EventEmitter }).stream?.once('close', () =>
      open.delete(connection),
    );
  };
  for (const connection of internals._allConnections?.toArray?.() ?? []) track(connection);
  pool.on('connection', track);
  const end = pool.end;
  pool.end = function (this: CorePool, callback?: (error: NodeJS.ErrnoException | null) => void) {
    return end.call(this, (error) => {
      // mysql2 calls back as it writes the QUITs: wait for the writes.
      setImmediate(() => open.forEach(release));
      if (callback) callback(error);
      else if (error) throw error;
    });
  } as CorePool['end'];
}

/** Frees a single connection's socket after its `end()`. */
function releaseAfterEnd(connection: CoreConnection, release: Release): void {
  const end = connection.end;
  connection.end = function (this: CoreConnection, callback?: (error: unknown) => void) {
    return end.call(this, (error: unknown) => {
      setImmediate(() => void release(connection));
      callback?.(error);
    });
  } as CoreConnection['end'];
}

/** The Drizzle binding: the whole of what the SDK needs to know about Drizzle on mysql2. */
export const drizzleBinding: OrmBinding<AnyDrizzleDb, AnyDrizzleTx, TransactionOptions> = {
  ormName: 'Drizzle',
  // `$returningId()` numbers a multi-row INSERT's rows from `insertId`.
  rowIds: 'consecutive',
  isOrm: (value): value is AnyDrizzleDb => is(value, MySql2Database),
  isTransaction: (value): value is AnyDrizzleTx => is(value, MySql2Transaction),
  identity: (target) => (target as unknown as { dialect: object }).dialect,
  async run(target, statement, timeoutMs) {
    const client = clientOf(target);
    const response =
      timeoutMs === undefined
        ? await query(client, statement, undefined)
        : await queryWithTimeout(client, statement, timeoutMs);
    return statementResultOf(response);
  },
  async *stream(db, statement) {
    const client = clientOf(db);
    const connection = isPool(client) ? await client.getConnection() : client;
    let finished = false;
    try {
      const core = coreOf(connection);
      const values = statement.values ?? [];
      const rows = values.length === 0 ? core.query(statement.sql) : core.query(statement.sql, [...values]);
      for await (const row of rows.stream()) yield row as Row;
      finished = true;
    } finally {
      // Stopped early: the rest of the result is still on the wire, so the connection cannot be reused.
      if (!finished) connection.destroy();
      if (connection !== client) (connection as PoolConnection).release();
    }
  },
  isOpen,
  parentOf,
  transaction: (db, work, options) => runTransaction(db, work, configOf(options)),
  // Drizzle sends `start transaction read only`, which MatrixOne accepts and does not enforce.
  isReadOnly: (options) => options?.readOnly === true,
  begin(db, options) {
    return new Promise((resolve, reject) => {
      const holder: { done?: Promise<unknown> } = {};
      holder.done = runTransaction(
        db,
        (tx) =>
          new Promise((finish, abandon) => {
            manuals.set(tx, {
              finish: () => finish(undefined),
              abandon: () => abandon(ABANDONED),
              done: holder.done as Promise<unknown>,
            });
            resolve(tx);
          }),
        configOf(options),
      );
      holder.done.catch(reject);
    });
  },
  async end(tx, outcome) {
    const manual = manuals.get(tx);
    if (!manual) throw new Error('This Drizzle transaction was not begun by the SDK.');
    if (outcome === 'commit') manual.finish();
    else manual.abandon();
    await manual.done.catch((error: unknown) => {
      if (error !== ABANDONED) throw error;
    });
  },
  watch,
  prepareConnections(db, prepare) {
    const client = clientOf(db);
    if (!isPool(client)) return prepare(client);
    const pool = client.pool;
    const getConnection = pool.getConnection;
    pool.getConnection = function (this: CorePool, callback) {
      return getConnection.call(this, (error, connection) => {
        if (!error) prepare(connection);
        callback(error, connection);
      });
    } as CorePool['getConnection'];
  },
  releaseSockets(target, release) {
    const client = clientOf(target);
    const pool = poolOf(client);
    const connection = coreOf(client);
    const owner: object = pool ?? connection;
    if (released.has(owner)) return;
    released.add(owner);
    if (pool) releasePoolSockets(pool, release);
    else releaseAfterEnd(connection, release);
  },
};
