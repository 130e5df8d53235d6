/**
 * Runs only against a real MatrixOne (MATRIXONE_URL): drizzle-orm's `migrate()` of drizzle-kit's migrations for
 * `serial()` keys — the checks test/serial-migrations.test.ts makes against MariaDB behind the fault proxy, here
 * against the server itself. MatrixOne 4.2.0 refused drizzle-kit's `` `id` serial AUTO_INCREMENT NOT NULL `` with
 * errno 1064 and accepted `bigint unsigned … AUTO_INCREMENT` (docs/matrixone-facts.md#orms-on-matrixone); the
 * migrator's own `__drizzle_migrations` table (`id serial primary key`) is rewritten the same way.
 */
import { testServer, useTestDatabase } from '@matrixone/test-server';
import { describe, it } from 'vitest';
import { checkSerialMigrations } from '../support/serial-migrations.js';

const db = useTestDatabase();

describe.skipIf(testServer().flavor !== 'matrixone')(
  'Drizzle migrate() with serial() on a real MatrixOne',
  () => {
    it('refused without the adapter; through it the first run creates the tables, a second changes nothing, a new migration adds its column only', async () => {
      await checkSerialMigrations(db.url, db.inspect);
    });
  },
);
