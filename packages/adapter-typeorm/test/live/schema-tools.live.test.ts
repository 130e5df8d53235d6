/**
 * Runs only against a real MatrixOne (MATRIXONE_URL): TypeORM's schema tools once `matrixone(dataSource)` ran
 * (issue 20 §3) — the checks schema-tools.test.ts makes against MariaDB answering like MatrixOne, here against the
 * server itself. TypeORM sends only DDL the recording shows MatrixOne 4.2.0 running: `CREATE TABLE … PRIMARY KEY
 * (…)` with a `UNIQUE INDEX`, `ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY`, `ALTER TABLE … ADD <column>`,
 * `CREATE INDEX` and the migrations table (docs/matrixone-facts.md#schema-tools-typeorm-synchronize-and-migrations).
 */
import { testServer, useTestDatabase } from '@matrixone/test-server';
import { describe } from 'vitest';
import { schemaToolsTests } from '../schema-tools-suite.js';

const db = useTestDatabase();

describe.skipIf(testServer().flavor !== 'matrixone')('TypeORM schema tools on a real MatrixOne', () => {
  schemaToolsTests(db, false);
});
