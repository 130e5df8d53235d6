import { describe, expect, it } from 'vitest';
import {
  foreignKeyRule,
  tableForeignKeysOf,
  tableForeignKeysStatement,
} from '../../src/adapter/table-foreign-keys.js';

describe('tableForeignKeysStatement', () => {
  it('binds the table (and the database when given) and reads the session database otherwise', () => {
    const session = tableForeignKeysStatement(['posts']);
    expect(session.sql).toMatch(/k\.TABLE_SCHEMA = DATABASE\(\) AND k\.TABLE_NAME = \?/);
    expect(session.values).toEqual(['posts']);
    const named = tableForeignKeysStatement(['shop', "o'rders"]);
    expect(named.sql).toMatch(/k\.TABLE_SCHEMA = \? AND k\.TABLE_NAME = \?/);
    expect(named.values).toEqual(['shop', "o'rders"]);
    expect(named.sql).not.toContain('orders');
  });
});

describe('tableForeignKeysOf', () => {
  it('groups the rows by constraint, by position, columns lower-cased and rules in one spelling', () => {
    const rows = [
      // MatrixOne's labels and names (lower-cased names, a UUID name for an unnamed key)
      {
        constraint_name: '01a23487-d903',
        column_name: 'userid',
        ref: 'users',
        refColumn: 'id',
        d: 'SET NULL',
        u: 'CASCADE',
      },
      { a: 'fk_pair', b: 'A', c: 'pairs', d: 'X', e: 'restrict', f: null },
      { a: 'fk_pair', b: 'B', c: 'pairs', d: 'Y', e: 'restrict', f: null },
    ];
    expect(tableForeignKeysOf(rows)).toEqual([
      {
        name: '01a23487-d903',
        columns: ['userid'],
        referencedTable: 'users',
        referencedColumns: ['id'],
        onDelete: 'SET NULL',
        onUpdate: 'CASCADE',
      },
      {
        name: 'fk_pair',
        columns: ['a', 'b'],
        referencedTable: 'pairs',
        referencedColumns: ['x', 'y'],
        onDelete: 'NO ACTION',
        onUpdate: 'NO ACTION',
      },
    ]);
  });
});

describe('foreignKeyRule', () => {
  it('spells a rule one way: upper-case, RESTRICT and none as NO ACTION', () => {
    expect(foreignKeyRule('set  null')).toBe('SET NULL');
    expect(foreignKeyRule('SET_NULL')).toBe('SET NULL');
    expect(foreignKeyRule('CASCADE')).toBe('CASCADE');
    expect(foreignKeyRule('RESTRICT')).toBe('NO ACTION');
    expect(foreignKeyRule('no action')).toBe('NO ACTION');
    expect(foreignKeyRule(undefined)).toBe('NO ACTION');
  });
});
