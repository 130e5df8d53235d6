import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/errors/errors.js';
import {
  alterPublicationStatement,
  createPublicationStatement,
  dropPublicationStatement,
  listPublicationsStatement,
  listSubscriptionsStatement,
  showCreatePublicationStatement,
  subscribeStatement,
} from '../../../src/managers/publications/publication-statements.js';
import { findStep, loadRecordedCase } from '../../support/recorded-cases.js';
import { sameStatement } from '../../support/recording-context.js';

const pubSub = loadRecordedCase('publication_subscription/pub_sub');
const pubSub3 = loadRecordedCase('publication_subscription/pub_sub3');

/** The recorded statement that starts with `prefix`. */
const recorded = (steps: typeof pubSub, prefix: string): string =>
  findStep(steps, (sql) => sql.toLowerCase().startsWith(prefix)).sql;

describe('publication statements match the recorded cases', () => {
  it('CREATE PUBLICATION for one account with a comment', () => {
    const { sql } = createPublicationStatement({
      name: 'publication01',
      database: 'republication01',
      accounts: ['test_tenant_1'],
      comment: 'republish',
    });
    expect(sql).toBe(
      "CREATE PUBLICATION `publication01` DATABASE `republication01` ACCOUNT `test_tenant_1` COMMENT 'republish'",
    );
    expect(sameStatement(sql)).toBe(sameStatement(recorded(pubSub, 'create publication publication01')));
  });

  it('CREATE PUBLICATION for several accounts, for some tables, for all accounts', () => {
    const twoAccounts = createPublicationStatement({
      name: 'pub02',
      database: 'db02',
      accounts: ['acc02', 'acc03'],
      comment: 'publish to acc01 and acc03',
    }).sql;
    expect(sameStatement(twoAccounts)).toBe(sameStatement(recorded(pubSub3, 'create publication pub02')));

    const tables = createPublicationStatement({
      name: 'pub03',
      database: 'db02',
      tables: ['t1', 't2'],
      accounts: ['acc02'],
      comment: 'publish to acc02',
    }).sql;
    expect(tables).toBe(
      "CREATE PUBLICATION `pub03` DATABASE `db02` TABLE `t1`, `t2` ACCOUNT `acc02` COMMENT 'publish to acc02'",
    );
    expect(sameStatement(tables)).toBe(sameStatement(recorded(pubSub3, 'create publication pub03')));

    const all = createPublicationStatement({ name: 'add', database: 'db01', accounts: 'all' }).sql;
    expect(all).toBe('CREATE PUBLICATION `add` DATABASE `db01` ACCOUNT ALL');
    expect(sameStatement(all)).toBe(sameStatement(recorded(pubSub3, 'create publication `add`')));

    const keywordName = createPublicationStatement({
      name: 'account',
      database: 'db01',
      tables: ['table01', 'table02'],
      accounts: ['acc01'],
    }).sql;
    expect(sameStatement(keywordName)).toBe(sameStatement(recorded(pubSub3, 'create publication account')));
  });

  it('lower-cases the publication and account names and adds IF NOT EXISTS', () => {
    expect(
      createPublicationStatement({ name: 'Pub$$', database: 'Db', accounts: ['Acc-1'], ifNotExists: true })
        .sql,
    ).toBe('CREATE PUBLICATION IF NOT EXISTS `pub$$` DATABASE `Db` ACCOUNT `acc-1`');
  });

  it('ALTER PUBLICATION forms', () => {
    const database = alterPublicationStatement({ name: 'publication01', database: 'database03' }).sql;
    expect(database).toBe('ALTER PUBLICATION `publication01` DATABASE `database03`');
    expect(sameStatement(database)).toBe(sameStatement(recorded(pubSub, 'alter publication publication01')));
    expect(
      alterPublicationStatement({ name: 'p', ifExists: true, accounts: { add: ['a1', 'a2'] } }).sql,
    ).toBe('ALTER PUBLICATION IF EXISTS `p` ACCOUNT ADD `a1`, `a2`');
    expect(alterPublicationStatement({ name: 'p', accounts: { drop: ['a1'] } }).sql).toBe(
      'ALTER PUBLICATION `p` ACCOUNT DROP `a1`',
    );
    expect(
      alterPublicationStatement({ name: 'p', accounts: 'all', tables: ['t'], comment: "it's" }).sql,
    ).toBe("ALTER PUBLICATION `p` ACCOUNT ALL TABLE `t` COMMENT 'it''s'");
  });

  it('DROP, SHOW and subscribe statements', () => {
    expect(dropPublicationStatement({ name: 'publication01' }).sql).toBe('DROP PUBLICATION `publication01`');
    expect(sameStatement(dropPublicationStatement({ name: 'add', ifExists: true }).sql)).toBe(
      sameStatement(recorded(pubSub3, 'drop publication if exists `add`')),
    );
    expect(listPublicationsStatement().sql).toBe('SHOW PUBLICATIONS');
    expect(listPublicationsStatement({ like: "o'k%" }).sql).toBe("SHOW PUBLICATIONS LIKE 'o''k%'");
    expect(showCreatePublicationStatement('P1').sql).toBe('SHOW CREATE PUBLICATION `p1`');
    expect(listSubscriptionsStatement().sql).toBe('SHOW SUBSCRIPTIONS');
    expect(listSubscriptionsStatement({ all: true, like: 'p%' }).sql).toBe(
      "SHOW SUBSCRIPTIONS ALL LIKE 'p%'",
    );
    expect(sameStatement(listSubscriptionsStatement({ all: true }).sql)).toBe(
      sameStatement(recorded(pubSub, 'show subscriptions all')),
    );

    const subscribe = subscribeStatement({
      database: 'sub02',
      fromAccount: 'acc01',
      publication: 'pub01',
    }).sql;
    expect(subscribe).toBe('CREATE DATABASE `sub02` FROM `acc01` PUBLICATION `pub01`');
    expect(sameStatement(subscribe)).toBe(
      sameStatement(recorded(pubSub3, 'create database sub02 from acc01')),
    );
    expect(
      sameStatement(subscribeStatement({ database: 'sub01', fromAccount: 'sys', publication: 'add' }).sql),
    ).toBe(sameStatement(recorded(pubSub3, 'create database sub01 from')));
    expect(
      subscribeStatement({ database: 'd', fromAccount: 'sys', publication: 'p', ifNotExists: true }).sql,
    ).toBe('CREATE DATABASE IF NOT EXISTS `d` FROM `sys` PUBLICATION `p`');
  });
});

describe('publication statements refuse unsafe input before any SQL', () => {
  it.each([
    [
      'an account name with a quote',
      () => createPublicationStatement({ name: 'p', database: 'd', accounts: ["a' OR 1"] }),
    ],
    ['an empty account list', () => createPublicationStatement({ name: 'p', database: 'd', accounts: [] })],
    [
      'an empty table list',
      () => createPublicationStatement({ name: 'p', database: 'd', tables: [], accounts: 'all' }),
    ],
    [
      'a database name with a backtick',
      () => createPublicationStatement({ name: 'p', database: 'd`; DROP', accounts: 'all' }),
    ],
    ['a publication name with NUL', () => dropPublicationStatement({ name: 'p\0' })],
    [
      'a comment with NUL',
      () => createPublicationStatement({ name: 'p', database: 'd', accounts: 'all', comment: 'x\0' }),
    ],
    ['an ALTER without changes', () => alterPublicationStatement({ name: 'p' })],
    [
      'a subscribing account with a space',
      () => subscribeStatement({ database: 'd', fromAccount: 'a b', publication: 'p' }),
    ],
  ])('%s', (_label, build) => {
    expect(build).toThrow(InvalidInputError);
  });

  it('keeps back-quotes inside a table name escaped', () => {
    expect(
      createPublicationStatement({ name: 'p', database: 'd', tables: ['a`b'], accounts: 'all' }).sql,
    ).toBe('CREATE PUBLICATION `p` DATABASE `d` TABLE `a``b` ACCOUNT ALL');
  });
});
