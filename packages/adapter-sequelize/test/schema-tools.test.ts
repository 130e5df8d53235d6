/**
 * Sequelize's own `sync({ alter: true })` once `matrixone(sequelize)` ran (schema-tools.ts): a second run with
 * unchanged models sends no DDL and leaves the schema as it was; a new attribute adds exactly its column; a changed
 * column or foreign-key rule is still altered, and a unique column changed keeps one unique index. On the test
 * MariaDB a fault proxy answers the catalog like MatrixOne 4.2.0 (`answerCatalogLikeMatrixOne`: no FOREIGN KEY rows
 * in TABLE_CONSTRAINTS, lower-cased names and KEY_COLUMN_USAGE columns, MatrixOne's column types) and the adapter is
 * told it talks to MatrixOne. The statements are Sequelize's own, recorded through its `logging`; the schema is read
 * back on the harness's own connection. The checks are schema-tools-suite.ts, which live/schema-tools.live.test.ts runs
 * on a real MatrixOne.
 */
import { testServer, useTestDatabase } from '@matrixone/test-server';
import { describe, expect, it } from 'vitest';
import { TABLES, ddlOf, startApp } from './schema-models.js';
import { schemaToolsTests } from './schema-tools-suite.js';

const db = useTestDatabase();
const emulated = testServer().flavor !== 'matrixone';

describe.skipIf(!emulated)('Sequelize sync({ alter: true }) on MatrixOne (catalog emulated)', () => {
  schemaToolsTests(db, true);
});

describe.skipIf(!emulated)('Sequelize sync({ alter: true }) on another server', () => {
  it("is Sequelize's own: the adapter changes nothing there, and needs no open SDK client to tell", async () => {
    for (const table of TABLES) await db.inspect.query(`DROP TABLE IF EXISTS \`${table}\``);
    const created = startApp(db.url, {});
    await created.sequelize.sync();
    await created.sequelize.close();
    const app = startApp(db.url, {});
    await app.client.close();
    await app.sequelize.sync({ alter: true }).finally(() => app.sequelize.close());
    // Sequelize re-declares every column, and drops and re-adds every foreign key.
    expect(ddlOf(app.statements)).toContain('ALTER TABLE `users` CHANGE `bio` `bio` TEXT;');
    expect(ddlOf(app.statements).filter((sql) => /DROP FOREIGN KEY/.test(sql))).toHaveLength(2);
  });
});
