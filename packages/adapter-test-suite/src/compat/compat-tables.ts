/**
 * The tables every ORM's compatibility suite works on, created by the harness in the DDL forms MatrixOne 4.2.0
 * was recorded accepting from the ORMs (column UNIQUE, inline FOREIGN KEY … ON DELETE CASCADE), and read back on
 * the harness's own connection so a result is checked against the table, not the ORM's own report.
 */
import type mysql from 'mysql2/promise';

/** `users` and `posts`; an ORM's models map onto these columns. */
export const COMPAT_TABLES_SQL = [
  'CREATE TABLE users (id BIGINT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(60) NOT NULL UNIQUE, ' +
    'note VARCHAR(60), balance DECIMAL(12,2), seen_at DATETIME(3), profile JSON, active BOOLEAN, ' +
    "role ENUM('admin','user','guest'), bio TEXT, visits INT NOT NULL DEFAULT 0)",
  'CREATE TABLE posts (id BIGINT AUTO_INCREMENT PRIMARY KEY, user_id BIGINT NOT NULL, title VARCHAR(100) NOT NULL, ' +
    'FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE)',
] as const;

/** The unique and primary-key columns of the tables, for the fault proxy's upsert rule. */
export const COMPAT_KEY_COLUMNS = ['id', 'email'] as const;

/** The values the types feature writes, and how each must read back. */
export const TYPES_ROW = {
  email: 'types@x.io',
  balance: '12345.67',
  seenAt: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 123)),
  profile: { a: 1, list: ['x', 'y'] },
  active: false,
  role: 'guest',
  bio: 'b'.repeat(5000),
  note: null,
} as const;

/** Reads the committed rows of the suite's tables on the harness's own connection. */
export class CompatTables {
  readonly #inspect: () => mysql.Connection;

  constructor(inspect: () => mysql.Connection) {
    this.#inspect = inspect;
  }

  /** The harness's connection, for set-up statements a feature needs outside the ORM. */
  get inspect(): mysql.Connection {
    return this.#inspect();
  }

  /** Empties both tables. */
  async clear(): Promise<void> {
    await this.inspect.query('DELETE FROM posts');
    await this.inspect.query('DELETE FROM users');
  }

  /** The users' emails, in id order. */
  async emails(): Promise<string[]> {
    const [rows] = await this.inspect.query<mysql.RowDataPacket[]>('SELECT email FROM users ORDER BY id');
    return rows.map((row) => String(row.email));
  }

  /** `email → note` of every user, in id order. */
  async notes(): Promise<Record<string, string | null>> {
    const [rows] = await this.inspect.query<mysql.RowDataPacket[]>(
      'SELECT email, note FROM users ORDER BY id',
    );
    return Object.fromEntries(
      rows.map((row) => [String(row.email), row.note === null ? null : String(row.note)]),
    );
  }

  /** The ids of the users with these emails, in the emails' order (`undefined` for a missing one). */
  async idsOf(emails: readonly string[]): Promise<(number | undefined)[]> {
    const [rows] = await this.inspect.query<mysql.RowDataPacket[]>(
      'SELECT id, email FROM users WHERE email IN (?)',
      [emails],
    );
    const byEmail = new Map(rows.map((row) => [String(row.email), Number(row.id)]));
    return emails.map((email) => byEmail.get(email));
  }

  /** Inserts a user on the harness's connection and returns its id. */
  async addUser(email: string, note: string | null = null): Promise<number> {
    const [result] = await this.inspect.query<mysql.ResultSetHeader>(
      'INSERT INTO users (email, note) VALUES (?, ?)',
      [email, note],
    );
    return result.insertId;
  }

  /** Inserts a post of `userId` on the harness's connection and returns its id. */
  async addPost(userId: number, title: string): Promise<number> {
    const [result] = await this.inspect.query<mysql.ResultSetHeader>(
      'INSERT INTO posts (user_id, title) VALUES (?, ?)',
      [userId, title],
    );
    return result.insertId;
  }

  /** Inserts the user and post the join features read: `one@x.io` with one post, `hello`. */
  async addUserWithPost(): Promise<void> {
    await this.addPost(await this.addUser('one@x.io'), 'hello');
  }

  /** Number of rows in `posts`. */
  async postCount(): Promise<number> {
    const [rows] = await this.inspect.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM posts');
    return Number(rows[0]?.n);
  }
}
