/**
 * A connection prepared for MatrixOne before the server's greeting is in (mysql2 queues statements until it is)
 * asks `SELECT version()` once, for the insert-id correction and the guard together, and the guard knows the
 * answer when the next statement's turn comes. On the test MariaDB the fault proxy answers `SELECT version()`
 * the way MatrixOne does; on a real MatrixOne the statements go to it directly.
 */
import { type FaultProxy, startFaultProxy, useTestDatabase } from '@matrixone/test-server';
import mysql from 'mysql2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareMatrixOneConnection } from '../../src/connection/prepare-matrixone-connection.js';
import { TransactionError, UnsupportedServerError } from '../../src/errors/errors.js';

const db = useTestDatabase();
let proxy: FaultProxy | undefined;

beforeAll(async () => {
  if (db.server.flavor === 'matrixone') return;
  proxy = await startFaultProxy(db.url);
  proxy.rewriteResults({ statement: /^SELECT version\(\)$/i, rows: () => () => ['8.0.30-MatrixOne-v4.2.0'] });
});
afterAll(async () => {
  await proxy?.close();
});

/** A mysql2 connection opened on `url`, its greeting not in yet, and the text of every command queued on it. */
function openUnannounced(url: string): { connection: mysql.Connection; queued: string[] } {
  const connection = mysql.createConnection({ uri: url });
  const internals = connection as unknown as {
    addCommand: (command: { sql?: unknown; query?: unknown }) => unknown;
    _handshakePacket?: unknown;
  };
  expect(internals._handshakePacket ?? null).toBeNull();
  const queued: string[] = [];
  const addCommand = internals.addCommand;
  internals.addCommand = function (this: unknown, command) {
    queued.push(String(command.sql ?? command.query ?? ''));
    return addCommand.call(this, command);
  };
  return { connection, queued };
}

function run(connection: mysql.Connection, sql: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    connection.query(sql, (error, rows) => (error ? reject(error) : resolve(rows)));
  });
}

function close(connection: mysql.Connection): Promise<void> {
  return new Promise((resolve) => connection.end(() => resolve()));
}

describe('one server detection per connection', () => {
  it('on MatrixOne: one SELECT version(), answered before the first statement of the application', async () => {
    const { connection, queued } = openUnannounced(proxy?.url ?? db.url);
    try {
      prepareMatrixOneConnection(connection);
      // The guard must know it is MatrixOne when this statement's turn comes: NOWAIT is refused, not sent.
      await expect(run(connection, 'SELECT 1 FROM DUAL FOR UPDATE NOWAIT')).rejects.toBeInstanceOf(
        UnsupportedServerError,
      );
      await expect(run(connection, 'SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
      expect(queued.filter((sql) => /version\(\)/i.test(sql))).toEqual(['SELECT version()']);
    } finally {
      await close(connection);
    }
  });

  it.skipIf(db.server.flavor === 'matrixone')(
    'on another server: one SELECT version(), and nothing guarded afterwards',
    async () => {
      const { connection, queued } = openUnannounced(db.url);
      try {
        prepareMatrixOneConnection(connection);
        await expect(run(connection, 'SELECT 1 AS one FROM DUAL FOR UPDATE NOWAIT')).resolves.toEqual([
          { one: 1 },
        ]);
        expect(queued.filter((sql) => /version\(\)/i.test(sql))).toEqual(['SELECT version()']);
      } finally {
        await close(connection);
      }
    },
  );
});

describe('the statements the guard quotes in its errors', () => {
  it.skipIf(db.server.flavor === 'matrixone')(
    'are redacted: a password in a statement refused after a nested rollback stays out of the message',
    async () => {
      const connection = mysql.createConnection({ uri: proxy?.url ?? db.url });
      try {
        prepareMatrixOneConnection(connection);
        await run(connection, 'BEGIN');
        await run(connection, 'SAVEPOINT s1');
        // Sent as ROLLBACK by the guard (MatrixOne cannot roll back to a savepoint): the transaction is doomed.
        await run(connection, 'ROLLBACK TO SAVEPOINT s1');
        const refused = await run(connection, "CREATE USER IF NOT EXISTS u1 IDENTIFIED BY 'hunter2'").catch(
          (error: unknown) => error,
        );
        expect(refused).toBeInstanceOf(TransactionError);
        expect((refused as Error).message).toContain("IDENTIFIED BY '***'");
        expect((refused as Error).message).not.toContain('hunter2');
        await run(connection, 'ROLLBACK');
      } finally {
        await close(connection);
      }
    },
  );
});
