/**
 * What core exports for adapters so they need no copies: a bound transaction's rollback-only and
 * ended-by-server state, the shared server-info source, the read-only check and attachFailure.
 */
import {
  ConnectionError,
  type Executor,
  type QueryEvent,
  type SqlDriver,
  type Statement,
  type StatementResult,
  TransactionError,
  UnsupportedServerError,
  hookErrorOf,
  rollbackErrorOf,
  toMatrixOneError,
} from '@matrixone/core';
import {
  attachFailure,
  commitOutcomeUnknownError,
  endsWholeTransaction,
  isCommitOutcomeUnknown,
} from '@matrixone/core/adapter';
import { describe, expect, it } from 'vitest';
import { AdapterClient } from '../../src/client/adapter-client.js';
import { serverInfoSource } from '../../src/client/server-info-source.js';
import { sharedQueryEvents } from '../../src/client/shared-query-events.js';
import { QueryEvents } from '../../src/events/query-events.js';
import { bindTransaction } from '../../src/transaction/bind-transaction.js';
import {
  isRollbackToSavepoint,
  savepointRollbackFailure,
} from '../../src/transaction/orm-savepoint-failure.js';
import { assertReadOnlyEnforced } from '../../src/transaction/read-only.js';

const empty: StatementResult = { rows: [], columns: [], affectedRows: 0 };
const mariadb = async () => ({
  flavor: 'mariadb' as const,
  version: '10.11.0',
  versionString: '10.11.0-MariaDB',
});

function driverError(errno: number, sqlMessage: string): Error {
  return Object.assign(new Error(sqlMessage), { errno, sqlState: 'HY000', sqlMessage });
}

/** An ORM transaction whose statements fail when `fails` says so. */
function ormTransaction(fails: (statement: Statement) => Error | undefined) {
  const sent: string[] = [];
  const executor = {
    inTransaction: true as const,
    isOpen: () => true,
    async run<R>(statement: Statement): Promise<StatementResult<R>> {
      sent.push(statement.sql);
      const error = fails(statement);
      if (error) throw error;
      return empty as StatementResult<R>;
    },
  };
  return { executor, sent };
}

describe('BoundTransaction.rollbackOnly and endedByServer', () => {
  it('are unset while every statement succeeds', async () => {
    const bound = bindTransaction(ormTransaction(() => undefined).executor, { serverInfo: mariadb });
    await bound.tx.transaction((inner) => inner.execute('INSERT INTO t VALUES (1)'));
    expect([bound.rollbackOnly, bound.endedByServer]).toEqual([undefined, undefined]);
  });

  it('rollbackOnly reports a nested transaction whose ROLLBACK TO SAVEPOINT failed (MatrixOne)', async () => {
    const orm = ormTransaction((statement) =>
      statement.sql.startsWith('ROLLBACK TO SAVEPOINT')
        ? driverError(20101, 'internal error: savepoint is not supported')
        : undefined,
    );
    const bound = bindTransaction(orm.executor, { serverInfo: mariadb });
    const thrown = await bound.tx
      .transaction(async () => {
        throw new Error('inner work failed');
      })
      .catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(TransactionError);
    expect(bound.rollbackOnly).toBe(thrown);
    expect(bound.endedByServer).toBeUndefined();
  });

  it('endedByServer (and rollbackOnly) report a deadlock; later SDK statements are refused unsent', async () => {
    const orm = ormTransaction((statement) =>
      statement.sql.startsWith('UPDATE')
        ? driverError(1213, 'Deadlock found when trying to get lock')
        : undefined,
    );
    const bound = bindTransaction(orm.executor, { serverInfo: mariadb });
    await expect(bound.tx.execute('UPDATE t SET a = 1')).rejects.toMatchObject({ errno: 1213 });
    expect(bound.endedByServer).toBeInstanceOf(TransactionError);
    expect(bound.endedByServer?.cause).toMatchObject({ errno: 1213 });
    expect(bound.rollbackOnly).toBe(bound.endedByServer);
    await expect(bound.tx.execute('INSERT INTO t VALUES (2)')).rejects.toBe(bound.endedByServer);
    expect(orm.sent).toEqual(['UPDATE t SET a = 1']);
  });

  it('endsWholeTransaction tells whole-transaction failures from statement failures', () => {
    expect(endsWholeTransaction(toMatrixOneError(driverError(1213, 'Deadlock')))).toBe(true);
    expect(endsWholeTransaction(toMatrixOneError(driverError(20701, 'deadlock detected')))).toBe(true);
    expect(endsWholeTransaction(toMatrixOneError(driverError(1062, 'Duplicate entry')))).toBe(false);
    expect(endsWholeTransaction(new Error('not a server error'))).toBe(false);
  });
});

describe('serverInfoSource', () => {
  function versionExecutor(answers: Array<string | Error>) {
    const sent: string[] = [];
    const executor: Executor = {
      inTransaction: false,
      async run<R>(statement: Statement): Promise<StatementResult<R>> {
        sent.push(statement.sql);
        const answer = answers.shift() ?? '8.0.30-MatrixOne-v2.1.0';
        if (answer instanceof Error) throw answer;
        return { rows: [{ version: answer }] as R[], columns: ['version'], affectedRows: 0 };
      },
    };
    return { executor, sent };
  }

  it('reads version() once per source, even for concurrent callers', async () => {
    const { executor, sent } = versionExecutor(['10.11.6-MariaDB']);
    const serverInfo = serverInfoSource(executor);
    const [a, b] = await Promise.all([serverInfo(), serverInfo()]);
    expect(a).toEqual({ flavor: 'mariadb', version: '10.11.6', versionString: '10.11.6-MariaDB' });
    expect(b).toBe(a);
    await serverInfo();
    expect(sent).toEqual(['SELECT version() AS version']);
  });

  it('sends nothing with a forced flavor', async () => {
    const { executor, sent } = versionExecutor([]);
    const info = await serverInfoSource(executor, { serverFlavor: 'matrixone' })();
    expect(info).toEqual({ flavor: 'matrixone', version: undefined, versionString: 'forced' });
    expect(sent).toEqual([]);
  });

  it('retries a failed detection on the next call', async () => {
    const { executor, sent } = versionExecutor([new Error('connection lost'), '8.0.30-MatrixOne-v2.1.0']);
    const serverInfo = serverInfoSource(executor);
    await expect(serverInfo()).rejects.toThrow('connection lost');
    expect((await serverInfo()).flavor).toBe('matrixone');
    expect(sent).toHaveLength(2);
  });

  it('sources sharing an object reuse the first answer, each detecting on its own executor until then', async () => {
    const orm = {};
    const first = versionExecutor(['8.0.30-MatrixOne-v2.1.0']);
    const second = versionExecutor(['8.0.30-MatrixOne-v2.1.0']);
    const third = versionExecutor([]);
    const inFlight = serverInfoSource(first.executor, { sharedBy: orm })();
    const own = serverInfoSource(second.executor, { sharedBy: orm })();
    expect(await own).toEqual(await inFlight);
    expect((await serverInfoSource(third.executor, { sharedBy: orm })()).version).toBe('2.1.0');
    expect([first.sent.length, second.sent.length, third.sent.length]).toEqual([1, 1, 0]);
    const unrelated = versionExecutor(['10.11.6-MariaDB']);
    expect((await serverInfoSource(unrelated.executor, { sharedBy: {} })()).flavor).toBe('mariadb');
  });
});

describe('assertReadOnlyEnforced', () => {
  const mariadbInfo = { flavor: 'mariadb' as const, version: '10.11.6', versionString: '10.11.6-MariaDB' };

  it('refuses MatrixOne, which does not enforce READ ONLY, and lets other servers through', async () => {
    expect(() =>
      assertReadOnlyEnforced({
        flavor: 'matrixone',
        version: '2.1.0',
        versionString: '8.0.30-MatrixOne-v2.1.0',
      }),
    ).toThrow(UnsupportedServerError);
    expect(() => assertReadOnlyEnforced(mariadbInfo)).not.toThrow();
  });
});

describe('attachFailure', () => {
  it('attaches to the error itself, readable with rollbackErrorOf / hookErrorOf', () => {
    const error = new Error('callback failed');
    const rollback = new Error('rollback failed');
    expect(attachFailure(error, 'rollbackError', rollback)).toBe(error);
    expect(rollbackErrorOf(error)).toBe(rollback);
    expect(hookErrorOf(error)).toBeUndefined();
  });

  it('wraps a thrown value that cannot carry a property in a TransactionError', () => {
    const frozen = Object.freeze(new Error('frozen'));
    const hook = new Error('hook failed');
    const thrown = attachFailure(frozen, 'hookError', hook);
    expect(thrown).toBeInstanceOf(TransactionError);
    expect((thrown as TransactionError).cause).toBe(frozen);
    expect(hookErrorOf(thrown)).toBe(hook);
    expect(hookErrorOf(attachFailure('a string', 'hookError', hook))).toBe(hook);
  });
});

describe('AdapterClient', () => {
  class OrmClient extends AdapterClient {
    constructor(driver: SqlDriver, orm: object) {
      super(driver, {
        events: new QueryEvents(),
        forwardFrom: sharedQueryEvents(orm),
        serverInfoSharedBy: orm,
      });
    }
    transaction(): string {
      this.assertOpen();
      return 'ORM transaction';
    }
  }

  function poolDriver() {
    const sent: string[] = [];
    const driver: SqlDriver = {
      inTransaction: false,
      async run<R>(statement: Statement): Promise<StatementResult<R>> {
        sent.push(statement.sql);
        return { rows: [{ version: '10.11.6-MariaDB' }] as R[], columns: ['version'], affectedRows: 0 };
      },
      begin: () => Promise.reject(new Error('not used')),
      close: async () => undefined,
    };
    return { driver, sent };
  }

  it('runs the core client on the driver and passes on events of transactions bound on the same ORM', async () => {
    const orm = {};
    const { driver, sent } = poolDriver();
    const client = new OrmClient(driver, orm);
    const seen: string[] = [];
    const listener = (event: QueryEvent) => seen.push(event.sql);
    expect(client.on('query', listener)).toBe(client);
    await client.query('SELECT ?', [1]);
    expect((await client.serverInfo()).flavor).toBe('mariadb');
    sharedQueryEvents(orm).emit({
      sql: 'SELECT bound',
      durationMs: 1,
      rowCount: 0,
      affectedRows: 0,
      inTransaction: true,
    });
    expect(sent).toEqual(['SELECT ?', 'SELECT version() AS version']);
    expect(seen).toEqual(['SELECT ?', 'SELECT version() AS version', 'SELECT bound']);
    expect(client.transaction()).toBe('ORM transaction');
    await client.close();
    sharedQueryEvents(orm).emit({
      sql: 'SELECT late',
      durationMs: 1,
      rowCount: 0,
      affectedRows: 0,
      inTransaction: true,
    });
    expect(seen).not.toContain('SELECT late');
    expect(() => client.transaction()).toThrow(ConnectionError);
    await expect(client.query('SELECT 1')).rejects.toBeInstanceOf(ConnectionError);
  });
});

describe('isCommitOutcomeUnknown and commitOutcomeUnknownError', () => {
  it('tell a COMMIT that got no answer from one the server refused', () => {
    const lost = new ConnectionError('connection lost');
    expect(isCommitOutcomeUnknown(lost)).toBe(true);
    expect(isCommitOutcomeUnknown(toMatrixOneError(driverError(1180, 'Got error during COMMIT')))).toBe(
      false,
    );
    expect(isCommitOutcomeUnknown(new TransactionError('unsure', { outcomeUnknown: true }))).toBe(true);
    expect(isCommitOutcomeUnknown(new TransactionError('refused'))).toBe(false);
    const unknown = commitOutcomeUnknownError(lost);
    expect(unknown).toMatchObject({ outcomeUnknown: true, cause: lost });
    expect(isCommitOutcomeUnknown(unknown)).toBe(true);
  });
});

describe('isRollbackToSavepoint and savepointRollbackFailure', () => {
  it('recognise an ORM’s ROLLBACK TO SAVEPOINT and keep the failure’s errno and server message', () => {
    expect(isRollbackToSavepoint('ROLLBACK TO SAVEPOINT trx2')).toBe(true);
    expect(isRollbackToSavepoint('  rollback to savepoint `typeorm_1`')).toBe(true);
    expect(isRollbackToSavepoint('ROLLBACK')).toBe(false);
    expect(isRollbackToSavepoint('RELEASE SAVEPOINT trx2')).toBe(false);
    const failure = savepointRollbackFailure(driverError(1305, 'SAVEPOINT trx2 does not exist'));
    expect(failure).toBeInstanceOf(TransactionError);
    expect(failure).toMatchObject({ errno: 1305, serverMessage: 'SAVEPOINT trx2 does not exist' });
    expect(failure.cause).toMatchObject({ errno: 1305 });
    expect(failure.message).toContain('SAVEPOINT trx2 does not exist');
  });
});
