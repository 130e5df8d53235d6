import { createServer } from 'node:net';
import {
  AlreadyExistsError,
  AuthenticationError,
  ConnectionError,
  ConstraintError,
  MatrixOneError,
  NotFoundError,
  PermissionError,
  ServerError,
  SqlSyntaxError,
  TimeoutError,
  TransactionError,
  TransactionRuleError,
  UnsupportedServerError,
  toMatrixOneError,
} from '@matrixone/core';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const db = useTestDatabase();
const isMariaDb = testServer().flavor === 'mariadb';

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('toMatrixOneError with real server errors', () => {
  let connection: mysql.Connection;
  beforeAll(async () => {
    connection = await mysql.createConnection(db.url);
    await connection.query('CREATE TABLE items (id INT PRIMARY KEY)');
    await connection.query('INSERT INTO items VALUES (1)');
  });
  afterAll(async () => {
    await connection.end();
  });

  it('maps a duplicate key to ConstraintError keeping errno, SQLSTATE, message and cause', async () => {
    const driverError = await failure(() => connection.query('INSERT INTO items VALUES (?)', [1]));
    const error = toMatrixOneError(driverError);
    expect(error).toBeInstanceOf(ConstraintError);
    expect(error.errno).toBe(1062);
    expect(error.sqlState).toMatch(isMariaDb ? /^23000$/ : /^[0-9A-Z]{5}$/);
    expect(error.serverMessage).toMatch(/Duplicate entry '1'/);
    expect(error.driverCode).toBe('ER_DUP_ENTRY');
    expect(error.cause).toBe(driverError);
    expect(error.message).toContain('errno 1062');
  });

  it('maps a syntax error to SqlSyntaxError', async () => {
    const error = toMatrixOneError(await failure(() => connection.query('SELEC 1')));
    expect(error).toBeInstanceOf(SqlSyntaxError);
    expect(error.errno).toBe(1064);
    // MatrixOne sends HY000 for nearly everything (docs/matrixone-facts.md#errors).
    expect(error.sqlState).toMatch(isMariaDb ? /^42000$/ : /^[0-9A-Z]{5}$/);
  });

  it('maps an unknown table to NotFoundError', async () => {
    const error = toMatrixOneError(await failure(() => connection.query('SELECT * FROM no_such_table')));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.errno).toBe(1146);
    expect(error.serverMessage).toContain('no_such_table');
  });

  it('maps an existing table to AlreadyExistsError', async () => {
    const error = toMatrixOneError(await failure(() => connection.query('CREATE TABLE items (id INT)')));
    expect(error).toBeInstanceOf(AlreadyExistsError);
    expect(error.errno).toBe(1050);
  });

  it('maps a wrong password to AuthenticationError without the password in it', async () => {
    const url = new URL(db.url);
    url.password = 'wrong-secret-password';
    const error = toMatrixOneError(await failure(() => mysql.createConnection(url.toString())));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.errno).toBe(1045);
    expect(error.sqlState).toMatch(isMariaDb ? /^28000$/ : /^[0-9A-Z]{5}$/);
    expect(error.message).not.toContain('wrong-secret-password');
  });

  it('maps a refused connection to ConnectionError', async () => {
    const port = await closedPort();
    const driverError = await failure(() =>
      mysql.createConnection({ host: '127.0.0.1', port, user: 'nobody', connectTimeout: 5000 }),
    );
    const error = toMatrixOneError(driverError);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.driverCode).toBe('ECONNREFUSED');
    expect(error.errno).toBeUndefined();
    expect(error.cause).toBe(driverError);
  });

  it('replaces the interpolated SQL on the driver error by the placeholder text', async () => {
    const statement = { sql: 'SELECT * FROM no_such_table WHERE token = ?', values: ['bound-secret'] };
    const driverError = await failure(() => connection.query(statement.sql, statement.values));
    expect((driverError as { sql: string }).sql).toContain('bound-secret');
    toMatrixOneError(driverError, statement);
    expect((driverError as { sql: string }).sql).toBe(statement.sql);
  });
});

describe('toMatrixOneError with MatrixOne errors', () => {
  const moError = (errno: number, message: string, sqlState = 'HY000') =>
    Object.assign(new Error(message), { errno, sqlState, sqlMessage: message });

  it.each([
    [20101, 'internal error: snapshot sp01 already exists', AlreadyExistsError],
    [20101, 'internal error: snapshot sp08 does not exist', NotFoundError],
    [20101, 'internal error: find 0 snapshot records by name(sp08), expect only 1', NotFoundError],
    [1007, 'database clone_existence_existing already exists', AlreadyExistsError],
    [1050, 'table dst_already_exists already exists', AlreadyExistsError],
    [20101, 'internal error: pitr p01 already exists', AlreadyExistsError],
    [20101, 'internal error: pitr p10 does not exist', NotFoundError],
    [20101, 'internal error: invalid pitr value 2000', ServerError],
    [20101, 'internal error: only sys tenant can create cluster level snapshot', PermissionError],
    [
      20101,
      'internal error: only sys tenant can create tenant level snapshot for other tenant',
      PermissionError,
    ],
    [20101, 'internal error: do not have privilege to execute the statement', PermissionError],
    [20101, "internal error: non-sys account can't restore cluster level snapshot", PermissionError],
    [1049, 'Unknown database test01', NotFoundError],
    [1008, "Can't drop database 'atomic_1'; database doesn't exist", NotFoundError],
    [1146, 'no such table test02.table01', NotFoundError],
    [1064, 'SQL parser error: table "t1" does not exist', NotFoundError],
    [1062, "Duplicate entry '1' for key 'a'", ConstraintError],
    [20101, 'internal error: the tenant tenant_test exists', AlreadyExistsError],
    [20101, 'internal error: there is no account nosys', NotFoundError],
    [20101, 'internal error: account acc02 does not exist', NotFoundError],
    [20101, "internal error: not existed account name 'acc10'", NotFoundError],
    [20101, "internal error: publication 'pub06' does not exist", NotFoundError],
    [20101, 'internal error: there is no publication pub08', NotFoundError],
    [
      20101,
      'internal error: the account acc0 is not allowed to subscribe the publication acc2_pub_1',
      PermissionError,
    ],
    [20101, 'internal error: invalid input', ServerError],
    [
      1064,
      'SQL parser error: You have an error in your SQL syntax; check the manual that corresponds to your MatrixOne server version for the right syntax to use. syntax error at line 1 column 7 near "snapshot";',
      SqlSyntaxError,
    ],
    [
      20105,
      'not supported: transaction isolation level SERIALIZABLE is not supported',
      UnsupportedServerError,
    ],
    // observed on MatrixOne 4.2.0 for Drizzle's one-relation query in mode planetscale
    [20102, 'correlated subquery in FROM clause is not yet implemented', UnsupportedServerError],
    [20619, 'w-w conflict', TransactionError],
    [20701, 'deadlock detected', TransactionError],
    [1205, 'Lock wait timeout exceeded; try restarting transaction', TimeoutError],
    [
      20101,
      'internal error: Write conflicts detected. Previous transaction need to be aborted.',
      TransactionError,
    ],
  ] as const)('errno %i "%s"', (errno, message, expected) => {
    const driverError = moError(errno, message);
    const error = toMatrixOneError(driverError);
    expect(error).toBeInstanceOf(expected);
    expect(error.errno).toBe(errno);
    expect(error.sqlState).toBe('HY000');
    expect(error.serverMessage).toBe(message);
    expect(error.cause).toBe(driverError);
  });

  it('maps 1568 (SQLSTATE 25001) to TransactionError', () => {
    const error = toMatrixOneError(
      moError(
        1568,
        "Transaction characteristics can't be changed while a transaction is in progress",
        '25001',
      ),
    );
    expect(error).toBeInstanceOf(TransactionError);
    expect(error.sqlState).toBe('25001');
  });

  it.each([
    'internal error: unclassified statement appears in uncommitted transaction',
    'internal error: administrative command is unsupported in transactions',
    'internal error: DATA BRANCH MERGE/PICK is not supported in transactions',
    'internal error: Only CREATE of DDL is supported in transactions',
  ])('maps the in-transaction refusal "%s" to TransactionRuleError naming the statement', (message) => {
    const error = toMatrixOneError(moError(20101, message), { sql: 'create snapshot sp01 for account' });
    expect(error).toBeInstanceOf(TransactionRuleError);
    expect((error as TransactionRuleError).operation).toBe('CREATE SNAPSHOT');
    expect(error.message).toContain('afterCommit');
  });

  it('maps the savepoint rollback refusal to TransactionError saying the whole transaction must roll back', () => {
    const error = toMatrixOneError(
      moError(
        20101,
        'internal error: savepoint has not been implemented yet. please rollback the transaction.',
      ),
    );
    expect(error).toBeInstanceOf(TransactionError);
    expect(error.message).toMatch(/whole transaction must roll back/);
  });
});

describe('toMatrixOneError on wrappers and odd values', () => {
  const driverError = Object.assign(new Error("Duplicate entry '1' for key 'PRIMARY'"), {
    errno: 1062,
    sqlState: '23000',
    sqlMessage: "Duplicate entry '1' for key 'PRIMARY'",
    code: 'ER_DUP_ENTRY',
  });

  it.each([
    [
      'Sequelize original',
      { name: 'SequelizeUniqueConstraintError', original: driverError, parent: driverError },
    ],
    ['TypeORM driverError', { name: 'QueryFailedError', driverError }],
  ])('unwraps %s and keeps the wrapper as cause', (_label, wrapper) => {
    const error = toMatrixOneError(wrapper);
    expect(error).toBeInstanceOf(ConstraintError);
    expect(error.errno).toBe(1062);
    expect(error.cause).toBe(wrapper);
  });

  it('returns an SDK error unchanged', () => {
    const original = new NotFoundError('gone');
    expect(toMatrixOneError(original)).toBe(original);
  });

  it('wraps a non-error value', () => {
    const error = toMatrixOneError('boom');
    expect(error).toBeInstanceOf(MatrixOneError);
    expect(error.message).toContain('boom');
    expect(error.cause).toBe('boom');
  });

  it('maps driver codes without errno', () => {
    expect(
      toMatrixOneError(Object.assign(new Error('lost'), { code: 'PROTOCOL_CONNECTION_LOST', fatal: true })),
    ).toBeInstanceOf(ConnectionError);
    expect(
      toMatrixOneError(Object.assign(new Error('slow'), { code: 'PROTOCOL_SEQUENCE_TIMEOUT' })),
    ).toBeInstanceOf(TimeoutError);
    expect(toMatrixOneError(new Error('Queue limit reached.'))).toBeInstanceOf(ConnectionError);
  });

  it('removes password literals from the message and the driver error', () => {
    const sql = "CREATE USER u1 IDENTIFIED BY 'hunter2' oops";
    const message = `You have an error in your SQL syntax near 'IDENTIFIED BY 'hunter2' oops'`;
    const wrapped = Object.assign(new Error(message), {
      errno: 1064,
      sqlState: '42000',
      sqlMessage: message,
      sql,
    });
    const error = toMatrixOneError(wrapped);
    expect(error.message).not.toContain('hunter2');
    expect(error.serverMessage).not.toContain('hunter2');
    expect(wrapped.sql).not.toContain('hunter2');
  });
});
