/**
 * Runs only against a real MatrixOne (MATRIXONE_URL): Sequelize's own `sync({ alter: true })` once
 * `matrixone(sequelize)` ran — the checks schema-tools.test.ts makes against MariaDB behind the catalog emulation,
 * here against the server itself. The models are the shape of the recorded run (docs/matrixone-facts.md
 * #orms-on-matrixone); the statements they lead to were all seen accepted by MatrixOne 4.2.0 (Sequelize's CREATE
 * TABLE with an inline FOREIGN KEY … ON DELETE SET NULL, `ALTER TABLE … ADD` a column, `… CHANGE` a column,
 * `… DROP` a column, `… ADD INDEX`), except the inline `ON DELETE CASCADE` of `comments`, assumed as in the guard suite. A changed
 * foreign-key rule is not checked here: Sequelize re-adds it with an unnamed `ADD FOREIGN KEY`, which the
 * reference does not record. The schema is read back on the harness's own connection.
 */
import { testServer, useTestDatabase } from '@matrixone/test-server';
import type { SyncOptions } from 'sequelize';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type App,
  type ModelChanges,
  TABLES,
  ddlOf,
  schemaOf,
  startApp,
  uniqueIndexesOn,
} from '../schema-models.js';

const db = useTestDatabase();
const apps: App[] = [];

async function startAndSync(changes: ModelChanges, options: SyncOptions): Promise<string[]> {
  const app = startApp(db.url, {}, changes);
  apps.push(app);
  await app.sequelize.sync(options);
  return app.statements;
}

describe.skipIf(testServer().flavor !== 'matrixone')(
  'Sequelize sync({ alter: true }) on a real MatrixOne',
  () => {
    beforeEach(async () => {
      for (const table of TABLES) await db.inspect.query(`DROP TABLE IF EXISTS \`${table}\``);
      await startAndSync({}, {});
    });
    afterAll(async () => {
      // MatrixOne leaves the socket open after COM_QUIT; the adapter frees it (docs/matrixone-facts.md).
      await Promise.all(apps.map((app) => app.sequelize.close()));
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
  },
);
