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

/** A declared type (Sequelize DDL), the type reported (by MatrixOne 4.2.0 / by MariaDB), and whether they match. */
const TYPES: [declared: string, reported: string, same: boolean][] = [
  ['BIGINT', 'BIGINT(64)', true],
  ['BIGINT', 'bigint(20)', true],
  ['INTEGER', 'INT(32)', true],
  ['INTEGER UNSIGNED', 'int(10) unsigned', true],
  ['TINYINT(1)', 'TINYINT(8)', true],
  ['BOOLEAN', 'tinyint(1)', true],
  ['VARCHAR(120)', 'varchar(120)', true],
  ['DECIMAL(12,2)', 'DECIMAL(12,2)', true],
  ['DECIMAL', 'decimal(10,0)', true],
  ['DOUBLE PRECISION', 'double', true],
  ["ENUM('admin', 'user', 'guest')", "ENUM('admin','user','guest')", true],
  ['DATETIME', 'DATETIME(0)', true],
  ['DATETIME(3)', 'datetime(3)', true],
  ['JSON', 'longtext', true],
  ['VARCHAR(120)', 'VARCHAR(150)', false],
  ['DECIMAL(12,2)', 'DECIMAL(14,2)', false],
  ['INTEGER', 'BIGINT(64)', false],
  ['INTEGER UNSIGNED', 'INT(32)', false],
  ["ENUM('admin', 'user')", "ENUM('admin','user','guest')", false],
  ["ENUM('Admin')", "ENUM('admin')", false],
  ['DATETIME(3)', 'DATETIME', false],
  ['TEXT', 'LONGTEXT', false],
  ['CHAR(36) BINARY', 'char(36)', false],
];

/** A declared default, the default reported, and whether they match. */
const DEFAULTS: [declared: string | null, reported: string | null, same: boolean][] = [
  ["'0.00'", "'0.00'", true],
  ["'0.00'", '0.00', true],
  ['0', "'0'", true],
  ['true', '1', true],
  ['true', 'true', true],
  ['false', '0', true],
  ["'user'", 'user', true],
  ["'it\\'s'", "it's", true],
  ["'it''s'", "'it''s'", true],
  ['NULL', null, true],
  ['CURRENT_TIMESTAMP', 'current_timestamp()', true],
  ['CURRENT_TIMESTAMP(3)', 'current_timestamp(3)', true],
  ["'user'", 'guest', false],
  ['0', null, false],
  [null, '0', false],
  ['true', '0', false],
  ["''", null, false],
  ['CURRENT_TIMESTAMP(3)', 'current_timestamp()', false],
];

describe('sameColumnDefinition', () => {
  it.each(TYPES)('type %s reported as %s: same %s', (declared, reported, same) => {
    expect(sameColumnDefinition(column(declared), column(reported))).toBe(same);
  });

  it.each(DEFAULTS)('default %s reported as %s: same %s', (declared, reported, same) => {
    const [left, right] = [
      column('INT', { defaultValue: declared }),
      column('INT', { defaultValue: reported }),
    ];
    expect(sameColumnDefinition(left, right)).toBe(same);
  });

  it('compares nullability, auto-increment and comment', () => {
    const base = column('INT');
    expect(sameColumnDefinition(base, column('INT(32)'))).toBe(true);
    expect(sameColumnDefinition(base, column('INT(32)', { nullable: false }))).toBe(false);
    expect(sameColumnDefinition(base, column('INT(32)', { autoIncrement: true }))).toBe(false);
    expect(sameColumnDefinition(base, column('INT(32)', { comment: 'visits' }))).toBe(false);
  });
});
