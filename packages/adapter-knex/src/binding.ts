/**
 * Knex's implementation of the kit's contract (`OrmBinding` from `@matrixone/core/adapter`): only what is
 * specific to Knex. Facts relied on (docs/adapters/knex.md): `trx.raw` runs on the transaction's connection and
 * returns mysql2's untouched answer; `trx.isCompleted()` tells it ended; Knex has no commit hook and
 * `trx.executionPromise` resolves on a bare `rollback()` too, so the transactor's own `commit`/`rollback`
 * (which `knex.transaction(cb)` calls as well) are wrapped; `trx.commit()` resolves even when COMMIT failed,
 * `executionPromise` carries the failure.
 */
import {
  IsolationLevel,
  type Row,
  type Statement,
  type TransactionOptions,
  destroyAfterQuit,
} from '@matrixone/core';
import {
  type OrmBinding,
  type TransactionWatcher,
  noteRollbackCause,
  releaseAfterEnd,
  statementResultOf,
} from '@matrixone/core/adapter';
import type { Knex } from 'knex';

const KNEX_ISOLATION_LEVELS: Record<IsolationLevel, Knex.IsolationLevels> = {
  [IsolationLevel.ReadUncommitted]: 'read uncommitted',
  [IsolationLevel.ReadCommitted]: 'read committed',
  [IsolationLevel.RepeatableRead]: 'repeatable read',
  [IsolationLevel.Serializable]: 'serializable',
};

/** Knex's client as patched here: its connection checkout and teardown, and how it starts transactions. */
interface KnexClientInternals {
  transacting?: boolean;
  acquireConnection(): Promise<unknown>;
  destroyRawConnection(connection: unknown): Promise<unknown>;
  transaction(container: unknown, config: unknown, outerTx: unknown): unknown;
}

/** Knex's transaction config for the core's transaction options. */
function transactionConfig(options: TransactionOptions = {}): Knex.TransactionConfig {
  return {
    ...(options.isolationLevel && { isolationLevel: KNEX_ISOLATION_LEVELS[options.isolationLevel] }),
    ...(options.readOnly && { readOnly: true }),
  };
}

/** `runner.raw(sql)` without values, so a `?` inside a string literal is never taken for a placeholder. */
function raw(runner: Knex | Knex.Transaction, statement: Statement): Knex.Raw {
  const values = statement.values ?? [];
  return values.length === 0
    ? runner.raw(statement.sql)
    : runner.raw(statement.sql, [...values] as Knex.RawBinding[]);
}

/**
 * mysql2's per-statement `timeout` on the connection the runner uses. mysql2 gives up waiting but the answer
 * stays due on that connection, so it is destroyed: Knex's pool discards it, and a transaction on it can no
 * longer COMMIT.
 */
async function rawWithTimeout(runner: Knex | Knex.Transaction, statement: Statement, timeoutMs: number) {
  const connection = (await runner.client.acquireConnection()) as { destroy?: () => void };
  try {
    return await raw(runner, statement).connection(connection).options({ timeout: timeoutMs });
  } catch (error) {
    if ((error as { code?: unknown })?.code === 'PROTOCOL_SEQUENCE_TIMEOUT') connection.destroy?.();
    throw error;
  } finally {
    await runner.client.releaseConnection(connection);
  }
}

function isKnex(value: unknown): value is Knex {
  return (
    typeof value === 'function' &&
    typeof (value as { raw?: unknown }).raw === 'function' &&
    typeof (value as { transaction?: unknown }).transaction === 'function'
  );
}

/** True for a Knex transaction (`trx` inside `knex.transaction()`, nested ones included). */
export function isKnexTransaction(value: unknown): value is Knex.Transaction {
  return isKnex(value) && (value as { isTransaction?: unknown }).isTransaction === true;
}

/** Reports how `trx` ends: Knex's `commit`/`rollback` of this transaction object, wrapped. */
function watch(trx: Knex.Transaction, watcher: TransactionWatcher): void {
  const { commit, rollback } = trx;
  trx.rollback = (error?: unknown) => {
    const sent = rollback.call(trx, error);
    const ended = () => watcher.ended('rolled-back');
    trx.executionPromise.then(ended, ended);
    return sent;
  };
  if (trx.parentTransaction) return;
  trx.on('query-error', (error: unknown, query: { sql?: unknown } | undefined) => {
    if (typeof query?.sql === 'string') watcher.statementFailed(query.sql, error);
  });
  trx.commit = (value?: unknown) => {
    const refusal = watcher.refuseCommit();
    if (refusal) return trx.rollback(refusal);
    const sent = commit.call(trx, value);
    trx.executionPromise.then(
      () => watcher.ended('committed'),
      (commitFailed: unknown) => watcher.ended({ commitFailed }),
    );
    return sent;
  };
}

/**
 * Hands the guard of each transaction's connection the application's error a nested transaction is rolled back
 * for (`noteRollbackCause`): Knex passes it to the transactor's `rollback(error)` (knex/lib/execution/
 * transaction.js), which sends ROLLBACK TO SAVEPOINT. Every transactor `client` starts is reached through the
 * callback it is handed to, and the transactions it nests through its own client (a per-transaction copy).
 */
function carryRollbackCauses(client: KnexClientInternals): void {
  const transaction = client.transaction;
  client.transaction = function (this: unknown, container, config, outerTx) {
    const wrapped =
      typeof container === 'function'
        ? (trx: Knex.Transaction) => {
            followRollbacks(trx);
            return container(trx);
          }
        : container;
    return transaction.call(this, wrapped, config, outerTx);
  };
}

function followRollbacks(trx: Knex.Transaction): void {
  const client = trx.client as KnexClientInternals;
  carryRollbackCauses(client);
  if (!trx.parentTransaction) return;
  const rollback = trx.rollback;
  // The transaction's one connection is at hand one turn later: ROLLBACK TO SAVEPOINT waits for that turn.
  // Knex types `rollback()` as a query builder; it returns the ROLLBACK TO's promise.
  trx.rollback = ((error?: unknown) =>
    client.acquireConnection().then((connection) => {
      if (error !== undefined) noteRollbackCause(connection, error);
      return rollback.call(trx, error);
    })) as Knex.Transaction['rollback'];
}

/** Knex's `end()` only sends COM_QUIT; the socket is destroyed once it is flushed (MatrixOne keeps it open). */
function releaseSockets(target: Knex): void {
  const client = target.client as KnexClientInternals;
  if (client.transacting === true) {
    // A transaction's client does not lead back to the instance's: patch the transaction's one connection.
    void client.acquireConnection().then(releaseAfterEnd, () => undefined);
    return;
  }
  const destroyRawConnection = client.destroyRawConnection;
  client.destroyRawConnection = async function (this: unknown, connection: unknown) {
    try {
      return await destroyRawConnection.call(this, connection);
    } finally {
      await destroyAfterQuit(connection);
    }
  };
}

/** The Knex binding: the whole of what the SDK needs to know about Knex. */
export const knexBinding: OrmBinding<Knex, Knex.Transaction, TransactionOptions> = {
  ormName: 'Knex',
  rowIds: 'first-only',
  isOrm: isKnex,
  isTransaction: isKnexTransaction,
  // The configuration object: a Knex instance and every transaction of it have it in common.
  identity: (target) => target.client.config,
  async run(target, statement, timeoutMs) {
    const response: unknown =
      timeoutMs === undefined
        ? await raw(target, statement)
        : await rawWithTimeout(target, statement, timeoutMs);
    return statementResultOf(response);
  },
  async *stream(knex, statement) {
    for await (const row of raw(knex, statement).stream()) yield row as Row;
  },
  isOpen: (trx) => !trx.isCompleted(),
  parentOf: (trx) => trx.parentTransaction,
  transaction: (knex, work, options) => knex.transaction(work, transactionConfig(options)),
  // Knex sends `SET TRANSACTION READ ONLY`, which MatrixOne refuses.
  isReadOnly: (options) => options?.readOnly === true,
  begin: (knex, options) => knex.transaction(transactionConfig(options)),
  async end(trx, outcome) {
    await (outcome === 'commit' ? trx.commit() : trx.rollback());
    await trx.executionPromise;
  },
  watch,
  prepareConnections(knex, prepare) {
    const client = knex.client as KnexClientInternals;
    // Once per instance, with the connections' guard: the application's error reaches it on a nested rollback.
    carryRollbackCauses(client);
    const acquire = client.acquireConnection;
    client.acquireConnection = async function (this: unknown, ...args: unknown[]) {
      const connection = await acquire.apply(this, args as []);
      prepare(connection);
      return connection;
    };
  },
  releaseSockets,
};
