import { describe, expect, it } from 'vitest';
import { type ColumnDefinition, sameColumnDefinition } from '../../src/adapter/column-definition.js';

const column = (type: string, more: Partial<ColumnDefinition> = {}): ColumnDefinition => ({
  type,
  nullable: true,
  defaultValue: null,
  autoIncrement: false,
  comment: '',
  ...more,
});

describe('sameColumnDefinition', () => {
  it.each([
    // declared (Sequelize DDL), reported by MatrixOne 4.2.0 / by MariaDB
    ['BIGINT', 'BIGINT(64)'],
    ['BIGINT', 'bigint(20)'],
    ['INTEGER', 'INT(32)'],
    ['INTEGER UNSIGNED', 'int(10) unsigned'],
    ['TINYINT(1)', 'TINYINT(8)'],
    ['BOOLEAN', 'tinyint(1)'],
    ['VARCHAR(120)', 'varchar(120)'],
    ['DECIMAL(12,2)', 'DECIMAL(12,2)'],
    ['DECIMAL', 'decimal(10,0)'],
    ['DOUBLE PRECISION', 'double'],
    ["ENUM('admin', 'user', 'guest')", "ENUM('admin','user','guest')"],
    ['DATETIME', 'DATETIME(0)'],
    ['DATETIME(3)', 'datetime(3)'],
    ['JSON', 'longtext'],
  ])('%s is the type reported as %s', (declared, reported) => {
    expect(sameColumnDefinition(column(declared), column(reported))).toBe(true);
  });

  it.each([
    ['VARCHAR(120)', 'VARCHAR(150)'],
    ['DECIMAL(12,2)', 'DECIMAL(14,2)'],
    ['INTEGER', 'BIGINT(64)'],
    ['INTEGER UNSIGNED', 'INT(32)'],
    ["ENUM('admin', 'user')", "ENUM('admin','user','guest')"],
    ["ENUM('Admin')", "ENUM('admin')"],
    ['DATETIME(3)', 'DATETIME'],
    ['TEXT', 'LONGTEXT'],
    ['CHAR(36) BINARY', 'char(36)'],
  ])('%s differs from %s', (declared, reported) => {
    expect(sameColumnDefinition(column(declared), column(reported))).toBe(false);
  });

  it.each([
    ["'0.00'", "'0.00'"],
    ["'0.00'", '0.00'],
    ['0', "'0'"],
    ['true', '1'],
    ['true', 'true'],
    ['false', '0'],
    ["'user'", 'user'],
    ["'it\\'s'", "it's"],
    ["'it''s'", "'it''s'"],
    ['NULL', null],
    ['CURRENT_TIMESTAMP', 'current_timestamp()'],
    ['CURRENT_TIMESTAMP(3)', 'current_timestamp(3)'],
  ])('default %s is the default reported as %s', (declared, reported) => {
    const [left, right] = [
      column('INT', { defaultValue: declared }),
      column('INT', { defaultValue: reported }),
    ];
    expect(sameColumnDefinition(left, right)).toBe(true);
  });

  it.each([
    ["'user'", 'guest'],
    ['0', null],
    [null, '0'],
    ['true', '0'],
    ["''", null],
    ['CURRENT_TIMESTAMP(3)', 'current_timestamp()'],
  ])('default %s differs from %s', (declared, reported) => {
    const [left, right] = [
      column('INT', { defaultValue: declared }),
      column('INT', { defaultValue: reported }),
    ];
    expect(sameColumnDefinition(left, right)).toBe(false);
  });

  it('compares nullability, auto-increment and comment', () => {
    const base = column('INT');
    expect(sameColumnDefinition(base, column('INT(32)'))).toBe(true);
    expect(sameColumnDefinition(base, column('INT(32)', { nullable: false }))).toBe(false);
    expect(sameColumnDefinition(base, column('INT(32)', { autoIncrement: true }))).toBe(false);
    expect(sameColumnDefinition(base, column('INT(32)', { comment: 'visits' }))).toBe(false);
  });
});
