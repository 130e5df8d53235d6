/**
 * TypeORM's implementation of the kit's contract (`OrmBinding` from `@matrixone/core/adapter`), for TypeORM 0.3.20+
 * and 1.x on the mysql driver. Facts relied on (docs/adapters/typeorm.md): a transaction lives on a `QueryRunner`,
 * which nested `manager.transaction` calls reuse (savepoints) and which can run transaction after transaction, so
 * the SDK binds one {@link RunnerTransaction} per transaction of a runner. TypeORM has no per-transaction hook: it
 * broadcasts `before`/`afterTransactionCommit`, `…Rollback` (savepoints too) and `afterQuery` to
 * `dataSource.subscribers`, read at every broadcast, their promises awaited. SDK statements go through
 * `queryRunner.query`, so TypeORM's logger and subscribers see them, and they fail with its `QueryFailedError`.
 */
import {
  InvalidInputError,
  type Row,
  type Statement,
  toMatrixOneError,
  trackPoolSockets,
} from '@matrixone/core';
import {
  type OrmBinding,
  type TransactionEnd,
  type TransactionWatcher,
  attachFailure,
  beginFromManaged,
  eachPoolConnection,
  statementResultOf,
} from '@matrixone/core/adapter';
import type { Pool } from 'mysql2';
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryResult, QueryRunner } from 'typeorm';
import type { TypeOrmTransactionOptions } from './options.js';

/** `afterQuery`'s event, derived: TypeORM 0.3 does not export `AfterQueryEvent` from its root (1.x does). */
type AfterQueryEvent = Parameters<NonNullable<EntitySubscriberInterface['afterQuery']>>[0];

/** One transaction of a query runner: what the SDK binds. `managed`: the client's, whose hooks it runs itself. */
export class RunnerTransaction {
  watcher?: TransactionWatcher;
  ended = false;
  /** A ROLLBACK TO SAVEPOINT failed (always on MatrixOne), yet TypeORM still counts that savepoint as open. */
  savepointLost = false;

  constructor(
    readonly queryRunner: QueryRunner,
    readonly managed: boolean,
  ) {}
}

const current = new WeakMap<QueryRunner, RunnerTransaction>();

/** The transaction now open on `queryRunner` (a new one once the last one the SDK saw has ended). */
export function transactionOf(queryRunner: QueryRunner, managed = false): RunnerTransaction {
  const known = current.get(queryRunner);
  if (known && !known.ended) return known;
  const tx = new RunnerTransaction(queryRunner, managed);
  current.set(queryRunner, tx);
  return tx;
}

/**
 * The DataSource of a query runner: `queryRunner.dataSource` on TypeORM 1.x, `queryRunner.connection` (the same
 * object under its old name) on 0.3. The only 0.3 difference the adapter meets; drop it with 0.3 support.
 */
export function dataSourceOf(target: DataSource | RunnerTransaction): DataSource {
  if (!(target instanceof RunnerTransaction)) return target;
  const runner = target.queryRunner as { dataSource?: DataSource; connection?: DataSource };
  return (runner.dataSource ?? runner.connection) as DataSource;
}

/** TypeORM's own class tag (what its `InstanceChecker` reads): `instanceof` fails across two copies of TypeORM. */
export const hasTypeOrmTag = (value: unknown, className: 'DataSource' | 'EntityManager') =>
  (value as { '@instanceof'?: unknown } | null)?.['@instanceof'] === Symbol.for(className);

/** The transaction's watcher, while the transaction is bound and has not ended. */
function watched(queryRunner: QueryRunner | undefined) {
  const tx = queryRunner && current.get(queryRunner);
  return tx?.watcher && !tx.ended ? (tx as RunnerTransaction & { watcher: TransactionWatcher }) : undefined;
}

/** Reports the end; TypeORM awaits the result, so `commitTransaction()` of a bound runner resolves after its hooks. */
function finish(tx: RunnerTransaction, end: TransactionEnd) {
  tx.ended = true;
  const hooksRun = tx.watcher?.ended(end);
  // Not for the client's own: it awaits them once TypeORM released the connection, which a hook may need.
  return tx.managed ? undefined : hooksRun;
}

/**
 * Before a commit the kit refuses, and before any commit or rollback once a savepoint was lost (TypeORM would only
 * RELEASE or ROLLBACK TO it and hand back a connection still inside the transaction): a full ROLLBACK instead,
 * and TypeORM's call fails with the kit's reason.
 */
async function refuse(queryRunner: QueryRunner, committing: boolean): Promise<void> {
  const tx = watched(queryRunner);
  const refusal = tx && (committing || tx.savepointLost) ? tx.watcher.refuseCommit() : undefined;
  if (!tx || !refusal) return;
  let thrown = refusal as unknown;
  await queryRunner.query('ROLLBACK').catch((error: unknown) => {
    thrown = attachFailure(refusal, 'rollbackError', toMatrixOneError(error, { sql: 'ROLLBACK' }));
  });
  await finish(tx, 'rolled-back');
  throw thrown;
}

function ended(queryRunner: QueryRunner, end: TransactionEnd) {
  const tx = watched(queryRunner);
  // Still active after a savepoint's RELEASE or ROLLBACK TO.
  return tx && !queryRunner.isTransactionActive ? finish(tx, end) : undefined;
}

function queryFailed({ success, query, error, queryRunner }: AfterQueryEvent) {
  const tx = watched(queryRunner);
  if (success || !tx) return undefined;
  tx.watcher.statementFailed(query, error);
  if (/^ROLLBACK TO SAVEPOINT typeorm_/i.test(query)) tx.savepointLost = true;
  // TypeORM broadcasts nothing after a failed COMMIT or ROLLBACK.
  if (query === 'COMMIT') return finish(tx, { commitFailed: error });
  return query === 'ROLLBACK' ? finish(tx, 'rolled-back') : undefined;
}

/** Added once to each DataSource whose transactions are bound. */
const subscriber: EntitySubscriberInterface = {
  afterQuery: queryFailed,
  beforeTransactionCommit: (event) => refuse(event.queryRunner, true),
  beforeTransactionRollback: (event) => refuse(event.queryRunner, false),
  afterTransactionCommit: (event) => ended(event.queryRunner, 'committed'),
  afterTransactionRollback: (event) => ended(event.queryRunner, 'rolled-back'),
};

/** No values for a statement without placeholders, so mysql2 leaves a `?` inside a literal alone. */
const valuesOf = (statement: Statement) => (statement.values ? [...statement.values] : undefined);

/**
 * `query`, unless `timeoutMs` passes first: TypeORM has no per-statement timeout, so the runner's connection is
 * destroyed (out of the pool; the server rolls its transaction back) and the result is mysql2's query timeout.
 */
async function withTimeout<T>(query: Promise<T>, timeoutMs: number, connection: { destroy(): void }) {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      connection.destroy();
      const message = `The statement did not finish within queryTimeoutMs (${timeoutMs} ms)`;
      reject(Object.assign(new Error(message), { code: 'PROTOCOL_SEQUENCE_TIMEOUT' }));
    }, timeoutMs);
  });
  return Promise.race([query, timedOut]).finally(() => clearTimeout(timer));
}

/** Runs `statement` on the runner. TypeORM drops mysql2's field list: columns come from the first row. */
async function runOn(queryRunner: QueryRunner, statement: Statement, timeoutMs: number | undefined) {
  // Connected before the timer starts, so the timer never covers waiting for the pool.
  const connection = timeoutMs === undefined ? undefined : await queryRunner.connect();
  const query: Promise<QueryResult> = queryRunner.query(statement.sql, valuesOf(statement), true);
  const { raw } = await (connection ? withTimeout(query, timeoutMs as number, connection) : query);
  if (!Array.isArray(raw)) return statementResultOf(raw);
  return { rows: raw as Row[], columns: Object.keys(raw[0] ?? {}), affectedRows: 0 };
}

/** `dataSource.transaction(…)`, the SDK bound to the runner TypeORM hands the callback. */
function runManaged<T>(
  dataSource: DataSource,
  work: (tx: RunnerTransaction) => Promise<T>,
  { isolationLevel }: TypeOrmTransactionOptions = {},
): Promise<T> {
  let tx: RunnerTransaction | undefined;
  const inTransaction = (manager: EntityManager) => {
    tx = transactionOf(manager.queryRunner as QueryRunner, true);
    return work(tx);
  };
  const run = isolationLevel
    ? dataSource.transaction(isolationLevel, inTransaction)
    : dataSource.transaction(inTransaction);
  // TypeORM may give up before a COMMIT or ROLLBACK (a subscriber of its own failed): the hooks still settle.
  return run.catch((error: unknown) => {
    if (tx && !tx.ended) void finish(tx, { commitFailed: error });
    throw error;
  });
}

/** The pools of TypeORM's mysql driver: one `pool`, or a replication `poolCluster` of them (mysql2's `_nodes`). */
type DriverPools = { pool?: Pool; poolCluster?: { _nodes: Record<string, { pool: Pool }> } };

/** The DataSource's mysql2 pools: the mysql driver's `pool`, or the pools of its replication `poolCluster`. */
function poolsOf(dataSource: DataSource): Pool[] {
  const { pool, poolCluster } = dataSource.driver as DriverPools;
  return pool ? [pool] : Object.values(poolCluster?._nodes ?? {}).map((node) => node.pool);
}

const disconnecting = new WeakSet<object>();

/**
 * TypeORM's `driver.disconnect()` ends the pools, which only sends COM_QUIT: it now resolves once every connection
 * of the pools that did not close was released.
 */
function releaseSockets(dataSource: DataSource): void {
  const driver = dataSource.driver as { disconnect(): Promise<void> };
  if (disconnecting.has(driver)) return;
  disconnecting.add(driver);
  const sockets = poolsOf(dataSource).map(trackPoolSockets);
  const disconnect = driver.disconnect;
  driver.disconnect = async function (this: unknown) {
    try {
      await disconnect.call(this);
    } finally {
      await Promise.all(sockets.map((pool) => pool.destroyAll()));
    }
  };
}

/** The TypeORM binding: the whole of what the SDK needs to know about TypeORM. */
export const typeormBinding: OrmBinding<DataSource, RunnerTransaction, TypeOrmTransactionOptions> = {
  // TypeORM's own transaction for the SDK's (the client's bulkInsert), so it also releases the runner.
  ...beginFromManaged<DataSource, RunnerTransaction>(async (dataSource, work, options) => {
    if (options?.readOnly) {
      const reason =
        'TypeORM starts transactions with a plain START TRANSACTION and cannot make them READ ONLY';
      throw new InvalidInputError('readOnly', `${reason}; leave readOnly unset.`);
    }
    return runManaged(dataSource, work, options);
  }),
  ormName: 'TypeORM',
  // `insert([...])` and `save([...])` number the entities `first, first + 1, …` from the INSERT's id.
  rowIds: 'consecutive',
  isOrm: (value): value is DataSource => hasTypeOrmTag(value, 'DataSource'),
  isTransaction: (value): value is RunnerTransaction => value instanceof RunnerTransaction,
  identity: dataSourceOf,
  async run(target, statement, timeoutMs) {
    if (target instanceof RunnerTransaction) return runOn(target.queryRunner, statement, timeoutMs);
    const queryRunner = target.createQueryRunner();
    return runOn(queryRunner, statement, timeoutMs).finally(() => queryRunner.release());
  },
  async *stream(dataSource, statement) {
    const queryRunner = dataSource.createQueryRunner();
    let connection: { resume?(): void } | undefined;
    try {
      connection = await queryRunner.connect();
      for await (const row of await queryRunner.stream(statement.sql, valuesOf(statement))) yield row as Row;
    } finally {
      // A loop stopped early leaves the connection paused mid-result: let it read the rest before it goes back.
      connection?.resume?.();
      await queryRunner.release();
    }
  },
  isOpen: (tx) => !tx.ended && tx.queryRunner.isTransactionActive && !tx.queryRunner.isReleased,
  // A nested `manager.transaction` is a savepoint on the same runner: the same transaction to the SDK.
  parentOf: () => undefined,
  transaction: runManaged,
  // TypeORM has no READ ONLY transaction.
  isReadOnly: () => false,
  watch(tx, watcher) {
    tx.watcher = watcher;
    const { subscribers } = dataSourceOf(tx);
    if (!subscribers.includes(subscriber)) subscribers.push(subscriber);
  },
  prepareConnections(dataSource, prepare) {
    for (const pool of poolsOf(dataSource)) eachPoolConnection(pool, prepare);
  },
  releaseSockets: (target) => releaseSockets(dataSourceOf(target)),
};
