import { describe, expect, it } from 'vitest';
import { toMysqlErrorCodes } from '../../../src/connection/matrixone/mysql-error-codes.js';
import { refusalOnMatrixOne } from '../../../src/connection/matrixone/refused-statements.js';
import { transactionStatement } from '../../../src/connection/matrixone/transaction-statement.js';
import { ErrorKind } from '../../../src/errors/errors.js';
import { toMatrixOneError } from '../../../src/errors/map-driver-error.js';

const refused = (sql: string) => refusalOnMatrixOne(sql, 'MatrixOne 4.2.0');

describe('statements refused on MatrixOne before sending (as the ORMs sent them)', () => {
  it('NOWAIT / SKIP LOCKED after FOR UPDATE / FOR SHARE (Knex, TypeORM, Drizzle)', () => {
    for (const sql of [
      "select `id` from `users` where `email` = 'm1@x.io' limit 1 for update nowait",
      'SELECT `User`.`id` AS `User_id` FROM `users` `User` LIMIT 1 FOR UPDATE SKIP LOCKED',
      'select id from users for share of users nowait',
    ]) {
      expect(refused(sql)).toMatchObject({ name: 'UnsupportedServerError', server: 'MatrixOne 4.2.0' });
    }
    expect(refused("select id from users where note = 'for update nowait' for update")).toBeUndefined();
    expect(refused('select nowait, skip from t')).toBeUndefined();
  });

  it('SERIALIZABLE and READ UNCOMMITTED; READ COMMITTED and REPEATABLE READ pass', () => {
    expect(refused('SET TRANSACTION ISOLATION LEVEL SERIALIZABLE')).toBeDefined();
    expect(refused('set transaction isolation level read uncommitted')).toBeDefined();
    expect(refused('SET SESSION TRANSACTION ISOLATION LEVEL SERIALIZABLE')).toBeDefined();
    expect(refused('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ')).toBeUndefined();
    expect(refused('set transaction isolation level read committed')).toBeUndefined();
  });

  it('read-only transactions (Drizzle `start transaction read only`, Knex `SET TRANSACTION READ ONLY`)', () => {
    expect(refused('start transaction read only')).toMatchObject({ message: /not enforce read-only/ });
    expect(refused('SET TRANSACTION READ ONLY;')).toBeDefined();
    expect(refused('start transaction read write')).toBeUndefined();
    expect(refused('start transaction with consistent snapshot')).toBeUndefined();
  });

  it('LATERAL joins (Drizzle relational queries in the default mode)', () => {
    expect(
      refused(
        'select `users`.`id`, `users_posts`.`data` as `posts` from `users` `users` left join lateral (select 1 as `data`) `users_posts` on true',
      ),
    ).toMatchObject({ message: /planetscale/ });
    expect(refused('select lateral from t')).toBeUndefined();
  });

  it('classifies transaction statements', () => {
    expect(transactionStatement('START TRANSACTION')).toBe('begin');
    expect(transactionStatement('begin')).toBe('begin');
    expect(transactionStatement('COMMIT;')).toBe('commit');
    expect(transactionStatement('ROLLBACK')).toBe('rollback');
    expect(transactionStatement('ROLLBACK TO SAVEPOINT `a-sp-1`;')).toBe('rollback-to-savepoint');
    expect(transactionStatement('rollback work to sp1')).toBe('rollback-to-savepoint');
    expect(transactionStatement('SET autocommit = 0')).toBe('autocommit-off');
    expect(transactionStatement('SET @@autocommit = 1')).toBe('commit');
    expect(transactionStatement('RELEASE SAVEPOINT typeorm_1')).toBe('other');
  });
});

describe("MySQL's error codes for MatrixOne's answers", () => {
  it('a missing parent (20101) becomes 1452/23000, a referenced parent (1217) 1451, originals kept', () => {
    const child = {
      errno: 20101,
      sqlState: 'HY000',
      message: 'internal error: Cannot add or update a child row: a foreign key constraint fails',
    };
    expect(toMysqlErrorCodes(child)).toBe(true);
    expect(child).toMatchObject({ errno: 1452, code: 'ER_NO_REFERENCED_ROW_2', sqlState: '23000' });
    expect((child as { matrixOne?: unknown }).matrixOne).toEqual({
      errno: 20101,
      sqlState: 'HY000',
      code: undefined,
    });
    expect(toMatrixOneError(child).kind).toBe(ErrorKind.Constraint);
    const parent = {
      errno: 1217,
      code: 'ER_ROW_IS_REFERENCED',
      sqlState: 'HY000',
      message: 'Cannot delete or update a parent row: a foreign key constraint fails',
    };
    toMysqlErrorCodes(parent);
    expect(parent).toMatchObject({ errno: 1451, code: 'ER_ROW_IS_REFERENCED_2', sqlState: '23000' });
  });

  it('1062 and 1064 get their SQLSTATE; other errors are left alone', () => {
    const duplicate = { errno: 1062, code: 'ER_DUP_ENTRY', sqlState: 'HY000', message: 'Duplicate entry' };
    toMysqlErrorCodes(duplicate);
    expect(duplicate.sqlState).toBe('23000');
    const parse = { errno: 1064, sqlState: 'HY000', message: 'SQL parser error' };
    toMysqlErrorCodes(parse);
    expect(parse.sqlState).toBe('42000');
    const other = { errno: 20101, sqlState: 'HY000', message: 'internal error: something else' };
    expect(toMysqlErrorCodes(other)).toBe(false);
    expect(other.errno).toBe(20101);
  });

  it("core maps MatrixOne's own child-row message to ConstraintError without the rewrite", () => {
    const error = toMatrixOneError({
      errno: 20101,
      sqlState: 'HY000',
      sqlMessage: 'internal error: Cannot add or update a child row: a foreign key constraint fails',
      message: 'internal error: Cannot add or update a child row: a foreign key constraint fails',
    });
    expect(error.kind).toBe(ErrorKind.Constraint);
  });
});
