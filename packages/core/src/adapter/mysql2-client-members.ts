/**
 * The members of an {@link OrmBinding} that are the same for every ORM running on a mysql2 client it lets an
 * adapter reach (Drizzle's `session.client`, a data source's pool): running and streaming a statement on it,
 * preparing each connection it hands out and freeing each socket it ends. The adapter says how to reach the
 * client from an ORM instance or transaction and spreads the result into its binding.
 */
import type { Readable } from 'node:stream';
import type { Connection as CoreConnection, Pool as CorePool } from 'mysql2';
import type { Pool, PoolConnection, Connection as PromiseConnection } from 'mysql2/promise';
import type { Row, Statement, StatementResult } from '../connection/executor.js';
import { statementResultOf } from '../connection/mysql2-result.js';
import { trackPoolSockets } from '../connection/pool-sockets.js';
import type { OrmBinding } from './orm-binding.js';
import { releaseAfterEnd } from './release-after-end.js';

/** A mysql2 promise-API client: a pool, a pooled connection or a single connection. */
export type Mysql2PromiseClient = Pool | PoolConnection | PromiseConnection;

/** What {@link mysql2ClientMembers} fills in. */
export type Mysql2ClientMembers<Orm extends object, OrmTx extends object> = Pick<
  OrmBinding<Orm, OrmTx, unknown>,
  'run' | 'stream' | 'prepareConnections' | 'releaseSockets'
>;

function isPool(client: Mysql2PromiseClient): client is Pool {
  return typeof (client as Partial<Pool>).getConnection === 'function';
}

/** The callback connection a promise-API connection wraps (mysql2 types it as the promise one). */
function coreOf(client: PromiseConnection): CoreConnection {
  return (client as unknown as { connection: CoreConnection }).connection;
}

/** The callback pool a client belongs to (mysql2 keeps a pooled connection's pool as `_pool`), if any. */
function poolOf(client: Mysql2PromiseClient): CorePool | undefined {
  if (isPool(client)) return client.pool;
  return (coreOf(client) as unknown as { _pool?: CorePool | null })._pool ?? undefined;
}

/**
 * mysql2's options for one statement: values only when there are some, so a `?` inside a literal is never a
 * placeholder; a `LOAD DATA LOCAL` with its file's stream factory.
 */
function queryOptions(
  statement: Statement,
  timeoutMs: number | undefined,
  extras: Readonly<Record<string, unknown>>,
) {
  const values = statement.values ?? [];
  return {
    ...extras,
    sql: statement.sql,
    ...(values.length > 0 && { values: [...values] }),
    ...(timeoutMs !== undefined && { timeout: timeoutMs }),
    // Given here too: a query that waited for a pooled connection runs outside the kit's async context.
    ...(statement.localInfile !== undefined && { infileStreamFactory: statement.localInfile }),
  };
}

/** One statement on a promise-API client. */
function query(
  client: Mysql2PromiseClient,
  statement: Statement,
  timeoutMs: number | undefined,
  extras: Readonly<Record<string, unknown>> = {},
) {
  return client.query(queryOptions(statement, timeoutMs, extras));
}

/**
 * mysql2's per-statement `timeout`: mysql2 gives up waiting but the answer stays due on that connection, so it is
 * destroyed (the pool drops it, a transaction on it can no longer COMMIT).
 */
async function queryWithTimeout(
  client: Mysql2PromiseClient,
  statement: Statement,
  timeoutMs: number,
  extras = {},
) {
  const connection = isPool(client) ? await client.getConnection() : client;
  try {
    return await query(connection, statement, timeoutMs, extras);
  } catch (error) {
    if ((error as { code?: unknown })?.code === 'PROTOCOL_SEQUENCE_TIMEOUT') connection.destroy();
    throw error;
  } finally {
    if (connection !== client) (connection as PoolConnection).release();
  }
}

/** Frees, after the pool's `end()`, the socket of every connection it opened and did not see close. */
function releasePoolSockets(pool: CorePool): void {
  const sockets = trackPoolSockets(pool);
  const end = pool.end;
  pool.end = function (this: CorePool, callback?: (error: NodeJS.ErrnoException | null) => void) {
    return end.call(this, (error) => {
      // mysql2 calls back as it writes the QUITs: release once they are written.
      setImmediate(() => void sockets.destroyAll());
      if (callback) callback(error);
      else if (error) throw error;
    });
  } as CorePool['end'];
}

const released = new WeakSet<object>();

/**
 * Runs one statement on a mysql2 client (`target`: a promise-API pool or connection, or a callback-API connection) the way
 * {@link mysql2ClientMembers}' `run` does: values sent only when there are some, the per-statement timeout
 * destroying the connection, a `LOAD DATA LOCAL` answered. `extras` are added to the query (the decoding options
 * of an ORM that configures its connections its own way).
 *
 * @example
 * run: (t, statement, timeoutMs) => runOnMysql2(t.connection, statement, timeoutMs, { supportBigNumbers: true }),
 */
export async function runOnMysql2(
  target: object,
  statement: Statement,
  timeoutMs: number | undefined,
  extras: Readonly<Record<string, unknown>> = {},
): Promise<StatementResult> {
  if (!isPromiseClient(target))
    return statementResultOf(await callbackQuery(target, statement, timeoutMs, extras));
  const response =
    timeoutMs === undefined
      ? await query(target, statement, undefined, extras)
      : await queryWithTimeout(target, statement, timeoutMs, extras);
  return statementResultOf(response);
}

/** A promise-API pool or connection holds the callback one as `pool` / `connection`; a callback connection neither. */
function isPromiseClient(target: object): target is Mysql2PromiseClient {
  return 'connection' in target || 'pool' in target;
}

/** {@link query} on a callback-API connection, which is destroyed when the per-statement timeout fires. */
function callbackQuery(
  target: object,
  statement: Statement,
  timeoutMs: number | undefined,
  extras: Readonly<Record<string, unknown>>,
): Promise<[unknown, unknown]> {
  const connection = target as CoreConnection;
  return new Promise((resolve, reject) => {
    connection.query(queryOptions(statement, timeoutMs, extras), (error, result, fields) => {
      if (!error) return resolve([result, fields]);
      if (error.code === 'PROTOCOL_SEQUENCE_TIMEOUT') connection.destroy();
      reject(error);
    });
  });
}

/**
 * `run`, `stream`, `prepareConnections` and `releaseSockets` for an ORM whose instance and transactions run on a
 * mysql2 promise-API client that `clientOf` returns (a callback-API one can be passed as `client.promise()`): a
 * pool or one connection for an instance, the connection it checked out for a transaction. A stream stopped
 * early, or a statement that timed out, destroys its connection (the rest of the answer is still due on it).
 *
 * @example
 * const binding = { ...mysql2ClientMembers((target) => target.session.client), ormName: 'Drizzle', … };
 */
export function mysql2ClientMembers<Orm extends object, OrmTx extends object>(
  clientOf: (target: Orm | OrmTx) => Mysql2PromiseClient,
): Mysql2ClientMembers<Orm, OrmTx> {
  return {
    run: (target, statement, timeoutMs) => runOnMysql2(clientOf(target), statement, timeoutMs),
    async *stream(orm, statement) {
      const client = clientOf(orm);
      const connection = isPool(client) ? await client.getConnection() : client;
      let finished = false;
      try {
        const core = coreOf(connection);
        const values = statement.values ?? [];
        const command =
          values.length === 0 ? core.query(statement.sql) : core.query(statement.sql, [...values]);
        const rows: Readable = command.stream();
        for await (const row of rows) yield row as Row;
        finished = true;
      } finally {
        if (!finished) connection.destroy();
        if (connection !== client) (connection as PoolConnection).release();
      }
    },
    prepareConnections(orm, prepare) {
      const client = clientOf(orm);
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
    releaseSockets(target) {
      const client = clientOf(target);
      const pool = poolOf(client);
      const owner: object = pool ?? coreOf(client as PromiseConnection);
      if (released.has(owner)) return;
      released.add(owner);
      if (pool) releasePoolSockets(pool);
      else releaseAfterEnd(owner);
    },
  };
}
