import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors/errors.js';
import { AccountManager } from '../../src/managers/accounts/account-manager.js';
import { BranchManager } from '../../src/managers/branches/branch-manager.js';
import { CloneManager } from '../../src/managers/clones/clone-manager.js';
import type { ManagerContext } from '../../src/managers/manager-context.js';
import { PitrManager } from '../../src/managers/pitr/pitr-manager.js';
import { PublicationManager } from '../../src/managers/publications/publication-manager.js';
import { RestoreManager } from '../../src/managers/restores/restore-manager.js';
import { SnapshotManager } from '../../src/managers/snapshots/snapshot-manager.js';
import { recordingContext } from '../support/recording-context.js';

/**
 * Every manager call that puts a MatrixOne name (database, table, snapshot, PITR, publication, account, user, role,
 * and the databases and tables that name a data branch) into SQL refuses a backslash in it before sending anything:
 * MatrixOne would read it as an escape and create or look up another name (observed on MatrixOne 4.2.0 for
 * snapshot and PITR names, docs/matrixone-facts.md).
 */
const BACKSLASH_NAME = 'a\\bs';
const day = { value: 1, unit: 'd' } as const;

const calls: [string, (context: ManagerContext, name: string) => Promise<unknown>][] = [
  ['snapshots.create name', (c, v) => new SnapshotManager(c).create({ name: v, level: 'cluster' })],
  [
    'snapshots.create database',
    (c, v) => new SnapshotManager(c).create({ name: 's', level: 'database', database: v }),
  ],
  [
    'snapshots.create table',
    (c, v) => new SnapshotManager(c).create({ name: 's', level: 'table', database: 'd', table: v }),
  ],
  ['snapshots.get', (c, v) => new SnapshotManager(c).get(v)],
  ['snapshots.drop', (c, v) => new SnapshotManager(c).drop(v)],
  [
    'pitr.create name',
    (c, v) => new PitrManager(c).create({ name: v, level: 'database', database: 'd', range: day }),
  ],
  [
    'pitr.create database',
    (c, v) => new PitrManager(c).create({ name: 'p', level: 'database', database: v, range: day }),
  ],
  ['pitr.alter', (c, v) => new PitrManager(c).alter({ name: v, range: day })],
  ['pitr.drop', (c, v) => new PitrManager(c).drop(v)],
  ['pitr.get', (c, v) => new PitrManager(c).get(v)],
  [
    'pitr.restore',
    (c, v) =>
      new PitrManager(c).restore({ pitr: v, at: '2024-01-01 00:00:00', level: 'database', database: 'd' }),
  ],
  [
    'publications.create name',
    (c, v) => new PublicationManager(c).create({ name: v, database: 'd', accounts: 'all' }),
  ],
  [
    'publications.create database',
    (c, v) => new PublicationManager(c).create({ name: 'p', database: v, accounts: 'all' }),
  ],
  [
    'publications.create table',
    (c, v) => new PublicationManager(c).create({ name: 'p', database: 'd', tables: [v], accounts: 'all' }),
  ],
  ['publications.drop', (c, v) => new PublicationManager(c).drop({ name: v })],
  [
    'publications.subscribe',
    (c, v) => new PublicationManager(c).subscribe({ database: 'd', fromAccount: 'a', publication: v }),
  ],
  [
    'accounts.createAccount admin',
    (c, v) => new AccountManager(c).createAccount({ name: 'acc', adminName: v, password: 'pw' }),
  ],
  ['accounts.createUser', (c, v) => new AccountManager(c).createUser({ name: v, password: 'pw' })],
  ['accounts.dropUser', (c, v) => new AccountManager(c).dropUser({ name: v })],
  ['accounts.createRole', (c, v) => new AccountManager(c).createRole({ name: v })],
  ['accounts.dropRole', (c, v) => new AccountManager(c).dropRole({ name: v })],
  ['accounts.grant role', (c, v) => new AccountManager(c).grant({ roles: [v], to: ['u'] })],
  ['accounts.listPrivileges', (c, v) => new AccountManager(c).listPrivileges({ role: v })],
  ['clones.database target', (c, v) => new CloneManager(c).database(v, 'src')],
  ['clones.database source', (c, v) => new CloneManager(c).database('dst', v)],
  ['clones.database snapshot', (c, v) => new CloneManager(c).database('dst', 'src', { snapshot: v })],
  [
    'clones.table',
    (c, v) => new CloneManager(c).table({ database: v, table: 't' }, { database: 'd', table: 't' }),
  ],
  ['restores.database', (c, v) => new RestoreManager(c).database(v, { snapshot: 's' })],
  ['restores.database snapshot', (c, v) => new RestoreManager(c).database('d', { snapshot: v })],
  ['restores.table', (c, v) => new RestoreManager(c).table({ database: 'd', table: v }, { snapshot: 's' })],
  ['branches.createTable', (c, v) => new BranchManager(c).createTable({ table: v, from: { table: 'src' } })],
  [
    'branches.createTable source',
    (c, v) => new BranchManager(c).createTable({ table: 'dst', from: { database: v, table: 'src' } }),
  ],
  ['branches.createDatabase', (c, v) => new BranchManager(c).createDatabase({ database: v, from: 'src' })],
  [
    'branches.createDatabase source',
    (c, v) => new BranchManager(c).createDatabase({ database: 'd', from: v }),
  ],
  ['branches.deleteTable', (c, v) => new BranchManager(c).deleteTable({ table: v })],
  ['branches.deleteDatabase', (c, v) => new BranchManager(c).deleteDatabase(v)],
  ['branches.diff', (c, v) => new BranchManager(c).diff({ target: { table: v }, base: { table: 't' } })],
  ['branches.merge', (c, v) => new BranchManager(c).merge({ source: { table: 's' }, into: { table: v } })],
  [
    'branches.pick',
    (c, v) => new BranchManager(c).pick({ source: { table: v }, into: { table: 't' }, keys: [1] }),
  ],
];

describe('a backslash in a MatrixOne name', () => {
  it.each(calls)('%s: InvalidInputError, no SQL sent', async (_label, call) => {
    const context = recordingContext({ inTransaction: false });
    const error = await call(context, BACKSLASH_NAME).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).message).toMatch(/backslash/);
    expect(context.sent).toEqual([]);
  });

  it.each(calls)('%s: the same call with the backslash left out is sent', async (_label, call) => {
    const context = recordingContext({ inTransaction: false });
    // The recording server answers no rows, so lookups may fail afterwards; only what was sent matters here.
    await call(context, 'abs').catch(() => undefined);
    expect(context.sent.length).toBeGreaterThan(0);
  });
});
