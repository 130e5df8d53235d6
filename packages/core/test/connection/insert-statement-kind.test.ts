import { describe, expect, it } from 'vitest';
import { firstInsertIdOnMatrixOne } from '../../src/connection/first-insert-id.js';
import { insertStatementKind } from '../../src/connection/insert-statement-kind.js';

describe('insertStatementKind', () => {
  it.each([
    ['INSERT INTO t (a) VALUES (1), (2)', 'values'],
    ['insert t values (1)', 'values'],
    ['INSERT LOW_PRIORITY INTO `t` (`a`) VALUE (?)', 'values'],
    ['INSERT INTO t SET a = 1', 'values'],
    ['/* c */ INSERT INTO t (a) VALUES (1) -- trailing', 'values'],
    ['INSERT INTO t (a) VALUES (\'on duplicate key update\'), ("ignore")', 'values'],
    ["INSERT INTO t (a) VALUES ('it''s; SELECT'), ('a\\' ON DUPLICATE KEY UPDATE a = 1')", 'values'],
    ['INSERT INTO `on duplicate key update` (a) VALUES (1)', 'values'],
    ['INSERT INTO t (a) VALUES (1); ', 'values'],
    ['INSERT INTO t (a, b) VALUES (1, (SELECT 2))', 'values'],
    ['INSERT INTO t (a) VALUES (1), (2) ON DUPLICATE KEY UPDATE a = VALUES(a)', 'upsert'],
    ['insert into t (a) values (1) on  duplicate\nkey update b = 2', 'upsert'],
    ['INSERT IGNORE INTO t (a) VALUES (1), (2)', 'other-insert'],
    ['INSERT DELAYED IGNORE t VALUES (1)', 'other-insert'],
    ['REPLACE INTO t (a) VALUES (1), (2)', 'other-insert'],
    ['INSERT INTO t (a) SELECT a FROM u', 'other-insert'],
    ['INSERT INTO t (a) (SELECT a FROM u)', 'other-insert'],
    ['INSERT INTO t (a) VALUES (1); INSERT INTO t (a) VALUES (2)', 'other-insert'],
    ['UPDATE t SET a = LAST_INSERT_ID(a + 1)', 'not-insert'],
    ["SELECT 'INSERT INTO t VALUES (1)'", 'not-insert'],
    ['-- INSERT\nDELETE FROM t', 'not-insert'],
  ])('%s → %s', (sql, kind) => {
    expect(insertStatementKind(sql)).toBe(kind);
  });
});

describe('firstInsertIdOnMatrixOne', () => {
  const answer = {
    sql: 'INSERT INTO t (a) VALUES (1), (2), (3)',
    affectedRows: 3,
    insertId: 9,
    increment: 1,
  };

  it('works the first id of a multi-row INSERT out of the reported last one, keeping its type', () => {
    expect(firstInsertIdOnMatrixOne(answer)).toEqual({ kind: 'corrected', id: 7 });
    expect(firstInsertIdOnMatrixOne({ ...answer, increment: 2 })).toEqual({ kind: 'corrected', id: 5 });
    expect(firstInsertIdOnMatrixOne({ ...answer, insertId: '9007199254740999' })).toEqual({
      kind: 'corrected',
      id: '9007199254740997',
    });
  });

  it('keeps the reported id of one row, of no id and of a statement that is not an INSERT', () => {
    expect(firstInsertIdOnMatrixOne({ ...answer, affectedRows: 1 })).toEqual({ kind: 'as-reported' });
    expect(firstInsertIdOnMatrixOne({ ...answer, insertId: 0 })).toEqual({ kind: 'as-reported' });
    expect(firstInsertIdOnMatrixOne({ ...answer, insertId: '0' })).toEqual({ kind: 'as-reported' });
    expect(firstInsertIdOnMatrixOne({ ...answer, sql: 'UPDATE t SET a = LAST_INSERT_ID(9)' })).toEqual({
      kind: 'as-reported',
    });
    const upsert = `${answer.sql} ON DUPLICATE KEY UPDATE a = 1`;
    expect(firstInsertIdOnMatrixOne({ ...answer, sql: upsert, affectedRows: 1 })).toEqual({
      kind: 'as-reported',
    });
  });

  it('says the first id is unknown where the answer cannot tell it', () => {
    const upsert = `${answer.sql} ON DUPLICATE KEY UPDATE a = 1`;
    for (const unknown of [
      { ...answer, sql: upsert, affectedRows: 2 },
      { ...answer, sql: upsert, affectedRows: 0 },
      { ...answer, sql: 'INSERT IGNORE INTO t (a) VALUES (1), (2), (3)' },
      { ...answer, sql: 'REPLACE INTO t (a) VALUES (1), (2), (3)' },
      { ...answer, sql: 'INSERT INTO t (a) SELECT a FROM u' },
      { ...answer, increment: undefined },
    ]) {
      expect(firstInsertIdOnMatrixOne(unknown).kind).toBe('unknown');
    }
  });
});
