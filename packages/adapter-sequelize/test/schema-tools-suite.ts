/**
 * Sequelize's own `sync({ alter: true })` once `matrixone(sequelize)` ran (schema-tools.ts), the same checks on
 * MariaDB answering the catalog like MatrixOne (schema-tools.test.ts) and on a real MatrixOne
 * (live/schema-tools.live.test.ts): a second run with unchanged models sends no DDL and leaves the schema as it
 * was; a new attribute adds exactly its column; a removed one drops exactly its column; a changed column is still
 * altered, and a unique column changed keeps one unique index. The statements are Sequelize's own, recorded
 * through its `logging`; the schema is read back on the harness's own connection.
 */
import {
  type FaultProxy,
  type TestDatabase,
  answerCatalogLikeMatrixOne,
  startFaultProxy,
} from '@matrixone/test-server';
import type { SyncOptions } from 'sequelize';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import {
  type App,
  type ModelChanges,
  TABLES,
  ddlOf,
  schemaOf,
  startApp,
  uniqueIndexesOn,
} from './schema-models.js';

/**
 * The tests, on `db`'s server: `emulated`, through a fault proxy answering the catalog as MatrixOne 4.2.0 does
 * (`answerCatalogLikeMatrixOne`: no FOREIGN KEY rows in TABLE_CONSTRAINTS, lower-cased names and KEY_COLUMN_USAGE
 * columns, MatrixOne's column types) with the adapter told it talks to MatrixOne; otherwise on the server itself.
 */
export function schemaToolsTests(db: TestDatabase, emulated: boolean): void {
  const apps: App[] = [];
  let proxy: FaultProxy | undefined;

  /** Starts the application with `changes` and runs `sync(options)`; the statements it sent. */
  async function startAndSync(changes: ModelChanges, options: SyncOptions): Promise<string[]> {
    const app = startApp(proxy?.url ?? db.url, emulated ? { serverFlavor: 'matrixone' } : {}, changes);
    apps.push(app);
    await app.sequelize.sync(options);
    return app.statements;
  }

  beforeAll(async () => {
    if (emulated) {
      proxy = await startFaultProxy(db.url);
      answerCatalogLikeMatrixOne(proxy);
    }
  });
  beforeEach(async () => {
    for (const table of TABLES) await db.inspect.query(`DROP TABLE IF EXISTS \`${table}\``);
    await startAndSync({}, {});
  });
  afterAll(async () => {
    // MatrixOne leaves the socket open after COM_QUIT; the adapter frees it (docs/matrixone-facts.md).
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
    const added = after.users?.columns.filter((column) => !before.users?.columns.includes(column));
    expect(added).toEqual([expect.stringMatching(/^city /)]);
    if (emulated) {
      // As MariaDB describes it; MatrixOne's own wording of the column is not recorded.
      expect(after.users?.columns).toEqual(
        [...(before.users?.columns ?? []), 'city varchar(50) YES NULL '].sort(),
      );
    }
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

  it('a changed column is still altered, and a unique one keeps one unique index', async () => {
    const changes = { longerEmail: true, longerNickname: true };
    const ddl = ddlOf(await startAndSync(changes, { alter: true }));
    expect(ddl.sort()).toEqual([
      'ALTER TABLE `users` CHANGE `email` `email` VARCHAR(150) NOT NULL;',
      'ALTER TABLE `users` CHANGE `nickname` `nickname` VARCHAR(60);',
    ]);
    const after = await schemaOf(db.inspect);
    expect(after.users?.columns).toContainEqual(expect.stringMatching(/^email varchar\(150\) NO /i));
    expect(after.users?.columns).toContainEqual(expect.stringMatching(/^nickname varchar\(60\) YES /i));
    expect(uniqueIndexesOn(after, 'users', 'email')).toBe(1);
    expect(ddlOf(await startAndSync(changes, { alter: true }))).toEqual([]);
  });

  // Not on a real MatrixOne: Sequelize re-adds a changed foreign key with an unnamed `ADD FOREIGN KEY`, which the
  // reference does not record.
  it.skipIf(!emulated)(
    'a changed column and a changed foreign-key rule are still altered; a unique column keeps one unique index',
    async () => {
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
      expect(after.posts?.foreignKeys).toEqual([
        expect.stringMatching(/ userId → users\.id CASCADE CASCADE$/),
      ]);
      expect(ddlOf(await startAndSync(changes, { alter: true }))).toEqual([]);
    },
  );
}
