/**
 * What Drizzle does not record on its transaction objects, recorded by following them: whether one has ended and
 * which transaction a savepoint's is nested in. Drizzle's mysql2 transactions hold no "completed" flag and no
 * parent link, and send their own `begin`, `commit`, `rollback`, `savepoint`, `release savepoint` and `rollback to
 * savepoint` through the transaction object's `execute(sql)` (drizzle-orm 0.45, `mysql2/session.js`). A followed
 * transaction gets its own `execute` wrapped to see those go by, and its own `transaction` to follow the nested
 * ones it starts; a db the SDK wraps gets its `transaction` wrapped, so each of its transactions is followed
 * from the start. Only these objects are patched, never Drizzle's classes.
 */
import type { TransactionWatcher } from '@matrixone/core/adapter';
import type { MySqlTransaction, MySqlTransactionConfig } from 'drizzle-orm/mysql-core';
import type { MySql2Database, MySql2PreparedQueryHKT, MySql2QueryResultHKT } from 'drizzle-orm/mysql2';

// biome-ignore lint/suspicious/noExplicitAny: any schema; the adapter never reads it.
export type AnyDrizzleDb = MySql2Database<any>;
// biome-ignore lint/suspicious/noExplicitAny: any schema; the adapter never reads it.
export type AnyDrizzleTx = MySqlTransaction<MySql2QueryResultHKT, MySql2PreparedQueryHKT, any, any>;

type Work<T> = (tx: AnyDrizzleTx) => Promise<T>;
type Execute = (query: unknown) => Promise<unknown>;
/** `db.transaction` / `tx.transaction`, as called here. */
type Transact = (work: Work<unknown>, config?: MySqlTransactionConfig) => Promise<unknown>;

/** What is known of one followed transaction. */
interface Life {
  readonly parent: AnyDrizzleTx | undefined;
  ended: boolean;
  /** The COMMIT's failure, or the refusal it was replaced with: Drizzle then throws its ROLLBACK's error. */
  commitError?: { readonly error: unknown };
  readonly watchers: TransactionWatcher[];
}

const lives = new WeakMap<object, Life>();
const followedDbs = new WeakSet<object>();

/** The statement text Drizzle renders for `query` (what `tx.execute` takes: a string or an `SQL` wrapper). */
function statementText(tx: AnyDrizzleTx, query: unknown): string {
  if (typeof query === 'string') return query;
  const { dialect } = tx as unknown as { dialect: { sqlToQuery(sql: unknown): { sql: string } } };
  return dialect.sqlToQuery((query as { getSQL(): unknown }).getSQL()).sql;
}

function report(life: Life, end: Parameters<TransactionWatcher['ended']>[0]): void {
  life.ended = true;
  for (const watcher of life.watchers) watcher.ended(end);
}

/** Reports a failed statement to the watchers of `tx` and of every transaction around it. */
function reportFailure(tx: AnyDrizzleTx | undefined, sql: string, error: unknown): void {
  for (let life = tx && lives.get(tx); life; life = life.parent && lives.get(life.parent)) {
    for (const watcher of life.watchers) watcher.statementFailed(sql, error);
  }
}

/** `tx.execute`, seeing Drizzle's own transaction statements go by. */
async function control(tx: AnyDrizzleTx, life: Life, execute: Execute, query: unknown): Promise<unknown> {
  const sql = statementText(tx, query).trim().toLowerCase();
  if (sql === 'commit') {
    const refusal = life.watchers.map((watcher) => watcher.refuseCommit()).find(Boolean);
    if (refusal) {
      // Drizzle answers a failing COMMIT with ROLLBACK: the refusal rolls the transaction back.
      life.commitError = { error: refusal };
      throw refusal;
    }
    try {
      const result = await execute(query);
      report(life, 'committed');
      return result;
    } catch (error) {
      life.commitError = { error };
      report(life, { commitFailed: error });
      throw error;
    }
  }
  if (sql === 'rollback' || sql.startsWith('rollback to savepoint')) {
    try {
      return await execute(query);
    } catch (error) {
      reportFailure(tx, sql, error);
      throw error;
    } finally {
      report(life, 'rolled-back');
    }
  }
  const result = await execute(query);
  if (sql.startsWith('release savepoint')) life.ended = true;
  return result;
}

/** Starts following `tx` (nested in `parent`, if any); following it again does nothing. */
export function follow(tx: AnyDrizzleTx, parent?: AnyDrizzleTx): Life {
  const known = lives.get(tx);
  if (known) return known;
  const life: Life = { parent, ended: false, watchers: [] };
  lives.set(tx, life);
  const execute = tx.execute.bind(tx) as Execute;
  const transaction = tx.transaction.bind(tx) as Transact;
  Object.assign(tx, {
    execute: (query: unknown) => control(tx, life, execute, query),
    transaction: (work: Work<unknown>, config?: MySqlTransactionConfig) =>
      transaction((inner) => {
        follow(inner, tx);
        return work(inner);
      }, config),
  });
  return life;
}

/** Follows every transaction `db.transaction()` starts from now on. */
export function followTransactions(db: AnyDrizzleDb): void {
  if (followedDbs.has(db)) return;
  followedDbs.add(db);
  const transaction = db.transaction.bind(db) as Transact;
  Object.assign(db, {
    transaction: (work: Work<unknown>, config?: MySqlTransactionConfig) =>
      transaction((tx) => {
        follow(tx);
        return work(tx);
      }, config),
  });
}

/**
 * `db.transaction(work, config)`, settling as Drizzle does except after a failed COMMIT: Drizzle then sends
 * ROLLBACK and throws the ROLLBACK's error when that fails too; this throws the COMMIT's.
 */
export async function runTransaction<T>(
  db: AnyDrizzleDb,
  work: Work<T>,
  config: MySqlTransactionConfig | undefined,
): Promise<T> {
  let tx: AnyDrizzleTx | undefined;
  try {
    return await db.transaction(async (created) => {
      tx = created as AnyDrizzleTx;
      follow(tx);
      return work(tx);
    }, config);
  } catch (error) {
    const commitError = tx && lives.get(tx)?.commitError;
    throw commitError ? commitError.error : error;
  }
}

/** False once `tx` or a transaction around it ended; true for a transaction never followed (nothing known). */
export function isOpen(tx: AnyDrizzleTx): boolean {
  for (let life = lives.get(tx); life; life = life.parent && lives.get(life.parent)) {
    if (life.ended) return false;
  }
  return true;
}

/** The transaction `tx` is nested in, when it was followed from its start. */
export function parentOf(tx: AnyDrizzleTx): AnyDrizzleTx | undefined {
  return lives.get(tx)?.parent;
}

/** True for a savepoint's transaction whose outer transaction was never followed. */
export function isOrphanNested(tx: AnyDrizzleTx): boolean {
  const nested = (tx as unknown as { nestedIndex?: unknown }).nestedIndex !== 0;
  return nested && lives.get(tx)?.parent === undefined;
}

/** Reports how `tx` ends to `watcher`. */
export function watch(tx: AnyDrizzleTx, watcher: TransactionWatcher): void {
  follow(tx).watchers.push(watcher);
}
