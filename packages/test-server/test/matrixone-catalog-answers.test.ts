/**
 * `answerCatalogLikeMatrixOne`: through the proxy, MariaDB's catalog answers carry each difference recorded on
 * MatrixOne 4.2.0; asked directly, they do not. Tables: a parent with a primary key, a unique index with a
 * mixed-case name and an `ON UPDATE` column; a child with a named foreign key on a mixed-case column.
 */
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FaultProxy,
  answerCatalogLikeMatrixOne,
  startFaultProxy,
  testServer,
  useTestDatabase,
} from '../src/index.js';

const db = useTestDatabase();

let proxy: FaultProxy;
let removeRules: () => void;
let through: mysql.Connection;

/** The rows of `sql` asked directly and through the proxy. */
async function bothWays(
  sql: string,
): Promise<{ direct: mysql.RowDataPacket[]; proxied: mysql.RowDataPacket[] }> {
  const [direct] = await db.inspect.query<mysql.RowDataPacket[]>(sql);
  const [proxied] = await through.query<mysql.RowDataPacket[]>(sql);
  return { direct, proxied };
}

const where = () => `TABLE_SCHEMA = '${db.name}'`;

describe.skipIf(testServer().flavor === 'matrixone')('answerCatalogLikeMatrixOne', () => {
  beforeAll(async () => {
    await db.inspect.query(
      'CREATE TABLE parents (id INT AUTO_INCREMENT, email VARCHAR(120) NOT NULL, ' +
        "kind ENUM('admin','user') NOT NULL, flag BOOLEAN NOT NULL, big BIGINT, price DECIMAL(12,2), " +
        'updatedAt DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), ' +
        'PRIMARY KEY (id), UNIQUE INDEX IDX_Mixed_Email (email))',
    );
    await db.inspect.query(
      'CREATE TABLE children (id INT AUTO_INCREMENT PRIMARY KEY, parentId INT, ' +
        'CONSTRAINT FK_Child_Parent FOREIGN KEY (parentId) REFERENCES parents (id))',
    );
    proxy = await startFaultProxy(db.url);
    removeRules = answerCatalogLikeMatrixOne(proxy);
    through = await mysql.createConnection({ uri: proxy.url, multipleStatements: true });
  });
  afterAll(async () => {
    await through?.end();
    await proxy?.close();
  });

  it('KEY_COLUMN_USAGE: only the foreign key, its column and name lower-cased', async () => {
    const { direct, proxied } = await bothWays(
      `SELECT CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE ${where()} ORDER BY TABLE_NAME, CONSTRAINT_NAME`,
    );
    expect(direct.map((row) => row.CONSTRAINT_NAME)).toEqual([
      'FK_Child_Parent',
      'PRIMARY',
      'IDX_Mixed_Email',
      'PRIMARY',
    ]);
    expect(proxied).toEqual([
      { CONSTRAINT_NAME: 'fk_child_parent', COLUMN_NAME: 'parentid', REFERENCED_TABLE_NAME: 'parents' },
    ]);
  });

  it("KEY_COLUMN_USAGE read as TypeORM's loadTables does: SELECT * from a UNION in a derived table", async () => {
    const kcu = ['parents', 'children']
      .map(
        (table) =>
          `SELECT * FROM \`INFORMATION_SCHEMA\`.\`KEY_COLUMN_USAGE\` \`kcu\` WHERE \`kcu\`.${where()} AND \`kcu\`.\`TABLE_NAME\` = '${table}'`,
      )
      .join(' UNION ');
    const { direct, proxied } = await bothWays(
      `SELECT * FROM (${kcu}) \`kcu\` WHERE \`CONSTRAINT_NAME\` = 'PRIMARY'`,
    );
    expect(direct.map((row) => row.TABLE_NAME).sort()).toEqual(['children', 'parents']);
    expect(proxied).toEqual([]);
    // Aliased columns are recognised by the column they come from (Sequelize's `COLUMN_NAME as columnName`).
    const aliased = await bothWays(
      `SELECT COLUMN_NAME AS columnName FROM (${kcu}) k WHERE REFERENCED_TABLE_NAME IS NOT NULL`,
    );
    expect(aliased.direct).toEqual([{ columnName: 'parentId' }]);
    expect(aliased.proxied).toEqual([{ columnName: 'parentid' }]);
  });

  it('STATISTICS and SHOW INDEX: index names lower-cased', async () => {
    const { direct, proxied } = await bothWays(
      `SELECT INDEX_NAME FROM information_schema.STATISTICS WHERE ${where()} AND TABLE_NAME = 'parents' ORDER BY INDEX_NAME`,
    );
    expect(direct.map((row) => row.INDEX_NAME)).toEqual(['IDX_Mixed_Email', 'PRIMARY']);
    expect(proxied.map((row) => row.INDEX_NAME)).toEqual(['idx_mixed_email', 'PRIMARY']);
    const shown = await bothWays('SHOW INDEX FROM children');
    expect(shown.direct.map((row) => row.Key_name)).toEqual(['PRIMARY', 'FK_Child_Parent']);
    expect(shown.proxied.map((row) => row.Key_name)).toEqual(['PRIMARY', 'fk_child_parent']);
  });

  it('TABLE_CONSTRAINTS: no foreign keys, PRIMARY typed PRIMARY, names lower-cased', async () => {
    const { direct, proxied } = await bothWays(
      `SELECT TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE FROM information_schema.TABLE_CONSTRAINTS WHERE ${where()} ORDER BY TABLE_NAME, CONSTRAINT_NAME`,
    );
    expect(direct.map((row) => [row.CONSTRAINT_NAME, row.CONSTRAINT_TYPE])).toEqual([
      ['FK_Child_Parent', 'FOREIGN KEY'],
      ['PRIMARY', 'PRIMARY KEY'],
      ['IDX_Mixed_Email', 'UNIQUE'],
      ['PRIMARY', 'PRIMARY KEY'],
    ]);
    expect(proxied.map((row) => [row.TABLE_NAME, row.CONSTRAINT_NAME, row.CONSTRAINT_TYPE])).toEqual([
      ['children', 'PRIMARY', 'PRIMARY'],
      ['parents', 'idx_mixed_email', 'UNIQUE'],
      ['parents', 'PRIMARY', 'PRIMARY'],
    ]);
  });

  it('REFERENTIAL_CONSTRAINTS and SHOW CREATE TABLE: names lower-cased', async () => {
    const { direct, proxied } = await bothWays(
      `SELECT CONSTRAINT_NAME FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = '${db.name}'`,
    );
    expect(direct).toEqual([{ CONSTRAINT_NAME: 'FK_Child_Parent' }]);
    expect(proxied).toEqual([{ CONSTRAINT_NAME: 'fk_child_parent' }]);
    const children = await bothWays('SHOW CREATE TABLE children');
    expect(children.direct[0]?.['Create Table']).toContain(
      'CONSTRAINT `FK_Child_Parent` FOREIGN KEY (`parentId`)',
    );
    expect(children.proxied[0]?.['Create Table']).toContain(
      'CONSTRAINT `fk_child_parent` FOREIGN KEY (`parentId`)',
    );
    const parents = await bothWays('SHOW CREATE TABLE parents');
    expect(parents.direct[0]?.['Create Table']).toContain('UNIQUE KEY `IDX_Mixed_Email` (`email`)');
    expect(parents.proxied[0]?.['Create Table']).toContain('UNIQUE KEY `idx_mixed_email` (`email`)');
  });

  it('COLUMNS and SHOW FULL COLUMNS: no ON UPDATE in EXTRA, types upper-case with widths in bits, NULL defaults', async () => {
    const { direct, proxied } = await bothWays(
      `SELECT COLUMN_NAME, COLUMN_TYPE, EXTRA FROM information_schema.COLUMNS WHERE ${where()} AND TABLE_NAME = 'parents' ORDER BY ORDINAL_POSITION`,
    );
    expect(direct.find((row) => row.COLUMN_NAME === 'updatedAt')?.EXTRA).toMatch(
      /^on update current_timestamp\(6\)$/i,
    );
    expect(proxied.map((row) => [row.COLUMN_NAME, row.COLUMN_TYPE, row.EXTRA])).toEqual([
      ['id', 'INT(32)', 'auto_increment'],
      ['email', 'VARCHAR(120)', ''],
      ['kind', "ENUM('admin','user')", ''],
      ['flag', 'TINYINT(8)', ''],
      ['big', 'BIGINT(64)', ''],
      ['price', 'DECIMAL(12,2)', ''],
      ['updatedAt', 'datetime(6)', ''],
    ]);
    // A column without a default: SQL NULL, where MariaDB answers the text NULL.
    const defaults = await bothWays(
      `SELECT COLUMN_DEFAULT FROM information_schema.COLUMNS WHERE ${where()} AND TABLE_NAME = 'parents' AND COLUMN_NAME = 'big'`,
    );
    expect(defaults.direct).toEqual([{ COLUMN_DEFAULT: testServer().flavor === 'mariadb' ? 'NULL' : null }]);
    expect(defaults.proxied).toEqual([{ COLUMN_DEFAULT: null }]);
    const shown = await bothWays('SHOW FULL COLUMNS FROM parents');
    expect(shown.direct.find((row) => row.Field === 'updatedAt')?.Extra).toMatch(/on update/i);
    expect(shown.proxied.map((row) => [row.Field, row.Type, row.Extra])).toEqual(
      proxied.map((row) => [row.COLUMN_NAME, row.COLUMN_TYPE, row.EXTRA]),
    );
  });

  it('keeps the exchange in order when rows are dropped: a multi-statement query, then the next statement', async () => {
    const [results] = await through.query<mysql.RowDataPacket[][]>(
      `SELECT CONSTRAINT_NAME, REFERENCED_TABLE_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE ${where()}; SELECT 'next' AS word`,
    );
    expect(results).toEqual([
      [{ CONSTRAINT_NAME: 'fk_child_parent', REFERENCED_TABLE_NAME: 'parents' }],
      [{ word: 'next' }],
    ]);
    const [after] = await through.query<mysql.RowDataPacket[]>('SELECT 41 + 1 AS answer');
    expect(after).toEqual([{ answer: 42 }]);
  });

  it('leaves prepared statements and other statements alone, and stops once the rules are removed', async () => {
    const sql = `SELECT CONSTRAINT_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE ${where()} AND TABLE_NAME = ?`;
    const [prepared] = await through.execute<mysql.RowDataPacket[]>(sql, ['parents']);
    expect(prepared.map((row) => row.CONSTRAINT_NAME).sort()).toEqual(['IDX_Mixed_Email', 'PRIMARY']);
    const [plain] = await through.query<mysql.RowDataPacket[]>("SELECT 'MixedCase' AS INDEX_NAME");
    expect(plain).toEqual([{ INDEX_NAME: 'MixedCase' }]);
    removeRules();
    const [restored] = await through.query<mysql.RowDataPacket[]>(
      `SELECT CONSTRAINT_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE ${where()} AND TABLE_NAME = 'parents'`,
    );
    expect(restored.map((row) => row.CONSTRAINT_NAME).sort()).toEqual(['IDX_Mixed_Email', 'PRIMARY']);
  });
});
