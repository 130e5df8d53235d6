/**
 * What Drizzle does not record on its transactions, learnt by following them: whether one ended and which one a
 * savepoint's is nested in. Drizzle sends its own `commit`, `rollback`, `release savepoint` and `rollback to
 * savepoint` through the transaction object's `execute()` (drizzle-orm 0.45 `mysql2/session.js`): a followed
 * transaction gets its `execute` wrapped to see them, and its `transaction` to follow the savepoints it starts
 * (and to hand the connection's MatrixOne guard the error a savepoint's callback failed with, which Drizzle rolls
 * back to the savepoint for). Only these objects are patched, never Drizzle's classes.
 */
import { type TransactionWatcher, noteRollbackCause } from '@matrixone/core/adapter';
import type { MySqlTransactionConfig } from 'drizzle-orm/mysql-core';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import type { DrizzleTransaction } from './options.js';

// biome-ignore lint/suspicious/noExplicitAny: a db or transaction of any schema; the adapter never reads it.
export type AnyDrizzleDb = MySql2Database<any>;
// biome-ignore lint/suspicious/noExplicitAny: as above.
export type AnyDrizzleTx = DrizzleTransaction<any>;

type Work<T> = (tx: AnyDrizzleTx) => Promise<T>;
type Execute = (query: unknown) => Promise<unknown>;
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

/** The text of `query` when it may be a statement of Drizzle's own: a string, or an `SQL` of one chunk. */
function statementText(tx: AnyDrizzleTx, query: unknown): string {
  if (typeof query === 'string') return query;
  if ((query as { queryChunks?: unknown[] }).queryChunks?.length !== 1) return '';
  const { dialect } = tx as unknown as { dialect: { sqlToQuery(sql: unknown): { sql: string } } };
  return dialect.sqlToQuery(query).sql;
}

/** What is known of `tx` and of the transactions around it, innermost first. */
function* lineage(tx: AnyDrizzleTx): Generator<Life> {
  for (let life = lives.get(tx); life; life = life.parent && lives.get(life.parent)) yield life;
}

function report(life: Life, end: Parameters<TransactionWatcher['ended']>[0]): void {
  life.ended = true;
  for (const watcher of life.watchers) watcher.ended(end);
}

/** `tx.execute`, seeing Drizzle's own transaction statements go by. */
async function control(tx: AnyDrizzleTx, life: Life, execute: Execute, query: unknown): Promise<unknown> {
  const sql = statementText(tx, query).trim().toLowerCase();
  if (sql === 'commit') {
    const refusal = life.watchers.map((watcher) => watcher.refuseCommit()).find(Boolean);
    try {
      // Drizzle answers a failing COMMIT with ROLLBACK: a refused one is rolled back.
      const result = await (refusal ? Promise.reject(refusal) : execute(query));
      report(life, 'committed');
      return result;
    } catch (error) {
      life.commitError = { error };
      if (error !== refusal) report(life, { commitFailed: error });
      throw error;
    }
  }
  if (sql === 'rollback' || sql.startsWith('rollback to savepoint')) {
    try {
      return await execute(query);
    } catch (error) {
      for (const { watchers } of lineage(tx)) for (const w of watchers) w.statementFailed(sql, error);
      throw error;
    } finally {
      report(life, 'rolled-back');
    }
  }
  const result = await execute(query);
  if (sql.startsWith('release savepoint')) life.ended = true;
  return result;
}

/**
 * Starts following `target` and the transactions it starts from now on: a db, or a transaction (nested in
 * `parent`, if any) whose own statements are watched too. Following it again does nothing.
 */
export function follow(target: AnyDrizzleDb | AnyDrizzleTx, parent?: AnyDrizzleTx): Life {
  const known = lives.get(target);
  if (known) return known;
  const life: Life = { parent, ended: false, watchers: [] };
  lives.set(target, life);
  const isTransaction = 'rollback' in target;
  const execute = target.execute.bind(target) as Execute;
  const transaction = target.transaction.bind(target) as Transact;
  Object.assign(target, {
    ...(isTransaction && { execute: (query: unknown) => control(target, life, execute, query) }),
    transaction: (work: Work<unknown>, config?: MySqlTransactionConfig) =>
      transaction(async (tx) => {
        follow(tx, isTransaction ? target : undefined);
        try {
          return await work(tx);
        } catch (error) {
          // Drizzle's next statement is its ROLLBACK TO SAVEPOINT, for this error.
          if (isTransaction)
            noteRollbackCause((tx as unknown as { session: { client: unknown } }).session.client, error);
          throw error;
        }
      }, config),
  });
  return life;
}

/**
 * `db.transaction(work, config)` on a followed db, settling as Drizzle does except after a failed COMMIT: Drizzle
 * then sends ROLLBACK, and throws the ROLLBACK's error when that fails too; this throws the COMMIT's.
 */
export async function runTransaction<T>(db: AnyDrizzleDb, work: Work<T>, config?: MySqlTransactionConfig) {
  let life: Life | undefined;
  try {
    return await db.transaction((tx) => {
      life = follow(tx as AnyDrizzleTx);
      return work(tx as AnyDrizzleTx);
    }, config);
  } catch (error) {
    throw life?.commitError ? life.commitError.error : error;
  }
}

/** False once `tx` or a transaction around it ended; true for a transaction never followed (nothing known). */
export function isOpen(tx: AnyDrizzleTx): boolean {
  return ![...lineage(tx)].some((life) => life.ended);
}

/** The transaction `tx` is nested in, when it was followed from its start. */
export function parentOf(tx: AnyDrizzleTx): AnyDrizzleTx | undefined {
  return lives.get(tx)?.parent;
}

/** Reports how `tx` ends to `watcher`. */
export function watch(tx: AnyDrizzleTx, watcher: TransactionWatcher): void {
  follow(tx).watchers.push(watcher);
}
