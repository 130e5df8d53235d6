/**
 * Runs only against a real MatrixOne (MATRIXONE_URL): Sequelize's own `sync({ alter: true })` once
 * `matrixone(sequelize)` ran — the checks schema-tools.test.ts makes against MariaDB behind the catalog emulation
 * (schema-tools-suite.ts), here against the server itself. The models are the shape of the recorded run
 * (docs/matrixone-facts.md#orms-on-matrixone); the statements they lead to were all seen accepted by MatrixOne
 * 4.2.0 (Sequelize's CREATE TABLE with an inline FOREIGN KEY … ON DELETE SET NULL, `ALTER TABLE … ADD` a column,
 * `… CHANGE` a column, `… DROP` a column, `… ADD INDEX`), except the inline `ON DELETE CASCADE` of `comments`,
 * assumed as in the guard suite. A changed foreign-key rule is not checked here: Sequelize re-adds it with an
 * unnamed `ADD FOREIGN KEY`, which the reference does not record.
 */
import { testServer, useTestDatabase } from '@matrixone/test-server';
import { describe } from 'vitest';
import { schemaToolsTests } from '../schema-tools-suite.js';

const db = useTestDatabase();

describe.skipIf(testServer().flavor !== 'matrixone')(
  'Sequelize sync({ alter: true }) on a real MatrixOne',
  () => {
    schemaToolsTests(db, false);
  },
);
