import { describe, expect, it } from 'vitest';
import { TransactionRuleError } from '../../src/errors/errors.js';
import {
  type ManagedOperation,
  RefusalMessage,
  TRANSACTION_RULES,
  assertAllowedInTransaction,
} from '../../src/managers/transaction-rules.js';
import { loadRecordedCase } from '../support/recorded-cases.js';

/**
 * MatrixOne's in-transaction check (docs/matrixone-facts.md#transactions), written out independently of the
 * rule table: for every manager operation, the
 * statement it sends and what MatrixOne does with that statement inside a transaction.
 */
const REFERENCE: Record<ManagedOperation, RefusalMessage | 'allowed'> = {
  'snapshots.create': RefusalMessage.Unclassified, // CREATE SNAPSHOT
  'snapshots.drop': RefusalMessage.Unclassified, // DROP SNAPSHOT
  'snapshots.list': RefusalMessage.Unclassified, // SHOW SNAPSHOTS
  'snapshots.get': RefusalMessage.Unclassified,
  'snapshots.exists': RefusalMessage.Unclassified,
  'snapshots.guard': RefusalMessage.Unclassified, // CREATE SNAPSHOT first
  'clones.database': 'allowed', // CREATE DATABASE … CLONE
  'clones.table': 'allowed', // CREATE TABLE … CLONE
  'restores.cluster': RefusalMessage.Unclassified, // every RESTORE
  'restores.account': RefusalMessage.Unclassified,
  'restores.database': RefusalMessage.Unclassified,
  'restores.table': RefusalMessage.Unclassified,
  'pitr.create': RefusalMessage.Unclassified, // CREATE/ALTER/DROP PITR, SHOW PITR, RESTORE … FROM PITR
  'pitr.alter': RefusalMessage.Unclassified,
  'pitr.drop': RefusalMessage.Unclassified,
  'pitr.list': RefusalMessage.Unclassified,
  'pitr.get': RefusalMessage.Unclassified,
  'pitr.restore': RefusalMessage.Unclassified,
  'timeTravel.read': 'allowed', // SELECT, time-travel reads included
  'publications.create': RefusalMessage.Unclassified, // CREATE/ALTER/DROP PUBLICATION
  'publications.alter': RefusalMessage.Unclassified,
  'publications.drop': RefusalMessage.Unclassified,
  'publications.list': 'allowed', // SHOW PUBLICATIONS
  'publications.showCreate': 'allowed', // SHOW CREATE PUBLICATION
  'publications.subscribe': 'allowed', // CREATE DATABASE … FROM acc PUBLICATION p
  'publications.listSubscriptions': 'allowed', // SHOW SUBSCRIPTIONS
  'accounts.createAccount': RefusalMessage.Administrative,
  'accounts.alterAccount': RefusalMessage.Administrative,
  'accounts.dropAccount': RefusalMessage.Administrative,
  'accounts.listAccounts': 'allowed', // SHOW ACCOUNTS
  'accounts.createUser': RefusalMessage.Administrative,
  'accounts.alterUser': RefusalMessage.Administrative,
  'accounts.dropUser': RefusalMessage.Administrative,
  'accounts.createRole': RefusalMessage.Administrative,
  'accounts.dropRole': RefusalMessage.Administrative,
  'accounts.listRoles': RefusalMessage.Unclassified, // SHOW ROLES
  'accounts.listUsers': 'allowed', // SELECT … FROM mo_catalog.mo_user
  'accounts.listPrivileges': 'allowed', // SELECT … FROM mo_catalog.mo_role_privs
  'accounts.listGrantedRoles': 'allowed', // SELECT … FROM mo_catalog.mo_user_grant / mo_role_grant
  'accounts.grant': RefusalMessage.Administrative,
  'accounts.revoke': RefusalMessage.Administrative,
  'branches.createTable': 'allowed', // DATA BRANCH CREATE TABLE
  'branches.createDatabase': 'allowed',
  'branches.deleteTable': 'allowed', // DATA BRANCH DELETE
  'branches.deleteDatabase': 'allowed',
  'branches.diff': 'allowed', // DATA BRANCH DIFF
  'branches.merge': 'allowed', // inside an explicit BEGIN
  'branches.pick': RefusalMessage.BranchMergePick, // any user transaction
  'vectors.createIndex': 'allowed', // CREATE INDEX (IVFFLAT, HNSW), recorded inside BEGIN
  'vectors.listIndexes': 'allowed', // SHOW INDEX
  'vectors.reindex': 'allowed', // ALTER TABLE … ALTER REINDEX, recorded inside BEGIN
  'vectors.dropIndex': 'allowed', // DROP INDEX, recorded inside BEGIN
  'vectors.describeColumn': 'allowed', // DESC
  'vectors.search': 'allowed', // SELECT, SET
  'vectors.withSettings': 'allowed', // SET
  'fulltext.createIndex': 'allowed', // CREATE FULLTEXT INDEX, recorded inside BEGIN
  'fulltext.listIndexes': 'allowed', // SHOW INDEX
  'fulltext.dropIndex': 'allowed', // DROP INDEX, recorded inside BEGIN
  'fulltext.search': 'allowed', // SELECT … MATCH … AGAINST, SET
  'loading.load': 'allowed', // LOAD DATA, recorded inside BEGIN (server file, LOCAL, INLINE, stage)
  'loading.loadChecked': 'allowed', // CREATE TABLE … LIKE, LOAD, SELECT, INSERT … SELECT, DROP TABLE
  'stages.create': RefusalMessage.Unclassified, // CREATE STAGE, recorded inside BEGIN
  'stages.alter': RefusalMessage.Unclassified, // ALTER STAGE, recorded
  'stages.drop': RefusalMessage.Unclassified, // DROP STAGE, recorded
  'stages.list': RefusalMessage.Unclassified, // SHOW STAGES, recorded
  'stages.get': RefusalMessage.Unclassified, // SHOW STAGES
  'stages.removeFiles': RefusalMessage.Unclassified, // REMOVE FILES FROM STAGE, recorded
  'stages.listFiles': 'allowed', // SELECT … FROM stage_list(…)
  'exports.toFile': 'allowed', // SELECT … INTO OUTFILE, recorded inside BEGIN (the SDK refuses it there itself)
  'exports.toWritable': 'allowed', // SELECT
  'cdc.create': RefusalMessage.Unclassified, // CREATE CDC
  'cdc.list': 'allowed', // SELECT … FROM mo_catalog.mo_cdc_task
  'cdc.get': RefusalMessage.Unclassified, // SHOW CDC, recorded
  'cdc.pause': RefusalMessage.Unclassified, // PAUSE CDC, recorded
  'cdc.resume': RefusalMessage.Unclassified, // RESUME CDC
  'cdc.drop': RefusalMessage.Unclassified, // DROP CDC, recorded
  'metadata.table': 'allowed', // SHOW TABLE STATUS, SHOW COLUMNS, SHOW INDEX
  'metadata.objects': 'allowed', // SELECT … FROM metadata_scan(…), recorded inside BEGIN
  'metadata.coverage': RefusalMessage.Unclassified, // SHOW SNAPSHOTS, SHOW PITR
};

const operations = Object.keys(TRANSACTION_RULES) as ManagedOperation[];

describe('TRANSACTION_RULES against the in-transaction check of MatrixOne', () => {
  it('covers exactly the operations the reference table lists', () => {
    expect([...operations].sort()).toEqual(Object.keys(REFERENCE).sort());
  });

  it.each(operations)(
    '%s: refused in a transaction exactly when MatrixOne refuses it, with its message',
    (operation) => {
      const expected = REFERENCE[operation];
      const rule = TRANSACTION_RULES[operation];
      expect(() => assertAllowedInTransaction(operation, false)).not.toThrow();
      if (expected === 'allowed') {
        expect(rule.allowed).toBe(true);
        expect(() => assertAllowedInTransaction(operation, true)).not.toThrow();
        return;
      }
      expect(rule).toMatchObject({ allowed: false, serverMessage: expected });
      let thrown: unknown;
      try {
        assertAllowedInTransaction(operation, true);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(TransactionRuleError);
      expect((thrown as Error).message).toContain(expected);
      expect((thrown as Error).message).toContain(operation);
    },
  );
});

describe('recorded refusal texts', () => {
  const refusals = [
    'snapshot/snapshotRead',
    'transactions/transaction_enhance',
    'branch/merge_10',
    'branch/pick_6',
  ]
    .flatMap((name) => loadRecordedCase(name))
    .flatMap((step) => (step.outcome.kind === 'error' ? [step.outcome.message] : []))
    .filter((message) => /\bin (uncommitted )?transactions?$/.test(message));

  it('every text MatrixOne printed when it refused a statement in a transaction is a RefusalMessage', () => {
    expect(new Set(refusals)).toEqual(new Set(Object.values(RefusalMessage)));
  });

  it('records SHOW SNAPSHOTS and CREATE SNAPSHOT refused after START TRANSACTION (snapshotRead)', () => {
    const steps = loadRecordedCase('snapshot/snapshotRead');
    const start = steps.findIndex((step) => step.sql === 'start transaction;');
    const refused = steps
      .slice(start)
      .filter((step) => step.outcome.kind === 'error' && step.outcome.message === RefusalMessage.Unclassified)
      .map((step) => step.sql);
    expect(refused).toEqual(['create snapshot sp09 for account;', 'show snapshots;']);
  });
});
