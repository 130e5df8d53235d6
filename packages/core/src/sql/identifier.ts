/**
 * The one place that turns names into SQL identifiers. Every name a user passes (database, table, snapshot,
 * PITR, publication, account, user, role; data branches are named by their database and table) is validated
 * here for its kind and then back-quoted. Nothing else in the SDK puts a name into SQL text.
 *
 * MatrixOne facts (see `docs/matrixone-facts.md`, Names):
 * - back-quoted identifiers double an inner backtick; an empty back-quoted name is a lexer error;
 * - every `ident` (snapshot, PITR, publication, account, savepoint names) is lower-cased by the server;
 * - snapshot, PITR and database names may not contain space, tab, backtick, `"` or `'` even when quoted
 *   (`internal error: invalid input`), so they are refused here before any SQL is sent;
 * - account names must match `[A-Za-z0-9_-]+`; user and role names may not contain `:` or `#`;
 * - backslashes: the lexer keeps them inside back-quotes, but the server copies snapshot, PITR, publication, user
 *   and role names, and the database and table names those statements name, into string literals of its own
 *   catalog SQL, where they are read as escapes (observed on MatrixOne 4.2.0: ``CREATE SNAPSHOT `a\bs` `` stored
 *   `a` + 0x08 + `s`). Those kinds refuse the backslash; column and savepoint names never reach such SQL.
 *   Publication, user and role names are copied between quotes there (`'%s'`, `"%s"`), so they refuse quotes
 *   too (table names are stored as given and are not refused them: unverified what a quote does in a snapshot,
 *   PITR or publication that names the table);
 * - each kind's length limit is the catalog column that stores it (`predefined.go`, `mo_database`/`mo_tables`):
 *   longer names are cut silently (observed: a 67-character snapshot name was stored as its first 64), so they
 *   are refused here.
 */
import { InvalidInputError } from '../errors/errors.js';

/** The kinds of names the SDK builds into SQL, each with its own rules. */
export const IdentifierKind = {
  Database: 'database',
  Table: 'table',
  Column: 'column',
  Snapshot: 'snapshot',
  Pitr: 'pitr',
  Publication: 'publication',
  Account: 'account',
  User: 'user',
  Role: 'role',
  Savepoint: 'savepoint',
  Index: 'index',
  Stage: 'stage',
  CdcTask: 'cdc task',
} as const;
/** One of {@link IdentifierKind}'s values. */
export type IdentifierKind = (typeof IdentifierKind)[keyof typeof IdentifierKind];

interface KindRule {
  readonly maxLength: number;
  /** Characters the server refuses in this kind of name even when quoted. */
  readonly forbidden?: RegExp;
  readonly forbiddenText?: string;
  /** A pattern the whole name must match. */
  readonly pattern?: RegExp;
  readonly patternText?: string;
}

/** Refused where the server would read them as part of the name's text (see the module comment). */
const QUOTES_AND_SPACES = {
  forbidden: /[\s`"'\\]/u,
  forbiddenText: 'whitespace, backticks, quotes or backslashes',
};
const BACKSLASH = { forbidden: /\\/, forbiddenText: 'a backslash' };
/** Names the server copies into its catalog SQL between quotes, where a quote would end the string. */
const QUOTES_AND_BACKSLASH = { forbidden: /["'\\]/, forbiddenText: 'quotes or backslashes' };
const LOGIN_SEPARATORS = {
  forbidden: /[:#"'\\]/,
  forbiddenText: '":" or "#" (login separators), quotes or backslashes',
};

const RULES: Record<IdentifierKind, KindRule> = {
  // mo_database.datname, mo_tables.relname: varchar(5000); a 67-character database name was accepted.
  database: { maxLength: 5000, ...QUOTES_AND_SPACES },
  table: { maxLength: 5000, ...BACKSLASH },
  column: { maxLength: 64 },
  // mo_snapshots.sname: varchar(64); a longer name is cut to 64 without an error.
  snapshot: { maxLength: 64, ...QUOTES_AND_SPACES },
  // mo_pitr.pitr_name: varchar(5000).
  pitr: { maxLength: 5000, ...QUOTES_AND_SPACES },
  // mo_pubs.pub_name, mo_subs.pub_name: varchar(64).
  publication: { maxLength: 64, ...QUOTES_AND_BACKSLASH },
  // mo_account.account_name: varchar(300).
  account: { maxLength: 300, pattern: /^[A-Za-z0-9_-]+$/, patternText: 'only letters, digits, "_" and "-"' },
  // mo_user.user_name: varchar(300).
  user: { maxLength: 300, ...LOGIN_SEPARATORS },
  // mo_role.role_name is varchar(300), but grants copy it into mo_role_privs.role_name, varchar(100).
  role: { maxLength: 100, ...LOGIN_SEPARATORS },
  savepoint: { maxLength: 64, pattern: /^[A-Za-z_][A-Za-z0-9_]*$/, patternText: 'letters, digits and "_"' },
  // Vector and full-text index names: mo_indexes.name is varchar(64). The server copies index names into its
  // own catalog SQL like table names, so the backslash is refused as for tables (unverified what it would do).
  index: { maxLength: 64, ...BACKSLASH },
  // Stage names also go inside 'stage://name/…' URLs, so only plain names are taken; no recorded length limit.
  stage: { maxLength: 64, pattern: /^[A-Za-z_][A-Za-z0-9_]*$/, patternText: 'letters, digits and "_"' },
  // CDC task names: the recordings use plain names only (ref_cdc1); the server copies them into its catalog SQL.
  'cdc task': { maxLength: 64, pattern: /^[A-Za-z_][A-Za-z0-9_]*$/, patternText: 'letters, digits and "_"' },
};

/** Checks `name` against the rules for its kind and returns it unchanged; throws {@link InvalidInputError}. */
export function validateIdentifier(name: unknown, kind: IdentifierKind): string {
  const label = `${kind} name`;
  if (typeof name !== 'string')
    throw new InvalidInputError(label, `The ${label} must be a string, got ${typeof name}.`);
  if (name.length === 0) throw new InvalidInputError(label, `The ${label} must not be empty.`);
  if (name.includes('\0'))
    throw new InvalidInputError(label, `The ${label} must not contain a NUL character.`);
  if (!name.isWellFormed()) {
    throw new InvalidInputError(label, `The ${label} must be well-formed Unicode (it has a lone surrogate).`);
  }
  if (name.trim() !== name) {
    throw new InvalidInputError(label, `The ${label} must not start or end with whitespace.`);
  }
  const rule = RULES[kind];
  const length = [...name].length;
  if (length > rule.maxLength) {
    throw new InvalidInputError(
      label,
      `The ${label} is ${length} characters long; the limit is ${rule.maxLength}.`,
    );
  }
  if (rule.forbidden?.test(name)) {
    throw new InvalidInputError(label, `The ${label} must not contain ${rule.forbiddenText}.`);
  }
  if (rule.pattern && !rule.pattern.test(name)) {
    throw new InvalidInputError(label, `The ${label} may contain ${rule.patternText}.`);
  }
  return name;
}

/**
 * Validates a name for its kind and back-quotes it, doubling any inner backtick.
 *
 * @example
 * quoteIdentifier('order', 'table'); // '`order`'
 * quoteIdentifier('a`b', 'table');   // '`a``b`'
 */
export function quoteIdentifier(name: unknown, kind: IdentifierKind): string {
  return `\`${validateIdentifier(name, kind).replaceAll('`', '``')}\``;
}

/** A table name, optionally qualified by its database. */
export interface TableRef {
  readonly database?: string;
  readonly table: string;
}

/**
 * Quotes `db`.`table` (or just `table` when no database is given).
 *
 * @example
 * quoteTable({ database: 'shop', table: 'orders' }); // '`shop`.`orders`'
 */
export function quoteTable(ref: TableRef): string {
  const table = quoteIdentifier(ref.table, IdentifierKind.Table);
  return ref.database === undefined
    ? table
    : `${quoteIdentifier(ref.database, IdentifierKind.Database)}.${table}`;
}

/**
 * MatrixOne stores snapshot, PITR, publication and account names lower-cased (Unicode rules); the SDK sends
 * them lower-cased so that what it reports back matches what the caller passed.
 */
export function normalizeCatalogName(name: unknown, kind: IdentifierKind): string {
  // Lower-casing can lengthen a name ('İ' becomes two code points): the stored form must fit too.
  return validateIdentifier(validateIdentifier(name, kind).toLowerCase(), kind);
}
