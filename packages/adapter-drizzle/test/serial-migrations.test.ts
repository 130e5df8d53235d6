/**
 * drizzle-orm's own migrator (`migrate()` from `drizzle-orm/mysql2/migrator`) running drizzle-kit's migrations for
 * `serial()` keys through `matrixone(db)`: MatrixOne does not parse the `serial` column type, and the connection
 * guard sends it as MySQL defines it. On the test MariaDB a fault proxy answers like MatrixOne 4.2.0 (a `serial`
 * column type in DDL is a parse error, errno 1064) and the adapter is told it talks to MatrixOne.
 */
import {
  type FaultProxy,
  answerOrmStatementsLikeMatrixOne,
  startFaultProxy,
  testServer,
  useTestDatabase,
} from '@matrixone/test-server';
import { afterAll, describe, it } from 'vitest';
import { checkSerialMigrations } from './support/serial-migrations.js';

const db = useTestDatabase();
const emulated = testServer().flavor !== 'matrixone';
let proxy: FaultProxy | undefined;

afterAll(async () => {
  await proxy?.close();
});

describe('Drizzle on MatrixOne: migrate() with serial() columns', () => {
  it('refused without the adapter; through it the first run creates the tables, a second changes nothing, a new migration adds its column only', async () => {
    let url = db.url;
    if (emulated) {
      proxy = await startFaultProxy(db.url);
      answerOrmStatementsLikeMatrixOne(proxy, ['id', 'email']);
      url = proxy.url;
    }
    await checkSerialMigrations(url, db.inspect, emulated ? 'matrixone' : undefined);
  });
});
