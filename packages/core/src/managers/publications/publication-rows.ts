/**
 * Parsers for SHOW PUBLICATIONS, SHOW SUBSCRIPTIONS [ALL] and SHOW CREATE PUBLICATION rows
 * (docs/matrixone-facts.md#publications-accounts-data-branches).
 * Times are kept as the server's text: second-precision datetimes in the session time zone.
 */
import type { Row } from '../../connection/executor.js';
import { listCell, numberCell, requiredCell, textCell } from '../show-cell.js';

/** Where a list cell says "everything": `*` in SHOW PUBLICATIONS / SUBSCRIPTIONS. */
const EVERYTHING = '*';

/** A publication, as SHOW PUBLICATIONS lists it. */
export interface Publication {
  /** Publication name (lower-case, as stored). */
  readonly name: string;
  /** The published database; `*` for an account-level publication. */
  readonly database: string;
  /** The published tables, or `'all'` when the whole database is published. */
  readonly tables: readonly string[] | 'all';
  /** The accounts allowed to subscribe, or `'all'` (ACCOUNT ALL). */
  readonly accounts: readonly string[] | 'all';
  /** Accounts that have subscribed; empty when none has. */
  readonly subscribedAccounts: readonly string[];
  /** When it was created: the server's `YYYY-MM-DD HH:MM:SS` text in the session time zone. */
  readonly createdAt: string | undefined;
  /** When it was last altered (same format); `undefined` until altered. */
  readonly updatedAt: string | undefined;
  /** The comment; empty when none was given. */
  readonly comment: string;
}

/** What SHOW SUBSCRIPTIONS says about a subscription, as an `as const` object and a matching union. */
export const SubscriptionStatus = {
  /** The subscription works. */
  Normal: 'normal',
  /** The publisher no longer lists this account. */
  NotAuthorized: 'not-authorized',
  /** The publication was dropped. */
  PublicationDeleted: 'publication-deleted',
  /** A status code this SDK does not know; see {@link Subscription.statusCode}. */
  Unknown: 'unknown',
} as const;
/** One of {@link SubscriptionStatus}'s values. */
export type SubscriptionStatus = (typeof SubscriptionStatus)[keyof typeof SubscriptionStatus];

const STATUS_BY_CODE: Readonly<Record<number, SubscriptionStatus>> = {
  0: SubscriptionStatus.Normal,
  1: SubscriptionStatus.NotAuthorized,
  2: SubscriptionStatus.PublicationDeleted,
};

/** A publication offered to the current account, and its subscription when there is one. */
export interface Subscription {
  /** The publication's name. */
  readonly publication: string;
  /** The account that publishes it. */
  readonly publisherAccount: string;
  /** The publisher's database. */
  readonly publishedDatabase: string;
  /** The published tables, or `'all'`. */
  readonly tables: readonly string[] | 'all';
  /** The publication's comment; empty when none. */
  readonly comment: string;
  /** When the publication was created or last changed (server text, session time zone). */
  readonly publishedAt: string | undefined;
  /** The local database that subscribes; `undefined` for a publication not subscribed yet (SHOW SUBSCRIPTIONS ALL). */
  readonly database: string | undefined;
  /** When the subscription was made; `undefined` when not subscribed. */
  readonly subscribedAt: string | undefined;
  /** The subscription's state. */
  readonly status: SubscriptionStatus;
  /** The server's numeric status (0 normal, 1 not authorized, 2 publication deleted). */
  readonly statusCode: number | undefined;
}

/** The result of SHOW CREATE PUBLICATION. */
export interface PublicationDefinition {
  /** Publication name. */
  readonly name: string;
  /** The CREATE PUBLICATION text the server rebuilt from its catalog. */
  readonly createStatement: string;
}

const scope = (value: unknown): readonly string[] | 'all' => {
  const items = listCell(value);
  return items.length === 1 && items[0] === EVERYTHING ? 'all' : items;
};

/**
 * Turns one SHOW PUBLICATIONS row into a {@link Publication}.
 *
 * @example
 * parsePublicationRow({ publication: 'pub1', database: 'db1', tables: '*', sub_account: 'acc1',
 *   subscribed_accounts: '', create_time: '2026-08-13 22:17:04', update_time: null, comments: '' });
 */
export function parsePublicationRow(row: Row): Publication {
  const cell = (column: string): unknown => requiredCell(row, column, 'SHOW PUBLICATIONS');
  return {
    name: textCell(cell('publication')) ?? '',
    database: textCell(cell('database')) ?? '',
    tables: scope(cell('tables')),
    accounts: scope(cell('sub_account')),
    subscribedAccounts: listCell(cell('subscribed_accounts')),
    createdAt: textCell(cell('create_time')),
    updatedAt: textCell(cell('update_time')),
    comment: textCell(cell('comments')) ?? '',
  };
}

/**
 * Turns one SHOW SUBSCRIPTIONS [ALL] row into a {@link Subscription}.
 *
 * @example
 * parseSubscriptionRow({ pub_name: 'pub1', pub_account: 'sys', pub_database: 'db1', pub_tables: '*',
 *   pub_comment: '', pub_time: '2026-08-13 22:17:04', sub_name: 'sub1', sub_time: '2026-08-13 22:17:04', status: 0 });
 */
export function parseSubscriptionRow(row: Row): Subscription {
  const cell = (column: string): unknown => requiredCell(row, column, 'SHOW SUBSCRIPTIONS');
  const statusCode = numberCell(cell('status'));
  return {
    publication: textCell(cell('pub_name')) ?? '',
    publisherAccount: textCell(cell('pub_account')) ?? '',
    publishedDatabase: textCell(cell('pub_database')) ?? '',
    tables: scope(cell('pub_tables')),
    comment: textCell(cell('pub_comment')) ?? '',
    publishedAt: textCell(cell('pub_time')),
    database: textCell(cell('sub_name')),
    subscribedAt: textCell(cell('sub_time')),
    status:
      statusCode === undefined
        ? SubscriptionStatus.Unknown
        : (STATUS_BY_CODE[statusCode] ?? SubscriptionStatus.Unknown),
    statusCode,
  };
}

/**
 * Turns the SHOW CREATE PUBLICATION row into a {@link PublicationDefinition}.
 *
 * @example
 * parsePublicationDefinitionRow({ Publication: 'pub1', 'Create Publication': 'CREATE PUBLICATION pub1 DATABASE db1 ACCOUNT all' });
 */
export function parsePublicationDefinitionRow(row: Row): PublicationDefinition {
  const cell = (column: string): unknown => requiredCell(row, column, 'SHOW CREATE PUBLICATION');
  return {
    name: textCell(cell('Publication')) ?? '',
    createStatement: textCell(cell('Create Publication')) ?? '',
  };
}
