import { describe, expect, it } from 'vitest';
import { withoutSerialType } from '../../../src/connection/matrixone/serial-columns.js';

describe('SERIAL column types rewritten for MatrixOne (as drizzle-kit and drizzle-orm write them)', () => {
  it("drizzle-kit's CREATE TABLE: the duplicated words go, no UNIQUE on the table's primary key", () => {
    const sql = [
      'CREATE TABLE `posts` (',
      '\t`id` serial AUTO_INCREMENT NOT NULL,',
      '\t`user_id` bigint unsigned NOT NULL,',
      "\t`title` varchar(100) NOT NULL DEFAULT 'serial',",
      '\tCONSTRAINT `posts_id` PRIMARY KEY(`id`)',
      ');',
    ].join('\n');
    expect(withoutSerialType(sql)).toBe(
      sql.replace('serial AUTO_INCREMENT NOT NULL', 'bigint unsigned NOT NULL AUTO_INCREMENT'),
    );
  });

  it("drizzle-orm's migrations table (`id serial primary key`) and a serial column that is not the primary key", () => {
    const migrations =
      '\n\t\t\tcreate table if not exists `__drizzle_migrations` (\n\t\t\t\tid serial primary key,\n\t\t\t\thash text not null,\n\t\t\t\tcreated_at bigint\n\t\t\t)\n\t\t';
    expect(withoutSerialType(migrations)).toBe(
      migrations.replace('id serial primary key', 'id bigint unsigned NOT NULL AUTO_INCREMENT primary key'),
    );
    expect(withoutSerialType('CREATE TABLE t (id int PRIMARY KEY, n SERIAL UNIQUE KEY, m int)')).toBe(
      'CREATE TABLE t (id int PRIMARY KEY, n bigint unsigned NOT NULL AUTO_INCREMENT UNIQUE, m int)',
    );
    // Part of a two-column primary key: SERIAL's UNIQUE still applies.
    expect(withoutSerialType('CREATE TABLE t (a serial, b int, PRIMARY KEY (a, b))')).toBe(
      'CREATE TABLE t (a bigint unsigned NOT NULL AUTO_INCREMENT UNIQUE, b int, PRIMARY KEY (a, b))',
    );
  });

  it('ALTER TABLE ADD / MODIFY / CHANGE [COLUMN]', () => {
    expect(withoutSerialType('ALTER TABLE `t` ADD `n` serial AUTO_INCREMENT NOT NULL;')).toBe(
      'ALTER TABLE `t` ADD `n` bigint unsigned NOT NULL AUTO_INCREMENT UNIQUE;',
    );
    expect(withoutSerialType('ALTER TABLE `db`.`t` MODIFY COLUMN `id` serial AUTO_INCREMENT NOT NULL')).toBe(
      'ALTER TABLE `db`.`t` MODIFY COLUMN `id` bigint unsigned NOT NULL AUTO_INCREMENT UNIQUE',
    );
    expect(withoutSerialType('alter table t change old id serial, add primary key (id)')).toBe(
      'alter table t change old id bigint unsigned NOT NULL AUTO_INCREMENT, add primary key (id)',
    );
  });

  it('leaves alone what is not a SERIAL column type: strings, identifiers, comments, other statements', () => {
    for (const sql of [
      "CREATE TABLE t (id bigint, note varchar(20) DEFAULT 'serial')",
      'CREATE TABLE t (`serial` int, id int)',
      'CREATE TABLE t (serial int /* serial */)',
      'CREATE TABLE `serial` (id int)',
      "INSERT INTO t (note) VALUES ('a serial b')",
      'SELECT serial FROM t',
      'ALTER TABLE t ADD INDEX serial (id)',
      'ALTER TABLE t DROP COLUMN serial',
    ]) {
      expect(withoutSerialType(sql)).toBeUndefined();
    }
  });
});
