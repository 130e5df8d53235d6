import { describe, expect, it } from 'vitest';
import { ServerError } from '../../../src/errors/errors.js';
import {
  SubscriptionStatus,
  parsePublicationDefinitionRow,
  parsePublicationRow,
  parseSubscriptionRow,
} from '../../../src/managers/publications/publication-rows.js';
import { findSteps, loadRecordedCase, recordedRows } from '../../support/recorded-cases.js';
import { withNulls } from '../../support/recording-context.js';

const pubSub = loadRecordedCase('publication_subscription/pub_sub');
const pubSub3 = loadRecordedCase('publication_subscription/pub_sub3');
const rowsOf = (steps: typeof pubSub, statement: string, index = 0) => {
  const step = findSteps(steps, (sql) => sql.trim() === statement)[index];
  if (!step) throw new Error(`no recorded "${statement}" #${index}`);
  return recordedRows(step).map(withNulls);
};

describe('SHOW PUBLICATIONS rows', () => {
  it('parses the plain layout (pub_sub)', () => {
    const [publication] = rowsOf(pubSub, 'show publications;').map(parsePublicationRow);
    expect(publication).toEqual({
      name: 'publication01',
      database: 'database03',
      tables: 'all',
      accounts: ['test_tenant_1'],
      subscribedAccounts: ['test_tenant_1'],
      createdAt: '2024-07-23 21:40:26',
      updatedAt: '2024-07-23 21:40:27',
      comment: 'republish',
    });
  });

  it('parses the typed layout with ACCOUNT ALL, table lists and NULL update times (pub_sub3)', () => {
    const publications = rowsOf(pubSub3, 'show publications;').map(parsePublicationRow);
    expect(publications.map((p) => p.name)).toEqual(['$$$', 'account', 'add']);
    expect(publications[0]).toMatchObject({
      database: 'db01',
      tables: 'all',
      accounts: 'all',
      subscribedAccounts: [],
    });
    expect(publications[1]).toMatchObject({
      tables: ['table01', 'table02'],
      accounts: ['acc01'],
      comment: '',
    });
    expect(publications.every((p) => p.updatedAt === undefined)).toBe(true);
    expect(publications.every((p) => p.createdAt === '2026-08-13 22:17:04')).toBe(true);
  });

  it('prints a driver-converted TIMESTAMP back as the server text', () => {
    const [row] = rowsOf(pubSub, 'show publications;');
    const publication = parsePublicationRow({ ...row, create_time: new Date(2024, 6, 23, 21, 40, 26) });
    expect(publication.createdAt).toBe('2024-07-23 21:40:26');
  });

  it('reports a missing column as a ServerError', () => {
    const [row] = rowsOf(pubSub, 'show publications;');
    const { sub_account: _dropped, ...rest } = row ?? {};
    expect(() => parsePublicationRow(rest)).toThrow(ServerError);
  });
});

describe('SHOW SUBSCRIPTIONS rows', () => {
  it('parses SHOW SUBSCRIPTIONS ALL (plain layout)', () => {
    const [subscription] = rowsOf(pubSub, 'show subscriptions all;').map(parseSubscriptionRow);
    expect(subscription).toEqual({
      publication: 'publication01',
      publisherAccount: 'sys',
      publishedDatabase: 'republication01',
      tables: 'all',
      comment: 'republish',
      publishedAt: '2024-07-23 21:40:26',
      database: 'resub01',
      subscribedAt: '2024-07-23 21:40:26',
      status: SubscriptionStatus.Normal,
      statusCode: 0,
    });
  });

  it('parses the typed layout with table lists (pub_sub3)', () => {
    const subscriptions = rowsOf(pubSub3, 'show subscriptions;').map(parseSubscriptionRow);
    expect(subscriptions.map((s) => [s.publication, s.database, s.tables])).toEqual([
      ['add', 'sub01', 'all'],
      ['account', 'sub02', ['table01', 'table02']],
      ['$$$', 'sub03', 'all'],
    ]);
  });

  it('maps every status code and keeps unknown ones', () => {
    const [row] = rowsOf(pubSub, 'show subscriptions all;');
    const status = (code: unknown) => parseSubscriptionRow({ ...row, status: code }).status;
    expect([status(0), status('1'), status(2), status(7), status(null)]).toEqual([
      'normal',
      'not-authorized',
      'publication-deleted',
      'unknown',
      'unknown',
    ]);
  });

  it('leaves database and subscribedAt undefined for an offered, unsubscribed publication', () => {
    const [row] = rowsOf(pubSub, 'show subscriptions all;');
    const offered = parseSubscriptionRow({ ...row, sub_name: null, sub_time: null });
    expect([offered.database, offered.subscribedAt]).toEqual([undefined, undefined]);
  });
});

describe('SHOW CREATE PUBLICATION row', () => {
  it('reads the reference columns', () => {
    expect(
      parsePublicationDefinitionRow({
        Publication: 'pub1',
        'Create Publication': 'CREATE PUBLICATION pub1 DATABASE db1 ACCOUNT all',
      }),
    ).toEqual({ name: 'pub1', createStatement: 'CREATE PUBLICATION pub1 DATABASE db1 ACCOUNT all' });
  });
});
