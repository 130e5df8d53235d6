/**
 * Sequelize's own `sync({ alter: true })` once `matrixone(sequelize)` ran (schema-tools.ts): a second run with
 * unchanged models sends no DDL and leaves the schema as it was; a new attribute adds exactly its column; a changed
 * column or foreign-key rule is still altered, and a unique column changed keeps one unique index. On the test
 * MariaDB a fault proxy answers the catalog like MatrixOne 4.2.0 (`answerCatalogLikeMatrixOne`: no FOREIGN KEY rows
 * in TABLE_CONSTRAINTS, lower-cased names and KEY_COLUMN_USAGE columns, MatrixOne's column types) and the adapter is
 * told it talks to MatrixOne. The statements are Sequelize's own, recorded through its `logging`; the schema is read
 * back on the harness's own connection. The same checks on a real MatrixOne: live/schema-tools.live.test.ts.
 */
import {
  type FaultProxy,
  answerCatalogLikeMatrixOne,
  startFaultProxy,
  testServer,
  useTestDatabase,
} from '@matrixone/test-server';
import type { SyncOptions } from 'sequelize';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type App,
  type ModelChanges,
  TABLES,
  ddlOf,
  schemaOf,
  startApp,
  uniqueIndexesOn,
} from './schema-models.js';

const db = useTestDatabase();
const emulated = testServer().flavor !== 'matrixone';
const apps: App[] = [];
let proxy: FaultProxy;

/** Starts the application on the MatrixOne-like proxy with `changes`, and runs `sync(options)`; its statements. */
async function startAndSync(changes: ModelChanges, options: SyncOptions): Promise<string[]> {
  const app = startApp(proxy.url, { serverFlavor: 'matrixone' }, changes);
  apps.push(app);
  await app.sequelize.sync(options);
  return app.statements;
}

describe.skipIf(!emulated)('Sequelize sync({ alter: true }) on MatrixOne (catalog emulated)', () => {
  beforeAll(async () => {
    proxy = await startFaultProxy(db.url);
    answerCatalogLikeMatrixOne(proxy);
  });
  beforeEach(async () => {
    for (const table of TABLES) await db.inspect.query(`DROP TABLE IF EXISTS \`${table}\``);
    await startAndSync({}, {});
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.sequelize.close()));
    await proxy?.close();
  });

  it('a second run with unchanged models sends no DDL and leaves the schema as it was', async () => {
    const created = await schemaOf(db.inspect);
    expect(created.posts?.foreignKeys).toHaveLength(1);
    expect(created.comments?.foreignKeys).toHaveLength(1);
    for (let run = 1; run <= 2; run += 1) {
      expect(ddlOf(await startAndSync({}, { alter: true }))).toEqual([]);
      expect(await schemaOf(db.inspect)).toEqual(created);
    }
    expect(uniqueIndexesOn(created, 'users', 'email')).toBe(1);
  });

  it('adding an attribute adds exactly that column', async () => {
    const before = await schemaOf(db.inspect);
    expect(ddlOf(await startAndSync({ city: true }, { alter: true }))).toEqual([
      'ALTER TABLE `users` ADD `city` VARCHAR(50);',
    ]);
    const after = await schemaOf(db.inspect);
    expect(after.users?.columns).toEqual(
      [...(before.users?.columns ?? []), 'city varchar(50) YES NULL '].sort(),
    );
    expect({ ...after, users: { ...after.users, columns: before.users?.columns } }).toEqual(before);
    expect(ddlOf(await startAndSync({ city: true }, { alter: true }))).toEqual([]);
  });

  it('removing an attribute drops exactly its column, unless alter: { drop: false }', async () => {
    const before = await schemaOf(db.inspect);
    expect(ddlOf(await startAndSync({ withoutBig: true }, { alter: { drop: false } }))).toEqual([]);
    expect(ddlOf(await startAndSync({ withoutBig: true }, { alter: true }))).toEqual([
      'ALTER TABLE `users` DROP `big`;',
    ]);
    const after = await schemaOf(db.inspect);
    expect(after.users?.columns).toEqual(
      before.users?.columns.filter((column) => !column.startsWith('big ')),
    );
    expect({ ...after, users: before.users }).toEqual(before);
  });

  it('a changed column and a changed foreign-key rule are still altered; a unique column keeps one unique index', async () => {
    const before = await schemaOf(db.inspect);
    const [dropped] = before.posts?.foreignKeys ?? [];
    const changes = { longerEmail: true, longerNickname: true, cascadePosts: true };
    const ddl = ddlOf(await startAndSync(changes, { alter: true }));
    expect(ddl).toHaveLength(4);
    expect(ddl).toContain('ALTER TABLE `users` CHANGE `email` `email` VARCHAR(150) NOT NULL;');
    expect(ddl).toContain('ALTER TABLE `users` CHANGE `nickname` `nickname` VARCHAR(60);');
    // MatrixOne lists the key lower-cased; it is dropped by that name.
    expect(ddl).toContain(
      `ALTER TABLE \`posts\` DROP FOREIGN KEY \`${dropped?.split(' ')[0]?.toLowerCase()}\`;`,
    );
    expect(ddl).toContain(
      'ALTER TABLE `posts` ADD FOREIGN KEY (`userId`) REFERENCES `users` (`id`) ON DELETE CASCADE ON UPDATE CASCADE;',
    );
    const after = await schemaOf(db.inspect);
    expect(after.users?.columns).toContain('email varchar(150) NO NULL ');
    expect(after.users?.columns).toContain('nickname varchar(60) YES NULL ');
    expect(uniqueIndexesOn(after, 'users', 'email')).toBe(1);
    expect(after.posts?.foreignKeys).toEqual([expect.stringMatching(/ userId → users\.id CASCADE CASCADE$/)]);
    expect(ddlOf(await startAndSync(changes, { alter: true }))).toEqual([]);
  });
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
