/**
 * The suite's test tables, created and read through the test database's independent `inspect` connection,
 * so what an adapter wrote is checked without trusting the adapter's own reads.
 */
import type { TestDatabase } from '@matrixone/test-server';
import type { TestRow } from './driver.js';

/** Creates and reads the suite's `(id INT PRIMARY KEY, name VARCHAR(100))` tables in one test database. */
export class TestTables {
  readonly #db: TestDatabase;
  #created = 0;

  constructor(db: TestDatabase) {
    this.#db = db;
  }

  /** Creates an empty table with a name unique in this run, starting with `purpose`. */
  async create(purpose: string): Promise<string> {
    this.#created += 1;
    const table = `${purpose}_${this.#created}`;
    await this.#db.inspect.query(
      `CREATE TABLE \`${table}\` (id INT NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL)`,
    );
    return table;
  }

  /** The committed rows of `table`, ordered by id. */
  async rows(table: string): Promise<TestRow[]> {
    const [rows] = await this.#db.inspect.query(`SELECT id, name FROM \`${table}\` ORDER BY id`);
    return (rows as Array<{ id: number; name: string }>).map(({ id, name }) => ({ id: Number(id), name }));
  }

  /** The number of committed rows in `table`. */
  async count(table: string): Promise<number> {
    const [rows] = await this.#db.inspect.query(`SELECT COUNT(*) AS n FROM \`${table}\``);
    const [row] = rows as Array<{ n: number | string }>;
    return Number(row?.n ?? 0);
  }
}

/** `INSERT INTO <table> (id, name) VALUES (?, ?)`: how the suite writes a row through `mo`. */
export function insertRowSql(table: string): string {
  return `INSERT INTO \`${table}\` (id, name) VALUES (?, ?)`;
}
