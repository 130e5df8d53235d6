/**
 * The row checks of the everyday features, the same for every ORM: an ORM's suite makes the feature's calls in its
 * own API and hands what the ORM reported here, where it is compared with what the tables hold (read on the
 * harness's own connection) and classified.
 */
import { errnoOf, keyChangeRefusal } from './compat-failure.js';
import { type CompatOutcome, differs, works, wrong } from './compat-outcome.js';
import { type CompatTables, TYPES_ROW } from './compat-tables.js';

/** `works()` when the schema feature created `expected` columns in `schema_users` and `schema_posts`. */
export async function createdColumns(tables: CompatTables, expected: number): Promise<CompatOutcome> {
  const [columns] = await tables.inspect.query(
    "SELECT COUNT(*) AS n FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name IN ('schema_users', 'schema_posts')",
  );
  const count = Number((columns as { n: number }[])[0]?.n);
  return count === expected ? works() : wrong(`${count} columns created, ${expected} asked for`);
}

/** What the ORM reported in the crud feature. */
export interface CrudReport {
  /** The note it read for `a@x.io` before the update. */
  readonly found: unknown;
  /** How many rows it deleted (`b@x.io`). */
  readonly deleted: unknown;
  /** How many rows it counted at the end. */
  readonly count: unknown;
}

/**
 * The crud feature: the ORM inserted `a@x.io` (note `one`) and `b@x.io` (note `two`), read `a@x.io`, set its note
 * to `changed`, added 2 to its visits, deleted `b@x.io` and counted the rows.
 */
export async function crudOutcome(
  tables: CompatTables,
  { found, deleted, count }: CrudReport,
): Promise<CompatOutcome> {
  const [row] = await tables.inspect.query('SELECT note, visits FROM users');
  const stored = (row as { note: string; visits: number }[])[0];
  const right =
    found === 'one' &&
    deleted === 1 &&
    Number(count) === 1 &&
    stored?.note === 'changed' &&
    stored.visits === 2 &&
    (await tables.emails()).join() === 'a@x.io';
  return right ? works() : wrong(`read ${JSON.stringify({ found, deleted, count, stored })}`);
}

/** `works()` when `reported` is the id of the row the ORM inserted with `email`. */
export async function insertedIdOutcome(
  tables: CompatTables,
  email: string,
  reported: unknown,
): Promise<CompatOutcome> {
  const [stored] = await tables.idsOf([email]);
  return reported === stored ? works() : wrong(`reported ${reported}, the row is ${stored}`);
}

/** The emails the insert-many-ids feature inserts in one statement. */
export const MANY_EMAILS = ['m1@x.io', 'm2@x.io', 'm3@x.io'] as const;

/** `works()` when `reported` are the ids of the rows of {@link MANY_EMAILS}, in order; `what` names the ORM's report. */
export async function insertedIdsOutcome(
  tables: CompatTables,
  reported: readonly unknown[],
  what: string,
): Promise<CompatOutcome> {
  const stored = await tables.idsOf(MANY_EMAILS);
  return reported.join() === stored.join()
    ? works()
    : wrong(`${what} ${reported.join()}, the rows are ${stored.join()}`);
}

/** The cascade-delete feature: `remove` deletes the user whose id it gets (it has one post) and reports the count. */
export async function cascadeDeleteOutcome(
  tables: CompatTables,
  remove: (userId: number) => Promise<unknown>,
): Promise<CompatOutcome> {
  const userId = await tables.addUser('c@x.io');
  await tables.addPost(userId, 'child');
  const affected = await remove(userId);
  if ((await tables.postCount()) !== 0) return wrong('the child row was not deleted');
  if (affected === 1) return works('1 affected row');
  return differs(`${affected} affected rows: the cascaded child counted`);
}

/** `works()` when `email`'s note is `note` (other rows not looked at). */
export async function noteOutcome(tables: CompatTables, email: string, note: string): Promise<CompatOutcome> {
  const notes = await tables.notes();
  return notes[email] === note ? works() : wrong(`rows ${JSON.stringify(notes)}`);
}

/** `works()` when the users and their notes are exactly `expected`, in id order. */
export async function notesOutcome(
  tables: CompatTables,
  expected: Readonly<Record<string, string | null>>,
): Promise<CompatOutcome> {
  const notes = await tables.notes();
  return JSON.stringify(notes) === JSON.stringify(expected)
    ? works()
    : wrong(`rows ${JSON.stringify(notes)}`);
}

/** `ok` when the users' emails are exactly `expected`, in id order. */
async function emailsOutcome(
  tables: CompatTables,
  expected: readonly string[],
  ok: CompatOutcome = works(),
): Promise<CompatOutcome> {
  const emails = (await tables.emails()).join();
  return emails === expected.join() ? ok : wrong(`rows ${emails}`);
}

/**
 * The isolation-supported feature: `insertIn` inserts `email` in a transaction at `level`, for each of `levels`
 * (READ COMMITTED, then REPEATABLE READ, as the ORM names them); both rows must be committed.
 */
export async function isolationSupportedOutcome<Level extends string>(
  tables: CompatTables,
  levels: readonly [Level, Level],
  insertIn: (level: Level, email: string) => Promise<unknown>,
): Promise<CompatOutcome> {
  for (const level of levels) await insertIn(level, `${level.replace(' ', '-').toLowerCase()}@x.io`);
  return emailsOutcome(tables, ['read-committed@x.io', 'repeatable-read@x.io']);
}

/**
 * The upsert-key-change feature: `upsert` is meant to change the key column `column` of the one user to
 * `changedTo`. MariaDB changes it; the guard refuses it naming the column.
 */
export async function keyChangeOutcome(
  tables: CompatTables,
  upsert: () => Promise<unknown>,
  column: string,
  changedTo: string,
): Promise<CompatOutcome> {
  try {
    await upsert();
  } catch (error) {
    return keyChangeRefusal(error, column);
  }
  return emailsOutcome(tables, [changedTo], works('the key changed'));
}

/**
 * What a join feature loaded after `CompatTables.addUserWithPost()`: `users` as `email:titles` per user, `posts` as
 * `title:email` per post (either may be left out when the feature loads one side only).
 */
export function loadedOutcome(loaded: {
  readonly users?: readonly string[];
  readonly posts?: readonly string[];
}): CompatOutcome {
  const right =
    (loaded.users === undefined || loaded.users.join() === 'one@x.io:hello') &&
    (loaded.posts === undefined || loaded.posts.join() === 'hello:one@x.io');
  return right ? works() : wrong(`loaded ${[loaded.users, loaded.posts].filter(Boolean).join(' / ')}`);
}

/** The rows of the correlated-from feature's SELECT (each post's title and its user's email), when it ran. */
export function correlatedRowsOutcome(rows: unknown): CompatOutcome {
  return JSON.stringify(rows) === '[{"title":"hello","email":"one@x.io"}]'
    ? works()
    : wrong(`rows ${JSON.stringify(rows)}`);
}

/**
 * The read-only feature where the ORM sends `READ ONLY`: `outcome` of the transaction, in which a write was
 * attempted and `write` is `'written'` or what it rejected with. MariaDB fails the write; the guard refuses the
 * transaction.
 */
export async function readOnlyOutcome(
  tables: CompatTables,
  outcome: CompatOutcome,
  write: unknown,
): Promise<CompatOutcome> {
  if (outcome.kind !== 'works') return outcome;
  if ((await tables.emails()).length > 0) return wrong('the write inside was committed');
  return write === 'written'
    ? wrong('the write inside was accepted')
    : works(`a write inside fails (errno ${errnoOf(write)})`);
}

/**
 * {@link TYPES_ROW} as the ORM read it back: `profile` as an object (parsed where the ORM gives JSON as text) and
 * `active` as a boolean, each as the ORM's model names it.
 */
export type TypesRead = { readonly [Key in Exclude<keyof typeof TYPES_ROW, 'email'>]?: unknown };

/** `works()` when every value of {@link TYPES_ROW} read back as written, else `wrong` naming the others. */
export function typesOutcome(row: TypesRead | undefined): CompatOutcome {
  const seenAt = row?.seenAt instanceof Date ? row.seenAt.getTime() : undefined;
  const mismatches = [
    row?.balance === TYPES_ROW.balance ? '' : `balance ${row?.balance}`,
    seenAt === TYPES_ROW.seenAt.getTime() ? '' : `seenAt ${row?.seenAt}`,
    JSON.stringify(row?.profile) === JSON.stringify(TYPES_ROW.profile)
      ? ''
      : `profile ${JSON.stringify(row?.profile)}`,
    row?.active === false ? '' : `active ${row?.active}`,
    row?.role === TYPES_ROW.role ? '' : `role ${row?.role}`,
    row?.bio === TYPES_ROW.bio ? '' : 'bio',
    row?.note === null ? '' : `note ${row?.note}`,
  ].filter(Boolean);
  return mismatches.length === 0 ? works() : wrong(mismatches.join(', '));
}

/** The auto-increment-after-alter feature: the ids of the rows inserted before and after the ALTER TABLE. */
export function nextIdOutcome(first: unknown, next: unknown): CompatOutcome {
  return next === Number(first) + 1
    ? works('the next id follows the last')
    : differs(`the next id jumped from ${first} to ${next}`);
}
