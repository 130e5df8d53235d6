/**
 * Shared pieces of the reliability tests: a table of `(id, name)` rows checked through the test database's
 * independent connection, and a helper that returns what a call threw.
 */
import type { TestDatabase } from '@matrixone/test-server';

/** Runs `fn` and returns what it threw; fails the test when it did not throw. */
export async function caught(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Creates `(id INT PRIMARY KEY, name VARCHAR(100))` tables and reads them without the SDK. */
export class RowTable {
  readonly #db: TestDatabase;
  /** The table name (plain ASCII, safe to write into test SQL). */
  readonly name: string;

  private constructor(db: TestDatabase, name: string) {
    this.#db = db;
    this.name = name;
  }

  /** Creates the table `name` in the test database. */
  static async create(db: TestDatabase, name: string): Promise<RowTable> {
    await db.inspect.query(
      `CREATE TABLE \`${name}\` (id INT NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL)`,
    );
    return new RowTable(db, name);
  }

  /** `INSERT INTO <table> (id, name) VALUES (?, ?)`. */
  get insertSql(): string {
    return `INSERT INTO \`${this.name}\` (id, name) VALUES (?, ?)`;
  }

  /** The committed ids, ascending. */
  async ids(): Promise<number[]> {
    const [rows] = await this.#db.inspect.query(`SELECT id FROM \`${this.name}\` ORDER BY id`);
    return (rows as Array<{ id: number }>).map((row) => Number(row.id));
  }
}

/** Sessions the server has open on `database` (from its process list), excluding the checking connection. */
export async function serverSessions(db: TestDatabase): Promise<number> {
  const [rows] = await db.inspect.query(
    'SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()',
    [db.name],
  );
  return Number((rows as Array<{ n: number | string }>)[0]?.n);
}

/** Polls `read` until it returns `expected` or `limitMs` passed; returns the last value read. */
export async function settlesTo<T>(read: () => Promise<T>, expected: T, limitMs = 15_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await read();
    if (value === expected || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
