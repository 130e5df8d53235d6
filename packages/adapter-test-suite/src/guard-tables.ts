/**
 * The server and tables every adapter's guard tests (`test/matrixone-guards.test.ts`) run on. On the test MariaDB
 * the ORM reaches the server through a fault proxy answering like MatrixOne 4.2.0
 * (`answerOrmStatementsLikeMatrixOne`) and the adapter is told it talks to MatrixOne; with MATRIXONE_URL set the
 * ORM talks to that server itself. Rows are read back on the test database's own connection.
 */
import {
  type FaultProxy,
  type TestDatabase,
  answerOrmStatementsLikeMatrixOne,
  startFaultProxy,
  testServer,
} from '@matrixone/test-server';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/**
 * MySQL's codes on the driver's error for a `notes` row whose person is missing: the guard rewrites MatrixOne's
 * errno 20101 / SQLSTATE HY000 to them.
 */
export const MISSING_PARENT = { errno: 1452, sqlState: '23000', code: 'ER_NO_REFERENCED_ROW_2' } as const;

/** MySQL's codes on the driver's error for a duplicate `email`: the guard rewrites MatrixOne's SQLSTATE HY000. */
export const DUPLICATE_KEY = { errno: 1062, sqlState: '23000', code: 'ER_DUP_ENTRY' } as const;

/** One row of `people` as the guard tests compare it. */
export interface GuardPerson {
  readonly email: string;
  readonly note: string | null;
}

/** What {@link useGuardTables} gives a test file. */
export interface GuardTables {
  /** True on the test MariaDB behind the fault proxy, false on a real MatrixOne. */
  readonly emulated: boolean;
  /** What to pass to `matrixone(orm, …)`: the emulation is declared MatrixOne, a real server is detected. */
  readonly adapterOptions: { readonly serverFlavor?: 'matrixone' };
  /** The URL the ORM connects to; read it in hooks or tests (the proxy starts in `beforeAll`). */
  url(): string;
  /** `people`'s rows in id order. */
  people(): Promise<GuardPerson[]>;
  /** `people`'s emails in id order. */
  emails(): Promise<string[]>;
  /** How many rows `notes` holds. */
  noteCount(): Promise<number>;
}

/**
 * Registers the hooks of a guard test file: `beforeAll` creates `people` (BIGINT AUTO_INCREMENT key, a unique
 * `email`, a `note`) and `notes` (a foreign key `personColumn` to `people`) and starts the proxy on the emulation,
 * `beforeEach` empties both tables, `afterAll` closes the proxy. Call it before the file registers its own hooks,
 * so that the ORM opens after the proxy started and closes before it stops.
 *
 * @example
 * const db = useTestDatabase();
 * const guarded = useGuardTables(db);
 * beforeAll(() => {
 *   knex = openKnex(guarded.url(), 2);
 *   matrixone(knex, guarded.adapterOptions);
 * });
 */
export function useGuardTables(db: TestDatabase, personColumn = 'person_id'): GuardTables {
  const emulated = testServer().flavor !== 'matrixone';
  let proxy: FaultProxy | undefined;
  beforeAll(async () => {
    await db.inspect.query(
      'CREATE TABLE people (id BIGINT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(60) NOT NULL UNIQUE, note VARCHAR(60))',
    );
    await db.inspect.query(
      `CREATE TABLE notes (id BIGINT AUTO_INCREMENT PRIMARY KEY, ${personColumn} BIGINT NOT NULL, ` +
        `FOREIGN KEY (${personColumn}) REFERENCES people (id))`,
    );
    if (emulated) {
      // MatrixOne's insert ids too (the last id of a multi-row INSERT), as a real server gives the adapters.
      proxy = await startFaultProxy(db.url, { lastInsertId: {} });
      answerOrmStatementsLikeMatrixOne(proxy, ['id', 'email']);
    }
  });
  beforeEach(async () => {
    await db.inspect.query('DELETE FROM notes');
    await db.inspect.query('DELETE FROM people');
  });
  afterAll(async () => {
    await proxy?.close();
  });
  const people = async (): Promise<GuardPerson[]> => {
    const [rows] = await db.inspect.query('SELECT email, note FROM people ORDER BY id');
    return (rows as { email: unknown; note: unknown }[]).map((row) => ({
      email: String(row.email),
      note: row.note === null ? null : String(row.note),
    }));
  };
  return {
    emulated,
    adapterOptions: emulated ? { serverFlavor: 'matrixone' } : {},
    url: () => proxy?.url ?? db.url,
    people,
    emails: async () => (await people()).map((person) => person.email),
    async noteCount() {
      const [rows] = await db.inspect.query('SELECT COUNT(*) AS n FROM notes');
      return Number((rows as { n: unknown }[])[0]?.n);
    },
  };
}
