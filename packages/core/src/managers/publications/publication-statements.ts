/**
 * Pure builders for publication and subscription statements
 * (docs/matrixone-facts.md#publications-accounts-data-branches). No I/O: each returns the
 * {@link Statement} a manager sends. Names go through the identifier module, comments and LIKE patterns
 * through the literal module (MatrixOne's grammar takes a string literal there, not a placeholder).
 */
import type { Statement } from '../../connection/executor.js';
import { InvalidInputError } from '../../errors/errors.js';
import { IdentifierKind, normalizeCatalogName, quoteIdentifier } from '../../sql/identifier.js';
import { likeClause, quoteString } from '../../sql/literal.js';

/** Who may subscribe: every account (`'all'`, sent as `ACCOUNT ALL`) or the listed accounts. */
export type PublicationAccounts = readonly string[] | 'all';

/** Options of {@link PublicationManager.create}. */
export interface CreatePublicationOptions {
  /** Publication name; sent lower-cased (MatrixOne stores it so). */
  readonly name: string;
  /** The published database. */
  readonly database: string;
  /** Publish only these tables of `database`; the whole database when omitted. */
  readonly tables?: readonly string[];
  /** The accounts allowed to subscribe, or `'all'`. */
  readonly accounts: PublicationAccounts;
  /** A comment stored with the publication. */
  readonly comment?: string;
  /**
   * Do nothing when a publication with this name exists. The manager checks SHOW PUBLICATIONS first,
   * because MatrixOne parses `IF NOT EXISTS` here but its handler does not act on it.
   */
  readonly ifNotExists?: boolean;
}

/** How ALTER PUBLICATION changes the account list: replace it, or add or drop some accounts. */
export type PublicationAccountsChange =
  | PublicationAccounts
  | { readonly add: readonly string[] }
  | { readonly drop: readonly string[] };

/** Options of {@link PublicationManager.alter}; at least one change is required. */
export interface AlterPublicationOptions {
  /** Publication name. */
  readonly name: string;
  /** Succeed without changes when the publication does not exist. */
  readonly ifExists?: boolean;
  /** New account list, or accounts to add or drop. */
  readonly accounts?: PublicationAccountsChange;
  /** Publish this database instead. */
  readonly database?: string;
  /** Publish only these tables. */
  readonly tables?: readonly string[];
  /** Replace the comment. */
  readonly comment?: string;
}

/** Options of {@link PublicationManager.drop}. */
export interface DropPublicationOptions {
  /** Publication name. */
  readonly name: string;
  /** Succeed when the publication does not exist. */
  readonly ifExists?: boolean;
}

/** Options of {@link PublicationManager.subscribe}: `CREATE DATABASE database FROM fromAccount PUBLICATION publication`. */
export interface SubscribeOptions {
  /** The local database that will show the published data. */
  readonly database: string;
  /** The account that owns the publication. */
  readonly fromAccount: string;
  /** The publication name. */
  readonly publication: string;
  /** Do nothing when the local database exists. */
  readonly ifNotExists?: boolean;
}

/** Options of {@link PublicationManager.list}. */
export interface ListPublicationsOptions {
  /** A LIKE pattern on the publication name (`%` and `_` are wildcards). */
  readonly like?: string;
}

/** Options of {@link PublicationManager.listSubscriptions}. */
export interface ListSubscriptionsOptions {
  /** Also list publications offered to this account that it has not subscribed to (`SHOW SUBSCRIPTIONS ALL`). */
  readonly all?: boolean;
  /** A LIKE pattern on the publication name. */
  readonly like?: string;
}

const publicationName = (name: unknown): string =>
  quoteIdentifier(normalizeCatalogName(name, IdentifierKind.Publication), IdentifierKind.Publication);

const accountName = (name: unknown): string =>
  quoteIdentifier(normalizeCatalogName(name, IdentifierKind.Account), IdentifierKind.Account);

function nameList(names: unknown, argument: string, quote: (name: unknown) => string): string {
  if (!Array.isArray(names) || names.length === 0) {
    throw new InvalidInputError(argument, `The ${argument} must be a non-empty array of names.`);
  }
  return names.map(quote).join(', ');
}

function accountsClause(accounts: PublicationAccountsChange): string {
  if (accounts === 'all') return 'ACCOUNT ALL';
  if (Array.isArray(accounts)) return `ACCOUNT ${nameList(accounts, 'accounts', accountName)}`;
  if ('add' in accounts) return `ACCOUNT ADD ${nameList(accounts.add, 'accounts to add', accountName)}`;
  if ('drop' in accounts) return `ACCOUNT DROP ${nameList(accounts.drop, 'accounts to drop', accountName)}`;
  throw new InvalidInputError(
    'accounts',
    "The accounts must be 'all', an array of account names, { add: [...] } or { drop: [...] }.",
  );
}

const tablesClause = (tables: readonly string[]): string =>
  `TABLE ${nameList(tables, 'tables', (table) => quoteIdentifier(table, IdentifierKind.Table))}`;

/**
 * `CREATE PUBLICATION [IF NOT EXISTS] p DATABASE db [TABLE t1, …] ACCOUNT {ALL | a1, …} [COMMENT '…']`.
 *
 * @example
 * createPublicationStatement({ name: 'pub1', database: 'shop', accounts: ['acc1'] });
 * // { sql: 'CREATE PUBLICATION `pub1` DATABASE `shop` ACCOUNT `acc1`' }
 */
export function createPublicationStatement(options: CreatePublicationOptions): Statement {
  const parts = [
    `CREATE PUBLICATION${options.ifNotExists ? ' IF NOT EXISTS' : ''} ${publicationName(options.name)}`,
    `DATABASE ${quoteIdentifier(options.database, IdentifierKind.Database)}`,
  ];
  if (options.tables !== undefined) parts.push(tablesClause(options.tables));
  parts.push(accountsClause(options.accounts));
  if (options.comment !== undefined) parts.push(`COMMENT ${quoteString(options.comment, 'comment')}`);
  return { sql: parts.join(' ') };
}

/**
 * `ALTER PUBLICATION [IF EXISTS] p [ACCOUNT …] [DATABASE db] [TABLE t1, …] [COMMENT '…']`.
 *
 * @example
 * alterPublicationStatement({ name: 'pub1', accounts: { add: ['acc2'] } });
 * // { sql: 'ALTER PUBLICATION `pub1` ACCOUNT ADD `acc2`' }
 */
export function alterPublicationStatement(options: AlterPublicationOptions): Statement {
  const changes: string[] = [];
  if (options.accounts !== undefined) changes.push(accountsClause(options.accounts));
  if (options.database !== undefined) {
    changes.push(`DATABASE ${quoteIdentifier(options.database, IdentifierKind.Database)}`);
  }
  if (options.tables !== undefined) changes.push(tablesClause(options.tables));
  if (options.comment !== undefined) changes.push(`COMMENT ${quoteString(options.comment, 'comment')}`);
  if (changes.length === 0) {
    throw new InvalidInputError(
      'publication change',
      'Pass at least one of accounts, database, tables or comment to alter a publication.',
    );
  }
  const head = `ALTER PUBLICATION${options.ifExists ? ' IF EXISTS' : ''} ${publicationName(options.name)}`;
  return { sql: [head, ...changes].join(' ') };
}

/**
 * `DROP PUBLICATION [IF EXISTS] p`.
 *
 * @example
 * dropPublicationStatement({ name: 'pub1', ifExists: true }); // { sql: 'DROP PUBLICATION IF EXISTS `pub1`' }
 */
export function dropPublicationStatement(options: DropPublicationOptions): Statement {
  return { sql: `DROP PUBLICATION${options.ifExists ? ' IF EXISTS' : ''} ${publicationName(options.name)}` };
}

/**
 * `SHOW PUBLICATIONS [LIKE '…']`.
 *
 * @example
 * listPublicationsStatement({ like: 'pub%' }); // { sql: "SHOW PUBLICATIONS LIKE 'pub%'" }
 */
export function listPublicationsStatement(options: ListPublicationsOptions = {}): Statement {
  return { sql: `SHOW PUBLICATIONS${likeClause(options.like)}` };
}

/**
 * `SHOW CREATE PUBLICATION p`.
 *
 * @example
 * showCreatePublicationStatement('pub1'); // { sql: 'SHOW CREATE PUBLICATION `pub1`' }
 */
export function showCreatePublicationStatement(name: string): Statement {
  return { sql: `SHOW CREATE PUBLICATION ${publicationName(name)}` };
}

/**
 * `CREATE DATABASE [IF NOT EXISTS] db FROM account PUBLICATION p` (subscribe).
 *
 * @example
 * subscribeStatement({ database: 'shop_copy', fromAccount: 'sys', publication: 'pub1' });
 * // { sql: 'CREATE DATABASE `shop_copy` FROM `sys` PUBLICATION `pub1`' }
 */
export function subscribeStatement(options: SubscribeOptions): Statement {
  return {
    sql:
      `CREATE DATABASE${options.ifNotExists ? ' IF NOT EXISTS' : ''} ` +
      `${quoteIdentifier(options.database, IdentifierKind.Database)} ` +
      `FROM ${accountName(options.fromAccount)} PUBLICATION ${publicationName(options.publication)}`,
  };
}

/**
 * `SHOW SUBSCRIPTIONS [ALL] [LIKE '…']`.
 *
 * @example
 * listSubscriptionsStatement({ all: true }); // { sql: 'SHOW SUBSCRIPTIONS ALL' }
 */
export function listSubscriptionsStatement(options: ListSubscriptionsOptions = {}): Statement {
  return { sql: `SHOW SUBSCRIPTIONS${options.all ? ' ALL' : ''}${likeClause(options.like)}` };
}
