/**
 * Transaction lifecycle over a recording driver: the failure paths a real server cannot be made to produce on
 * demand (COMMIT or ROLLBACK failing, a connection lost during COMMIT, MatrixOne's savepoint refusal).
 * The same behaviour against the real server is in transaction.mysql.test.ts.
 */
import {
  ConnectionError,
  HookError,
  type QueryEvent,
  ServerError,
  type SqlDriver,
  type Statement,
  type StatementResult,
  type TransactionConnection,
  TransactionError,
  hookErrorOf,
  rollbackErrorOf,
} from '@matrixone/core';
import { describe, expect, it } from 'vitest';
// From source: `events` takes the QueryEvents class of the same build.
import { createClientFromDriver } from '../src/client/matrixone-client.js';
import { QueryEvents } from '../src/events/query-events.js';
import { bindTransaction } from '../src/transaction/bind-transaction.js';

interface Script {
  commit?: () => Promise<void>;
  rollback?: () => Promise<void>;
  run?: (statement: Statement) => Promise<StatementResult> | undefined;
}

function recordingDriver(script: Script = {}) {
  const log: string[] = [];
  const released: unknown[] = [];
  const empty: StatementResult = { rows: [], columns: [], affectedRows: 0 };
  let open = false;
  const driver: SqlDriver = {
    inTransaction: false,
    async run<R>(statement: Statement) {
      log.push(statement.sql);
      return (script.run?.(statement) ?? empty) as StatementResult<R>;
    },
    async begin(options) {
      log.push(`BEGIN${options?.readOnly ? ' READ ONLY' : ''}`);
      open = true;
      const connection: TransactionConnection = {
        inTransaction: true,
        isOpen: () => open,
        async run<R>(statement: Statement) {
          log.push(statement.sql);
          await new Promise((resolve) => setTimeout(resolve, 1));
          return (script.run?.(statement) ?? empty) as StatementResult<R>;
        },
        async commit() {
          log.push('COMMIT');
          open = false;
          await script.commit?.();
        },
        async rollback() {
          log.push('ROLLBACK');
          open = false;
          await script.rollback?.();
        },
        async release(error) {
          log.push('release');
          released.push(error);
        },
      };
      return connection;
    },
    async close() {
      log.push('close');
    },
  };
  return { driver, log, released };
}

describe('client.transaction() lifecycle', () => {
  it('commits, releases, then runs afterCommit hooks in order', async () => {
    const { driver, log } = recordingDriver();
    const client = createClientFromDriver(driver);
    const result = await client.transaction(async (tx) => {
      tx.afterCommit(() => log.push('hook 1'));
      tx.afterCommit(async () => log.push('hook 2'));
      tx.afterRollback(() => log.push('rollback hook'));
      await tx.execute('UPDATE t SET a = ?', [1]);
      return 'done';
    });
    expect(result).toBe('done');
    expect(log).toEqual(['BEGIN', 'UPDATE t SET a = ?', 'COMMIT', 'release', 'hook 1', 'hook 2']);
  });

  it('serialises concurrent statements of one transaction', async () => {
    let running = 0;
    let maxRunning = 0;
    const { driver } = recordingDriver({
      run: () => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        return new Promise((resolve) =>
          setTimeout(() => {
            running -= 1;
            resolve({ rows: [], columns: [], affectedRows: 1 });
          }, 2),
        );
      },
    });
    const client = createClientFromDriver(driver);
    await client.transaction((tx) =>
      Promise.all([1, 2, 3, 4].map((n) => tx.execute('UPDATE t SET a = ?', [n]))),
    );
    expect(maxRunning).toBe(1);
  });

  it('rolls back and re-throws the original error with the failed ROLLBACK attached', async () => {
    const rollbackFailure = Object.assign(new Error('gone'), {
      code: 'PROTOCOL_CONNECTION_LOST',
      fatal: true,
    });
    const { driver, log, released } = recordingDriver({ rollback: () => Promise.reject(rollbackFailure) });
    const client = createClientFromDriver(driver);
    const original = new Error('business rule failed');
    const thrown = await client
      .transaction(async () => {
        throw original;
      })
      .catch((error: unknown) => error);
    expect(thrown).toBe(original);
    expect(rollbackErrorOf(thrown)).toBeInstanceOf(ConnectionError);
    expect(log).toEqual(['BEGIN', 'ROLLBACK', 'release']);
    expect(released[0]).toBeInstanceOf(ConnectionError);
  });

  it('wraps a thrown non-object only when something must be attached to it', async () => {
    const { driver } = recordingDriver({ rollback: () => Promise.reject(new Error('no')) });
    const thrown = await createClientFromDriver(driver)
      .transaction(() => Promise.reject('plain string'))
      .catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(TransactionError);
    expect((thrown as TransactionError).cause).toBe('plain string');
    expect(rollbackErrorOf(thrown)).toBeDefined();
  });

  it('reports afterRollback hook failures on the original error', async () => {
    const { driver, log } = recordingDriver();
    const original = new Error('fail');
    const thrown = await createClientFromDriver(driver)
      .transaction(async (tx) => {
        tx.afterRollback(() => {
          throw new Error('hook broke');
        });
        tx.afterRollback(() => log.push('second hook ran'));
        throw original;
      })
      .catch((error: unknown) => error);
    expect(thrown).toBe(original);
    expect(hookErrorOf(thrown)).toBeInstanceOf(HookError);
    expect(hookErrorOf(thrown)?.errors).toHaveLength(1);
    expect(log).toContain('second hook ran');
  });

  it('keeps the commit when an afterCommit hook fails and throws HookError after running every hook', async () => {
    const { driver, log } = recordingDriver();
    const thrown = await createClientFromDriver(driver)
      .transaction(async (tx) => {
        tx.afterCommit(() => {
          throw new Error('first');
        });
        tx.afterCommit(() => log.push('second'));
      })
      .catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(HookError);
    expect((thrown as HookError).phase).toBe('afterCommit');
    expect(log).toEqual(['BEGIN', 'COMMIT', 'release', 'second']);
  });

  it('reports an unknown outcome when the connection breaks during COMMIT, and runs no hook', async () => {
    const lost = Object.assign(new Error('Connection lost'), {
      code: 'PROTOCOL_CONNECTION_LOST',
      fatal: true,
    });
    const { driver, log, released } = recordingDriver({ commit: () => Promise.reject(lost) });
    const thrown = await createClientFromDriver(driver)
      .transaction(async (tx) => {
        tx.afterCommit(() => log.push('commit hook'));
        tx.afterRollback(() => log.push('rollback hook'));
      })
      .catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(TransactionError);
    expect((thrown as TransactionError).outcomeUnknown).toBe(true);
    expect((thrown as TransactionError).cause).toBeInstanceOf(ConnectionError);
    expect(log).toEqual(['BEGIN', 'COMMIT', 'release']);
    expect(released[0]).toBeInstanceOf(ConnectionError);
  });

  it('rolls back when the server refuses COMMIT', async () => {
    const refused = Object.assign(new Error('refused'), {
      errno: 1180,
      sqlState: 'HY000',
      sqlMessage: 'refused',
    });
    const { driver, log } = recordingDriver({ commit: () => Promise.reject(refused) });
    const thrown = await createClientFromDriver(driver)
      .transaction(async (tx) => {
        tx.afterRollback(() => log.push('rollback hook'));
      })
      .catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(ServerError);
    expect(log).toEqual(['BEGIN', 'COMMIT', 'ROLLBACK', 'release', 'rollback hook']);
  });

  it('refuses statements and hooks on a transaction that has ended', async () => {
    const { driver, log } = recordingDriver();
    const client = createClientFromDriver(driver);
    let kept: Parameters<Parameters<typeof client.transaction>[0]>[0] | undefined;
    await client.transaction(async (tx) => {
      kept = tx;
    });
    expect(kept?.isOpen()).toBe(false);
    await expect(kept?.query('SELECT 1')).rejects.toBeInstanceOf(TransactionError);
    expect(() => kept?.afterCommit(() => undefined)).toThrow(TransactionError);
    expect(log).not.toContain('SELECT 1');
  });

  it('turns a failed ROLLBACK TO SAVEPOINT into a TransactionError and rolls the whole transaction back', async () => {
    const savepointRefusal = Object.assign(new Error('x'), {
      errno: 20101,
      sqlState: 'HY000',
      sqlMessage: 'internal error: savepoint has not been implemented yet. please rollback the transaction.',
    });
    const { driver, log } = recordingDriver({
      run: (statement) =>
        statement.sql.startsWith('ROLLBACK TO SAVEPOINT') ? Promise.reject(savepointRefusal) : undefined,
    });
    const inner = new Error('inner failed');
    const thrown = await createClientFromDriver(driver)
      .transaction(async (tx) => {
        const nested = await tx
          .transaction(async () => {
            throw inner;
          })
          .catch((error: unknown) => error);
        expect(nested).toBeInstanceOf(TransactionError);
        expect((nested as TransactionError).message).toMatch(/whole transaction must roll back/);
        expect((nested as TransactionError).cause).toBe(inner);
        // The caller swallowed it: the outer transaction still must not commit.
        return 'ignored';
      })
      .catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(TransactionError);
    expect(log).not.toContain('COMMIT');
    expect(log.at(-2)).toBe('ROLLBACK');
  });

  it('reports events with placeholders only and marks transaction statements', async () => {
    const { driver } = recordingDriver();
    const events: QueryEvent[] = [];
    const client = createClientFromDriver(driver, { logger: (e) => events.push(e) });
    await client.execute('UPDATE t SET secret = ?', ['bound-value']);
    await client.transaction((tx) => tx.query('SELECT ?', ['other-value']));
    expect(events.map((e) => [e.sql, e.inTransaction])).toEqual([
      ['UPDATE t SET secret = ?', false],
      ['SELECT ?', true],
      ['COMMIT', true],
    ]);
    expect(JSON.stringify(events)).not.toMatch(/bound-value|other-value/);
  });

  it('refuses statements after close()', async () => {
    const { driver, log } = recordingDriver();
    const client = createClientFromDriver(driver);
    await client.close();
    await client.close();
    await expect(client.query('SELECT 1')).rejects.toBeInstanceOf(ConnectionError);
    expect(log).toEqual(['close']);
  });
});

describe('bindTransaction', () => {
  function ormTransaction() {
    const log: string[] = [];
    let open = true;
    const executor = {
      inTransaction: true as const,
      isOpen: () => open,
      async run<R>(statement: Statement): Promise<StatementResult<R>> {
        log.push(statement.sql);
        return { rows: [], columns: [], affectedRows: 0 };
      },
    };
    const end = () => {
      open = false;
    };
    return { executor, log, end };
  }
  const serverInfo = async () => ({
    flavor: 'mariadb' as const,
    version: '10.11.0',
    versionString: '10.11.0-MariaDB',
  });

  it('runs statements on the ORM transaction and hooks on settle', async () => {
    const orm = ormTransaction();
    const bound = bindTransaction(orm.executor, { serverInfo });
    bound.tx.afterCommit(() => orm.log.push('hook'));
    await bound.tx.execute('INSERT INTO t VALUES (?)', [1]);
    expect(bound.tx.executor.inTransaction).toBe(true);
    orm.end();
    await bound.settle('commit');
    await bound.settle('commit');
    expect(orm.log).toEqual(['INSERT INTO t VALUES (?)', 'hook']);
    await expect(bound.tx.query('SELECT 1')).rejects.toBeInstanceOf(TransactionError);
  });

  it('refuses statements once the ORM ended the transaction, before settle', async () => {
    const orm = ormTransaction();
    const bound = bindTransaction(orm.executor, { serverInfo });
    orm.end();
    await expect(bound.tx.execute('DELETE FROM t')).rejects.toBeInstanceOf(TransactionError);
    expect(orm.log).toEqual([]);
  });

  it('throws HookError from settle when an afterRollback hook fails', async () => {
    const orm = ormTransaction();
    const bound = bindTransaction(orm.executor, { serverInfo });
    bound.tx.afterRollback(() => {
      throw new Error('hook');
    });
    await expect(bound.settle('rollback')).rejects.toBeInstanceOf(HookError);
  });
});

describe('readOnly on MatrixOne', () => {
  it('refuses readOnly before BEGIN because MatrixOne does not enforce it', async () => {
    const { driver, log } = recordingDriver();
    const client = createClientFromDriver(driver, { serverFlavor: 'matrixone' });
    await expect(client.transaction(async () => 1, { readOnly: true })).rejects.toMatchObject({
      kind: 'unsupported-server',
    });
    expect(log).toEqual([]);
  });

  it('starts readOnly transactions on other servers', async () => {
    const { driver, log } = recordingDriver();
    const client = createClientFromDriver(driver, { serverFlavor: 'mariadb' });
    await client.transaction(async () => 1, { readOnly: true });
    expect(log).toEqual(['BEGIN READ ONLY', 'COMMIT', 'release']);
  });
});

describe('a transaction the server ended', () => {
  const deadlock = () =>
    Object.assign(new Error('deadlock detected'), {
      errno: 20701,
      sqlState: 'HY000',
      sqlMessage: 'deadlock detected',
    });

  it('refuses later statements and rolls back even when the caller swallowed the error', async () => {
    const { driver, log } = recordingDriver({
      run: (statement) => (statement.sql.startsWith('UPDATE') ? Promise.reject(deadlock()) : undefined),
    });
    const seen: unknown[] = [];
    const thrown = await createClientFromDriver(driver)
      .transaction(async (tx) => {
        seen.push(await tx.execute('UPDATE t SET a = 1').catch((error: unknown) => error));
        seen.push(await tx.execute('INSERT INTO t VALUES (1)').catch((error: unknown) => error));
        return 'done';
      })
      .catch((error: unknown) => error);
    expect(seen[0]).toBeInstanceOf(TransactionError);
    expect((seen[0] as TransactionError).errno).toBe(20701);
    expect(seen[1]).toBeInstanceOf(TransactionError);
    expect((seen[1] as TransactionError).message).toMatch(/rolled back the whole transaction/);
    expect(thrown).toBe(seen[1]);
    expect(log).toEqual(['BEGIN', 'UPDATE t SET a = 1', 'ROLLBACK', 'release']);
  });
});

describe('events shared between a client and bound transactions', () => {
  it('deliver bound transaction statements to the client listeners and logger', async () => {
    const { driver } = recordingDriver();
    const events = new QueryEvents();
    const logged: string[] = [];
    const heard: string[] = [];
    const client = createClientFromDriver(driver, { events, logger: (e) => logged.push(e.sql) });
    client.on('query', (e) => heard.push(e.sql));
    const executor = {
      inTransaction: true as const,
      isOpen: () => true,
      run: async <R>(): Promise<StatementResult<R>> => ({ rows: [], columns: [], affectedRows: 0 }),
    };
    const txLogged: string[] = [];
    const bound = bindTransaction(executor, {
      serverInfo: () => client.serverInfo(),
      events: new QueryEvents((e) => txLogged.push(e.sql), events),
    });
    await bound.tx.execute('UPDATE t SET a = ?', [1]);
    await client.execute('DELETE FROM t');
    expect(heard).toEqual(['UPDATE t SET a = ?', 'DELETE FROM t']);
    expect(logged).toEqual(heard);
    expect(txLogged).toEqual(['UPDATE t SET a = ?']);
  });
});
