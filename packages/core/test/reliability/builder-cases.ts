/**
 * Every manager's statement builder with one user-supplied name or value in each position it accepts one:
 * `build(value)` puts `value` there and a fixed benign text everywhere else. The hostile-input test compares
 * the statement built with a generated value against the one built with {@link BENIGN}.
 */
import type { Statement } from '../../src/connection/executor.js';
import {
  alterAccountStatement,
  alterUserStatement,
  createAccountStatement,
  createRoleStatement,
  createUserStatement,
  dropAccountStatement,
  dropRoleStatement,
  dropUserStatement,
  grantStatement,
  listAccountsStatement,
  revokeStatement,
} from '../../src/managers/accounts/account-statements.js';
import {
  branchDiffCountStatement,
  branchDiffStatement,
  createBranchDatabaseStatement,
  createBranchTableStatement,
  deleteBranchDatabaseStatement,
  deleteBranchTableStatement,
  mergeBranchStatement,
  pickBranchStatement,
} from '../../src/managers/branches/branch-statements.js';
import { cloneDatabaseStatement, cloneTableStatement } from '../../src/managers/clones/clone-statements.js';
import {
  alterPitrStatement,
  createPitrStatement,
  dropPitrStatement,
  restoreFromPitrStatement,
} from '../../src/managers/pitr/pitr-statements.js';
import {
  alterPublicationStatement,
  createPublicationStatement,
  dropPublicationStatement,
  listPublicationsStatement,
  listSubscriptionsStatement,
  showCreatePublicationStatement,
  subscribeStatement,
} from '../../src/managers/publications/publication-statements.js';
import {
  restoreAccountStatement,
  restoreClusterStatement,
  restoreDatabaseStatement,
  restoreTableStatement,
} from '../../src/managers/restores/restore-statements.js';
import {
  createSnapshotStatement,
  dropSnapshotStatement,
  showSnapshotsStatement,
} from '../../src/managers/snapshots/snapshot-statements.js';
import {
  timeTravelCountStatement,
  timeTravelSelectStatement,
} from '../../src/managers/time-travel/time-travel-statements.js';

/** The text every other position gets, and the reference value a case is compared against. */
export const BENIGN = 'benign_value';

/** One position of one builder. */
export interface BuilderCase {
  readonly label: string;
  readonly build: (value: string) => Statement;
  /** The reference value for positions that only take a specific form (times); {@link BENIGN} otherwise. */
  readonly benign?: string;
}

const day = { value: 1, unit: 'd' } as const;
const at = '2024-01-01 00:00:00';

/** Every builder position that takes a name, a string literal or a bound value from the caller. */
export const BUILDER_CASES: readonly BuilderCase[] = [
  // snapshots
  { label: 'snapshot name', build: (v) => createSnapshotStatement({ name: v, level: 'cluster' }) },
  {
    label: 'snapshot database',
    build: (v) => createSnapshotStatement({ name: 's', level: 'database', database: v }),
  },
  {
    label: 'snapshot table',
    build: (v) => createSnapshotStatement({ name: 's', level: 'table', database: 'd', table: v }),
  },
  {
    label: 'snapshot account',
    build: (v) => createSnapshotStatement({ name: 's', level: 'account', account: v }),
  },
  { label: 'drop snapshot', build: (v) => dropSnapshotStatement(v) },
  { label: 'show snapshots by name', build: (v) => showSnapshotsStatement({ name: v }) },
  { label: 'show snapshots by account', build: (v) => showSnapshotsStatement({ account: v }) },
  // clones
  { label: 'clone database target', build: (v) => cloneDatabaseStatement(v, 'src') },
  { label: 'clone database source', build: (v) => cloneDatabaseStatement('dst', v) },
  { label: 'clone database snapshot', build: (v) => cloneDatabaseStatement('dst', 'src', { snapshot: v }) },
  {
    label: 'clone database to account',
    build: (v) => cloneDatabaseStatement('dst', 'src', { snapshot: 's', toAccount: v }),
  },
  { label: 'clone table target', build: (v) => cloneTableStatement({ table: v }, { table: 'src' }) },
  {
    label: 'clone table source database',
    build: (v) => cloneTableStatement({ database: 'd', table: 'dst' }, { database: v, table: 'src' }),
  },
  // restores
  { label: 'restore cluster snapshot', build: (v) => restoreClusterStatement(v) },
  { label: 'restore account', build: (v) => restoreAccountStatement(v, { snapshot: 's' }) },
  { label: 'restore account snapshot', build: (v) => restoreAccountStatement('a', { snapshot: v }) },
  {
    label: 'restore account to account',
    build: (v) => restoreAccountStatement('a', { snapshot: 's', toAccount: v }),
  },
  { label: 'restore database', build: (v) => restoreDatabaseStatement(v, { snapshot: 's' }) },
  {
    label: 'restore table',
    build: (v) => restoreTableStatement({ database: 'd', table: v }, { snapshot: 's' }),
  },
  // PITR
  {
    label: 'PITR name',
    build: (v) => createPitrStatement({ name: v, level: 'database', database: 'd', range: day }),
  },
  {
    label: 'PITR database',
    build: (v) => createPitrStatement({ name: 'p', level: 'database', database: v, range: day }),
  },
  {
    label: 'PITR table',
    build: (v) => createPitrStatement({ name: 'p', level: 'table', database: 'd', table: v, range: day }),
  },
  {
    label: 'PITR account',
    build: (v) => createPitrStatement({ name: 'p', level: 'account', account: v, range: day }),
  },
  { label: 'alter PITR', build: (v) => alterPitrStatement({ name: v, range: day }) },
  { label: 'drop PITR', build: (v) => dropPitrStatement(v) },
  {
    label: 'restore from PITR name',
    build: (v) => restoreFromPitrStatement({ pitr: v, at, level: 'database', database: 'd' }),
  },
  {
    label: 'restore from PITR time',
    build: (v) => restoreFromPitrStatement({ pitr: 'p', at: v, level: 'database', database: 'd' }),
    benign: at,
  },
  {
    label: 'restore from PITR database',
    build: (v) => restoreFromPitrStatement({ pitr: 'p', at, level: 'database', database: v }),
  },
  // publications
  {
    label: 'publication name',
    build: (v) => createPublicationStatement({ name: v, database: 'd', accounts: ['a'] }),
  },
  {
    label: 'publication database',
    build: (v) => createPublicationStatement({ name: 'p', database: v, accounts: ['a'] }),
  },
  {
    label: 'publication table',
    build: (v) => createPublicationStatement({ name: 'p', database: 'd', tables: [v], accounts: ['a'] }),
  },
  {
    label: 'publication account',
    build: (v) => createPublicationStatement({ name: 'p', database: 'd', accounts: [v] }),
  },
  {
    label: 'publication comment',
    build: (v) => createPublicationStatement({ name: 'p', database: 'd', accounts: 'all', comment: v }),
  },
  { label: 'alter publication', build: (v) => alterPublicationStatement({ name: v, comment: 'c' }) },
  {
    label: 'alter publication accounts',
    build: (v) => alterPublicationStatement({ name: 'p', accounts: { add: [v] } }),
  },
  { label: 'drop publication', build: (v) => dropPublicationStatement({ name: v }) },
  { label: 'list publications like', build: (v) => listPublicationsStatement({ like: v }) },
  { label: 'show create publication', build: (v) => showCreatePublicationStatement(v) },
  {
    label: 'subscription database',
    build: (v) => subscribeStatement({ database: v, fromAccount: 'a', publication: 'p' }),
  },
  {
    label: 'subscription account',
    build: (v) => subscribeStatement({ database: 'd', fromAccount: v, publication: 'p' }),
  },
  {
    label: 'subscription publication',
    build: (v) => subscribeStatement({ database: 'd', fromAccount: 'a', publication: v }),
  },
  { label: 'list subscriptions like', build: (v) => listSubscriptionsStatement({ like: v }) },
  // accounts, users, roles, grants
  {
    label: 'account name',
    build: (v) => createAccountStatement({ name: v, adminName: 'root', password: 'pw' }),
  },
  {
    label: 'account admin name',
    build: (v) => createAccountStatement({ name: 'a', adminName: v, password: 'pw' }),
  },
  {
    label: 'account password',
    build: (v) => createAccountStatement({ name: 'a', adminName: 'root', password: v }),
  },
  {
    label: 'account comment',
    build: (v) => createAccountStatement({ name: 'a', adminName: 'root', password: 'pw', comment: v }),
  },
  { label: 'alter account comment', build: (v) => alterAccountStatement({ name: 'a', comment: v }) },
  { label: 'drop account', build: (v) => dropAccountStatement({ name: v }) },
  { label: 'list accounts like', build: (v) => listAccountsStatement({ like: v }) },
  { label: 'user name', build: (v) => createUserStatement({ name: v, password: 'pw' }) },
  { label: 'user password', build: (v) => createUserStatement({ name: 'u', password: v }) },
  {
    label: 'user default role',
    build: (v) => createUserStatement({ name: 'u', password: 'pw', defaultRole: v }),
  },
  { label: 'user comment', build: (v) => createUserStatement({ name: 'u', password: 'pw', comment: v }) },
  { label: 'alter user password', build: (v) => alterUserStatement({ name: 'u', password: v }) },
  { label: 'drop user', build: (v) => dropUserStatement({ name: v }) },
  { label: 'role name', build: (v) => createRoleStatement({ name: v }) },
  { label: 'drop role', build: (v) => dropRoleStatement({ name: v }) },
  {
    label: 'grant on table',
    build: (v) =>
      grantStatement({ privileges: ['SELECT'], on: { type: 'table', database: v, table: 't' }, to: ['r'] }),
  },
  {
    label: 'grant to role',
    build: (v) =>
      grantStatement({ privileges: ['SELECT'], on: { type: 'database', database: 'd' }, to: [v] }),
  },
  { label: 'grant role', build: (v) => grantStatement({ roles: [v], to: ['u'] }) },
  { label: 'revoke role from', build: (v) => revokeStatement({ roles: ['r'], from: [v] }) },
  // data branches
  { label: 'branch table', build: (v) => createBranchTableStatement({ table: v, from: { table: 'src' } }) },
  {
    label: 'branch table source',
    build: (v) => createBranchTableStatement({ table: 'dst', from: { database: v, table: 'src' } }),
  },
  {
    label: 'branch table source snapshot',
    build: (v) => createBranchTableStatement({ table: 'dst', from: { table: 'src', at: { snapshot: v } } }),
  },
  { label: 'branch database', build: (v) => createBranchDatabaseStatement({ database: v, from: 'src' }) },
  {
    label: 'branch database to account',
    build: (v) => createBranchDatabaseStatement({ database: 'dst', from: 'src', toAccount: v }),
  },
  { label: 'delete branch table', build: (v) => deleteBranchTableStatement({ table: v }) },
  { label: 'delete branch database', build: (v) => deleteBranchDatabaseStatement(v) },
  {
    label: 'branch diff target',
    build: (v) => branchDiffStatement({ target: { table: v }, base: { table: 'b' } }),
  },
  {
    label: 'branch diff column',
    build: (v) => branchDiffCountStatement({ target: { table: 't' }, base: { table: 'b' }, columns: [v] }),
  },
  {
    label: 'merge branch',
    build: (v) => mergeBranchStatement({ source: { table: v }, into: { table: 't' } }),
  },
  {
    label: 'pick branch key',
    build: (v) => pickBranchStatement({ source: { table: 's' }, into: { table: 't' }, keys: [v] }),
  },
  // time travel
  {
    label: 'time travel table',
    build: (v) => timeTravelSelectStatement({ table: { table: v } }, { snapshot: 's' }),
  },
  {
    label: 'time travel column',
    build: (v) => timeTravelSelectStatement({ table: { table: 't' }, columns: [v] }, { snapshot: 's' }),
  },
  {
    label: 'time travel filter column',
    build: (v) => timeTravelSelectStatement({ table: { table: 't' }, where: { [v]: 1 } }, { snapshot: 's' }),
  },
  {
    label: 'time travel filter value',
    build: (v) => timeTravelSelectStatement({ table: { table: 't' }, where: { c: v } }, { snapshot: 's' }),
  },
  {
    label: 'time travel order',
    build: (v) => timeTravelSelectStatement({ table: { table: 't' }, orderBy: [v] }, { snapshot: 's' }),
  },
  { label: 'time travel snapshot', build: (v) => timeTravelCountStatement({ table: 't' }, { snapshot: v }) },
  {
    label: 'time travel timestamp',
    build: (v) => timeTravelCountStatement({ table: 't' }, { timestamp: v }),
    benign: at,
  },
];
