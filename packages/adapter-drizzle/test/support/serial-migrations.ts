import { toMatrixOneError } from '@matrixone/core';
import type { ServerFlavor } from '@matrixone/core';
import { mysqlTable, serial, varchar } from 'drizzle-orm/mysql-core';
import { drizzle } from 'drizzle-orm/mysql2';
import { migrate } from 'drizzle-orm/mysql2/migrator';
import { createPool } from 'mysql2';
import type mysql from 'mysql2/promise';
import { expect } from 'vitest';
import { matrixone } from '../../src/index.js';
import { ADD_COLUMN_MIGRATION, INITIAL_MIGRATION, drizzleKitFolder } from './drizzle-kit-migrations.js';
import { endPool } from './open-drizzle.js';

const users = mysqlTable('users', {
  id: serial('id').primaryKey(),
  email: varchar('email', { length: 120 }).notNull().unique(),
});

/** The database's columns, as information_schema lists them (ORDINAL_POSITION is not recorded on MatrixOne). */
async function columns(inspect: mysql.Connection): Promise<string[]> {
  const [rows] = await inspect.query<mysql.RowDataPacket[]>(
    'SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_KEY, EXTRA FROM information_schema.COLUMNS ' +
      'WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, COLUMN_NAME',
  );
  return rows.map((row) => Object.values(row).map(String).join(' ').toLowerCase());
}

async function migrationCount(inspect: mysql.Connection): Promise<number> {
  const [rows] = await inspect.query<mysql.RowDataPacket[]>(
    'SELECT COUNT(*) AS n FROM `__drizzle_migrations`',
  );
  return Number(rows[0]?.n);
}

/**
 * drizzle-orm's `migrate()` of drizzle-kit's migrations for tables keyed by `serial()`, on `url` (MatrixOne, or a
 * server answering like it): without the adapter the DDL is refused (errno 1064); through `matrixone(db)` the first
 * run creates the tables, a second run changes nothing, and a new migration adding a column adds that column only.
 * `inspect` is a connection to the same database, `serverFlavor` what to tell the adapter.
 */
export async function checkSerialMigrations(
  url: string,
  inspect: mysql.Connection,
  serverFlavor?: ServerFlavor,
): Promise<void> {
  const kit = await drizzleKitFolder();
  const plainPool = createPool({ uri: url, connectionLimit: 1 });
  const pool = createPool({ uri: url, connectionLimit: 2 });
  try {
    await kit.add(INITIAL_MIGRATION);
    // The first statement is the migrator's `CREATE TABLE … (id serial primary key, …)`: MatrixOne 4.2.0 was
    // recorded refusing drizzle-kit's `serial AUTO_INCREMENT NOT NULL` (1064); the same for this form is assumed.
    const refused = await migrate(drizzle(plainPool), { migrationsFolder: kit.folder }).catch(
      (error) => error,
    );
    expect(toMatrixOneError(refused).errno).toBe(1064);

    const db = drizzle(pool);
    matrixone(db, serverFlavor ? { serverFlavor } : {});
    await migrate(db, { migrationsFolder: kit.folder });
    const created = await columns(inspect);
    expect(created.filter((column) => /^(users|posts) id /.test(column))).toEqual([
      // MatrixOne 4.2.0 lists types upper-case with widths (BIGINT(64)); whether it shows UNSIGNED is unrecorded.
      expect.stringMatching(/^posts id bigint(\(\d+\))?( unsigned)? no pri auto_increment$/),
      expect.stringMatching(/^users id bigint(\(\d+\))?( unsigned)? no pri auto_increment$/),
    ]);
    const [first, second] = await db
      .insert(users)
      .values([{ email: 'a@x.io' }, { email: 'b@x.io' }])
      .$returningId();
    expect(second?.id).toBe(Number(first?.id) + 1);
    expect(await migrationCount(inspect)).toBe(1);

    await migrate(db, { migrationsFolder: kit.folder });
    expect(await columns(inspect)).toEqual(created);
    expect(await migrationCount(inspect)).toBe(1);

    await kit.add(ADD_COLUMN_MIGRATION);
    await migrate(db, { migrationsFolder: kit.folder });
    const added = await columns(inspect);
    expect(added.filter((column) => !created.includes(column))).toEqual([
      expect.stringMatching(/^posts views int(\(\d+\))? no {2}$/),
    ]);
    expect(created.filter((column) => !added.includes(column))).toEqual([]);
    expect(await migrationCount(inspect)).toBe(2);
  } finally {
    await Promise.all([endPool(plainPool), endPool(pool), kit.remove()]);
  }
}
