/**
 * Drizzle 0.45's `db.transaction()` on a pool checks a connection out and sends `set transaction …` and `start
 * transaction …` / `begin` before the try/finally that releases it (drizzle-orm `mysql2/session.js`): when one fails
 * (MatrixOne refusing SERIALIZABLE, the guard refusing READ ONLY) the connection never goes back. So the db's session
 * checks it out itself, runs Drizzle's transaction on a session over it (built as Drizzle builds one; over one
 * connection it neither checks out nor releases) and releases it however the transaction ended.
 */
import type { PoolConnection } from 'mysql2/promise';
import type { AnyDrizzleDb } from './transaction-life.js';

/** Drizzle's mysql2 session: what its constructor takes, and its `transaction`. */
type Session = Record<'dialect' | 'schema' | 'options', unknown> & {
  readonly client: { getConnection?(): Promise<PoolConnection> };
  transaction(work: unknown, config?: unknown): Promise<unknown>;
};

/** Makes every `db.transaction()` of a db on a pool release its connection, also when starting it failed. */
export function releaseFailedStarts(db: AnyDrizzleDb): void {
  const session = (db as unknown as { session: Session }).session;
  const pool = session.client;
  const Own = session.constructor as new (...args: unknown[]) => Session;
  if (!pool.getConnection) return;
  session.transaction = async (work, config) => {
    const connection = (await pool.getConnection?.()) as PoolConnection;
    const own = new Own(connection, session.dialect, session.schema, session.options);
    try {
      return await own.transaction(work, config);
    } finally {
      connection.release();
    }
  };
}
