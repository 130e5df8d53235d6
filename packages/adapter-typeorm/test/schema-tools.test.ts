/**
 * TypeORM's schema tools on MatrixOne once `matrixone(dataSource)` ran (issue 20 §3), in CI: on the test MariaDB
 * behind a fault proxy that answers the catalog as MatrixOne 4.2.0 does (`answerCatalogLikeMatrixOne`: no PRIMARY
 * rows in KEY_COLUMN_USAGE, index and foreign-key names lower-cased, no `on update` in EXTRA), with the adapter told
 * it talks to MatrixOne. Without the adapter's schema tools, the second start fails with errno 1068 `Multiple
 * primary key defined`, as on MatrixOne. The same tests run on a real MatrixOne in live/schema-tools.live.test.ts.
 */
import { testServer, useTestDatabase } from '@matrixone/test-server';
import { describe } from 'vitest';
import { schemaToolsTests } from './schema-tools-suite.js';

const db = useTestDatabase();

describe.skipIf(testServer().flavor === 'matrixone')('TypeORM schema tools on MatrixOne (emulated)', () => {
  schemaToolsTests(db, true);
});
