import { describe, expect, it } from 'vitest';
import { tableKeysOf } from '../../../src/connection/matrixone/table-keys.js';
import {
  type TableKeys,
  planUpsert,
  readUpsert,
} from '../../../src/connection/matrixone/upsert-key-assignments.js';

/** The recorded test table: auto-increment `id` primary key, unique `email`. */
const users: TableKeys = { unique: [['id'], ['email']], autoIncrement: ['id'] };

function plan(sql: string, keys: TableKeys = users, values?: unknown[]) {
  const upsert = readUpsert(sql, values);
  if (!upsert) throw new Error(`not read: ${sql}`);
  return planUpsert(upsert, keys);
}

describe('upsert key assignments (statements as the ORMs sent them to MatrixOne 4.2)', () => {
  it('Knex merge(): drops `email = values(email)`, keeps the rest as written', () => {
    const sql =
      "insert into `users` (`balance`, `email`, `nickname`) values ('99.00', 'm1@x.io', 'merged') on duplicate key update `balance` = values(`balance`), `email` = values(`email`), `nickname` = values(`nickname`)";
    expect(plan(sql)).toEqual({
      action: 'rewrite',
      sql: "insert into `users` (`balance`, `email`, `nickname`) values ('99.00', 'm1@x.io', 'merged') on duplicate key update `balance` = values(`balance`), `nickname` = values(`nickname`)",
    });
  });

  it('Sequelize upsert (prepared, id bound to NULL): drops the key assignment', () => {
    const sql =
      'INSERT INTO `users` (`id`,`email`,`balance`) VALUES (?,?,?) ON DUPLICATE KEY UPDATE `email`=VALUES(`email`),`balance`=VALUES(`balance`);';
    expect(plan(sql, users, [null, 'm1@x.io', '44.00'])).toEqual({
      action: 'rewrite',
      sql: 'INSERT INTO `users` (`id`,`email`,`balance`) VALUES (?,?,?) ON DUPLICATE KEY UPDATE `balance`=VALUES(`balance`)',
    });
    // A bound id can conflict on the primary key: VALUES(email) would then change the email.
    expect(plan(sql, users, [7, 'm1@x.io', '44.00'])).toMatchObject({ action: 'refuse', column: 'email' });
  });

  it('TypeORM upsert (id DEFAULT) and Drizzle (`values(`users`.`email`)`, a literal set)', () => {
    expect(
      plan(
        "INSERT INTO `users`(`id`, `email`, `balance`) VALUES (DEFAULT, 'm1@x.io', '66.00') ON DUPLICATE KEY UPDATE `email` = VALUES(`email`), `balance` = VALUES(`balance`)",
      ),
    ).toMatchObject({
      action: 'rewrite',
      sql: expect.stringMatching(/UPDATE `balance` = VALUES\(`balance`\)$/),
    });
    expect(
      plan(
        "insert into `users` (`id`, `email`, `balance`) values (default, 'm1@x.io', '5.00') on duplicate key update `email` = values(`users`.`email`), `balance` = '5.00'",
      ),
    ).toMatchObject({ action: 'rewrite', sql: expect.stringMatching(/update `balance` = '5.00'$/) });
  });

  it("Drizzle's do-nothing `id = id`: nothing left, so a non-key column assigns itself", () => {
    expect(
      plan(
        "insert into `users` (`id`, `email`, `bio`) values (default, 'm1@x.io', 'hi') on duplicate key update `id` = id",
      ),
    ).toEqual({
      action: 'rewrite',
      sql: "insert into `users` (`id`, `email`, `bio`) values (default, 'm1@x.io', 'hi') on duplicate key update `bio` = `bio`",
    });
  });

  it('a key really changed is refused, naming the column', () => {
    expect(
      plan("insert into users (email, bio) values ('a@x.io', 'x') on duplicate key update email = 'b@x.io'"),
    ).toMatchObject({ action: 'refuse', column: 'email' });
    // An explicit id can conflict on the primary key, where VALUES(email) would change the email.
    expect(
      plan(
        "insert into users (id, email) values (5, 'a@x.io') on duplicate key update email = values(email)",
      ),
    ).toMatchObject({ action: 'refuse', column: 'email' });
    // A second unique key can conflict on its own.
    const twoKeys: TableKeys = { unique: [['id'], ['email'], ['login']], autoIncrement: ['id'] };
    expect(
      plan(
        "insert into users (email, login) values ('a@x.io', 'a') on duplicate key update email = values(email), login = values(login)",
        twoKeys,
      ),
    ).toMatchObject({ action: 'refuse', column: 'email' });
  });

  it('statements with no key assignment, and shapes it does not understand, are left alone', () => {
    expect(
      plan("insert into users (email, bio) values ('a@x.io', 'x') on duplicate key update bio = values(bio)"),
    ).toEqual({ action: 'leave' });
    for (const sql of [
      "insert into users values (1, 'a@x.io') on duplicate key update email = values(email)",
      'insert into users (email) select email from old on duplicate key update email = values(email)',
      "insert into users (email) values ('a') as new on duplicate key update email = new.email",
      "insert into users (email) values ('a') on duplicate key update email = values(email); delete from users",
      "update users set email = 'a'",
    ]) {
      expect(readUpsert(sql)).toBeUndefined();
    }
  });

  it('keys as MatrixOne lists them: PRI/UNI from COLUMNS, unique indexes from STATISTICS, names lower-cased', () => {
    const keys = tableKeysOf(
      [
        { COLUMN_NAME: 'id', COLUMN_KEY: 'PRI', EXTRA: 'auto_increment' },
        { COLUMN_NAME: 'Email', COLUMN_KEY: 'UNI', EXTRA: '' },
        { COLUMN_NAME: 'a', COLUMN_KEY: 'MUL', EXTRA: '' },
        { COLUMN_NAME: 'b', COLUMN_KEY: '', EXTRA: '' },
      ],
      [
        { INDEX_NAME: 'idx_ab', COLUMN_NAME: 'a' },
        { INDEX_NAME: 'idx_ab', COLUMN_NAME: 'b' },
      ],
    );
    expect(keys).toEqual({ unique: [['id'], ['a', 'b'], ['email']], autoIncrement: ['id'] });
    expect(tableKeysOf([], [])).toBeUndefined();
  });
});
