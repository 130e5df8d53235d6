/**
 * Sequelize's implementation of the kit's contract (`OrmBinding` from `@matrixone/core/adapter`): only what is
 * specific to Sequelize v6. Facts relied on (docs/adapters/sequelize.md): a transaction pins its mysql2
 * connection as `t.connection`, sets `t.finished` when it sends COMMIT/ROLLBACK, links a savepoint to `t.parent`
 * and lists it in `parent.savepoints` when it is created. Sequelize's own `afterCommit` hooks also run when
 * COMMIT failed, so the transaction object's `commit`/`rollback` are wrapped instead (managed transactions call
 * them too). SDK statements go to the mysql2 connection itself: Sequelize's replacements skip a `?` after `<`,
 * `+` or `-`, its raw results drop the column list, and its `typeCast` reads date-times in its own `timezone`.
 */
import { InvalidInputError, type Row, type Statement, toMatrixOneError } from '@matrixone/core';
import { type TransactionOptions as CoreTransactionOptions, destroyAfterQuit } from '@matrixone/core';
import {
  type OrmBinding,
  type TransactionWatcher,
  attachFailure,
  commitOutcomeUnknownError,
  endsWholeTransaction,
  isCommitOutcomeUnknown,
  runOnMysql2,
} from '@matrixone/core/adapter';
import type { Sequelize, Transaction, TransactionOptions } from 'sequelize';

/** What Sequelize sets on every transaction (`sequelize/lib/transaction.js`) but leaves out of its typings. */
interface TransactionFields {
  readonly sequelize: Sequelize;
  /** Set when COMMIT/ROLLBACK is sent (and when a savepoint commits, which sends nothing). */
  readonly finished?: 'commit' | 'rollback';
  readonly parent?: Transaction | null;
  /** The pinned mysql2 connection (a savepoint shares its root's); undefined until it began. */
  readonly connection?: Mysql2Connection;
  readonly savepoints: Transaction[];
}

/** mysql2's callback connection, as Sequelize's mysql dialect pools it. */
interface Mysql2Connection {
  query(options: object): { stream(): AsyncIterable<unknown> };
  destroy(): void;
}

/** Sequelize's connection manager, with the validation its mysql dialect has but does not type. */
type ConnectionManager = Sequelize['connectionManager'] & { validate?(connection: object): boolean };

const fields = (t: Transaction) => t as unknown as TransactionFields;
const mysql2Decoding = (_field: unknown, next: () => unknown): unknown => next();
/** Why a watched `rollback()` failed: Sequelize's managed transaction swallows it, `transaction` reports it. */
const rollbackFailures = new WeakMap<Transaction, unknown>();
const hooked = new WeakSet<Sequelize>();

/** True for an object with these methods: checked by shape, so another copy of Sequelize is recognised too. */
function hasMethods(value: unknown, ...names: string[]): boolean {
  const candidate = value as Record<string, unknown> | null;
  return typeof value === 'object' && names.every((name) => typeof candidate?.[name] === 'function');
}

const isSequelize = (value: unknown): value is Sequelize =>
  hasMethods(value, 'query', 'transaction', 'getDialect');

/** True for a Sequelize `Transaction`, root or savepoint. */
const isSequelizeTransaction = (value: unknown): value is Transaction =>
  hasMethods(value, 'commit', 'rollback', 'afterCommit') &&
  isSequelize((value as TransactionFields).sequelize);

const sequelizeOf = (target: Sequelize | Transaction): Sequelize =>
  isSequelizeTransaction(target) ? fields(target).sequelize : target;

const parentOf = (t: Transaction): Transaction | undefined => fields(t).parent ?? undefined;

function rootOf(t: Transaction): Transaction {
  const parent = parentOf(t);
  return parent ? rootOf(parent) : t;
}

/** Begun, and neither it nor a transaction around it has ended (a savepoint's commit ends it too). */
function isOpen(t: Transaction): boolean {
  const parent = parentOf(t);
  return (
    fields(t).finished === undefined && fields(t).connection !== undefined && (!parent || isOpen(parent))
  );
}

/** mysql2's own decoding for SDK statements, as the core client's pool reads results. */
const MYSQL2_DECODING = { typeCast: mysql2Decoding, timezone: 'local', supportBigNumbers: true };

/**
 * mysql2's `timeout` leaves the answer due on the connection, so the kit's runner destroys it: Sequelize's pool
 * discards it, and a transaction on it can no longer COMMIT.
 */
const runOn = (connection: Mysql2Connection, statement: Statement, timeoutMs: number | undefined) =>
  runOnMysql2(connection, statement, timeoutMs, MYSQL2_DECODING);

/**
 * A pooled connection that is still usable: one whose socket closed a moment ago looks alive until Node has
 * processed the close, so wait one turn and let Sequelize's validation decide (three tries at most).
 */
async function acquire(manager: ConnectionManager): Promise<Mysql2Connection> {
  for (let attempt = 1; ; attempt += 1) {
    const connection = await manager.getConnection({ type: 'write' });
    await new Promise((resolve) => setImmediate(resolve));
    if (attempt === 3 || manager.validate?.(connection) !== false) return connection as Mysql2Connection;
    await manager.destroyConnection(connection);
  }
}

/**
 * After a deadlock (or another failure that ends the whole transaction) the server has rolled back; Sequelize
 * then rolls back its transaction object after its own statements, and this does the same after the SDK's, so
 * the next model call fails instead of running in autocommit mode.
 */
async function runInTransaction(t: Transaction, statement: Statement, timeoutMs: number | undefined) {
  try {
    return await runOn(fields(t).connection as Mysql2Connection, statement, timeoutMs);
  } catch (error) {
    const failure = toMatrixOneError(error, statement);
    if (!endsWholeTransaction(failure)) throw failure;
    await rootOf(t)
      .rollback()
      .catch((rollbackError: unknown) => attachFailure(failure, 'rollbackError', rollbackError));
    throw failure;
  }
}

/**
 * Wraps `t.rollback()`, and that of every savepoint under `t` (Sequelize pushes each new one on `savepoints`): a
 * savepoint's failed ROLLBACK TO reaches `watcher.statementFailed`; with `ended`, the ROLLBACK is reported and
 * `rollback()` resolves once the hooks ran. A failed one is reported too: Sequelize then destroys the connection,
 * so the server rolls back; a savepoint's makes the kit refuse the outer COMMIT. Failures reject typed.
 */
function watchRollbacks(t: Transaction, watcher: TransactionWatcher, ended: boolean): void {
  const rollback = t.rollback;
  t.rollback = async () => {
    // Ending an ended transaction: Sequelize's own error, nothing to report.
    if (fields(t).finished !== undefined) return rollback.call(t);
    try {
      await rollback.call(t);
    } catch (error) {
      rollbackFailures.set(t, error);
      // Sequelize's errors carry the SQL that failed (here its ROLLBACK TO SAVEPOINT).
      if (parentOf(t)) watcher.statementFailed(String((error as { sql?: unknown }).sql), error);
      if (ended) await watcher.ended('rolled-back');
      throw toMatrixOneError(error);
    }
    if (ended) await watcher.ended('rolled-back');
  };
  const { savepoints } = fields(t);
  const watchSavepoint = (savepoint: Transaction) => watchRollbacks(savepoint, watcher, false);
  savepoints.forEach(watchSavepoint);
  const push = savepoints.push;
  savepoints.push = (...added: Transaction[]) => {
    added.forEach(watchSavepoint);
    return push.apply(savepoints, added);
  };
}

function watch(t: Transaction, watcher: TransactionWatcher): void {
  watchRollbacks(t, watcher, true);
  if (parentOf(t)) return;
  const commit = t.commit;
  t.commit = async () => {
    if (fields(t).finished !== undefined) return commit.call(t);
    const refusal = watcher.refuseCommit();
    if (refusal) {
      await t.rollback().catch((rollbackError: unknown) => {
        throw attachFailure(refusal, 'rollbackError', rollbackError);
      });
      throw refusal;
    }
    try {
      await commit.call(t);
    } catch (commitFailed) {
      await watcher.ended({ commitFailed });
      const failure = toMatrixOneError(commitFailed);
      throw isCommitOutcomeUnknown(failure) ? commitOutcomeUnknownError(failure) : failure;
    }
    await watcher.ended('committed');
  };
}

/** The Sequelize binding: the whole of what the SDK needs to know about Sequelize. */
export const sequelizeBinding: OrmBinding<Sequelize, Transaction, TransactionOptions> = {
  ormName: 'Sequelize',
  // `bulkCreate` numbers its instances `first, first + 1, …` from the INSERT's id.
  rowIds: 'consecutive',
  isOrm: isSequelize,
  isTransaction: isSequelizeTransaction,
  identity: sequelizeOf,
  async run(target, statement, timeoutMs) {
    if (isSequelizeTransaction(target)) return runInTransaction(target, statement, timeoutMs);
    const manager = target.connectionManager as ConnectionManager;
    const connection = await acquire(manager);
    try {
      return await runOn(connection, statement, timeoutMs);
    } finally {
      manager.releaseConnection(connection);
    }
  },
  async *stream(sequelize, statement) {
    const manager = sequelize.connectionManager as ConnectionManager;
    const connection = await acquire(manager);
    let complete = false;
    try {
      const values = statement.values ?? [];
      const options = { ...MYSQL2_DECODING, sql: statement.sql, ...(values.length > 0 && { values }) };
      for await (const row of connection.query(options).stream()) yield row as Row;
      complete = true;
    } finally {
      // A loop that stopped early leaves rows in flight on the connection: it cannot go back to the pool.
      if (complete) manager.releaseConnection(connection);
      else await manager.destroyConnection(connection);
    }
  },
  isOpen,
  parentOf,
  async transaction(sequelize, work, options) {
    let failed: Transaction | undefined;
    try {
      return await sequelize.transaction(options ?? {}, (t) =>
        work(t).catch((error: unknown) => {
          failed = t;
          throw error;
        }),
      );
    } catch (error) {
      // Sequelize ignores a failed ROLLBACK and rethrows the callback's error: reject with the ROLLBACK's.
      throw (failed && rollbackFailures.get(failed)) ?? error;
    }
  },
  // Sequelize's `readOnly` only picks a read replica: it never starts a READ ONLY transaction.
  isReadOnly: () => false,
  async begin(sequelize, options: CoreTransactionOptions = {}) {
    if (options.readOnly) {
      throw new InvalidInputError(
        'readOnly',
        'Sequelize cannot start a READ ONLY transaction (its `readOnly` option only picks a read replica).',
      );
    }
    const { isolationLevel } = options;
    // `transaction: null`: always a root transaction, which Sequelize keeps out of its CLS namespace.
    return sequelize.transaction({
      transaction: null,
      ...(isolationLevel && { isolationLevel: isolationLevel as Transaction.ISOLATION_LEVELS }),
    });
  },
  async end(t, outcome) {
    if (outcome === 'commit') await t.commit();
    // After a deadlock the transaction was already rolled back (see `runInTransaction`).
    else if (fields(t).finished !== 'rollback') await t.rollback();
  },
  watch,
  prepareConnections(sequelize, prepare) {
    const manager = sequelize.connectionManager;
    const getConnection = manager.getConnection;
    manager.getConnection = async function (this: unknown, ...args) {
      const connection = await getConnection.apply(this, args);
      prepare(connection);
      return connection;
    };
  },
  releaseSockets(target) {
    const sequelize = sequelizeOf(target);
    if (hooked.has(sequelize)) return;
    hooked.add(sequelize);
    // Sequelize's public hook for every connection its pool lets go, after mysql2's `end()` sent COM_QUIT.
    sequelize.addHook('afterDisconnect', 'matrixone:release-socket', destroyAfterQuit);
  },
};
