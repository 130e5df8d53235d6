/**
 * Runs only against a real MatrixOne (MATRIXONE_URL): Sequelize's own APIs once `matrixone(sequelize)` ran, no `mo`
 * involved — the checks matrixone-guards.test.ts makes against MariaDB behind the fault proxy, here against the
 * server itself (docs/matrixone-facts.md#orms-on-matrixone). Rows are read back on the harness's own connection.
 * Tables use only what MatrixOne 4.2.0 was seen to accept (BIGINT AUTO_INCREMENT keys, VARCHAR, a unique index, a
 * foreign key with ON DELETE CASCADE).
 */
import { TransactionError, UnsupportedServerError, toMatrixOneError } from '@matrixone/core';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import type mysql from 'mysql2/promise';
import {
  DataTypes,
  ForeignKeyConstraintError,
  type Model,
  type ModelStatic,
  type Sequelize,
  Transaction,
  UniqueConstraintError,
} from 'sequelize';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { matrixone } from '../src/index.js';
import { openSequelize } from './open-sequelize.js';

const db = useTestDatabase();

describe.skipIf(testServer().flavor !== 'matrixone')('Sequelize guards on a real MatrixOne', () => {
  let sequelize: Sequelize;
  let Person: ModelStatic<Model>;
  let Note: ModelStatic<Model>;

  async function people(): Promise<{ email: string; note: string | null }[]> {
    const [rows] = await db.inspect.query<mysql.RowDataPacket[]>(
      'SELECT email, note FROM people ORDER BY id',
    );
    return rows.map((row) => ({
      email: String(row.email),
      note: row.note === null ? null : String(row.note),
    }));
  }

  beforeAll(async () => {
    await db.inspect.query(
      'CREATE TABLE people (id BIGINT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(60) NOT NULL UNIQUE, note VARCHAR(60))',
    );
    await db.inspect.query(
      'CREATE TABLE notes (id BIGINT AUTO_INCREMENT PRIMARY KEY, personId BIGINT NOT NULL, ' +
        'FOREIGN KEY (personId) REFERENCES people (id) ON DELETE CASCADE)',
    );
    // A pool of one: a connection given back inside a transaction would be the next caller's.
    sequelize = openSequelize(db.url, 1);
    Person = sequelize.define(
      'Person',
      {
        id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
        email: { type: DataTypes.STRING(60), allowNull: false, unique: true },
        note: { type: DataTypes.STRING(60) },
      },
      { tableName: 'people', timestamps: false },
    );
    Note = sequelize.define(
      'Note',
      {
        id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
        personId: { type: DataTypes.BIGINT, allowNull: false },
      },
      { tableName: 'notes', timestamps: false },
    );
    matrixone(sequelize);
  });
  // Earlier tests' rows go whatever they left behind (the database itself is dropped after the file).
  beforeEach(async () => {
    await db.inspect.query('DELETE FROM notes');
    await db.inspect.query('DELETE FROM people');
  });
  afterAll(async () => {
    await sequelize?.close();
  });

  it('a failed inner savepoint block commits nothing and fails the outer transaction with TransactionError', async () => {
    const boom = new Error('inner boom');
    let inner: unknown;
    const outer = await sequelize
      .transaction(async (transaction) => {
        await Person.create({ email: 'outer@x.io' }, { transaction });
        inner = await sequelize
          .transaction({ transaction }, async (nested) => {
            await Person.create({ email: 'inner1@x.io' }, { transaction: nested });
            await Person.create({ email: 'inner2@x.io' }, { transaction: nested });
            throw boom;
          })
          .catch((error: unknown) => error);
        await Person.create({ email: 'after@x.io' }, { transaction });
      })
      .catch((error: unknown) => error);
    expect(inner).toBe(boom);
    expect(toMatrixOneError(outer)).toBeInstanceOf(TransactionError);
    expect(await people()).toEqual([]);
  });

  it('the pooled connection comes back outside any transaction after a failed nested block', async () => {
    await sequelize
      .transaction(async (transaction) => {
        await Person.create({ email: 'outer@x.io' }, { transaction });
        await sequelize
          .transaction({ transaction }, async () => {
            throw new Error('inner boom');
          })
          .catch(() => undefined);
      })
      .catch(() => undefined);
    // Had the one connection come back inside a transaction, this rollback would take the earlier work with it
    // or this START TRANSACTION would commit it: either way the table would not read as below.
    const abort = new Error('abort the next transaction');
    await expect(
      sequelize.transaction(async (transaction) => {
        await Person.create({ email: 'next@x.io' }, { transaction });
        throw abort;
      }),
    ).rejects.toBe(abort);
    expect(await people()).toEqual([]);
    await sequelize.transaction(async (transaction) =>
      Person.create({ email: 'later@x.io' }, { transaction }),
    );
    expect(await people()).toEqual([{ email: 'later@x.io', note: null }]);
  });

  it('upsert and bulkCreate({ updateOnDuplicate }) work when only non-key columns change', async () => {
    await Person.create({ email: 'm1@x.io', note: 'first' });
    // Sequelize assigns email = VALUES(email) too (MatrixOne: errno 20313); the guard drops that no-op.
    await Person.upsert({ email: 'm1@x.io', note: 'upserted' });
    expect(await people()).toEqual([{ email: 'm1@x.io', note: 'upserted' }]);
    await Person.bulkCreate([{ email: 'new@x.io', note: 'bulk' }], { updateOnDuplicate: ['email', 'note'] });
    expect(await people()).toEqual([
      { email: 'm1@x.io', note: 'upserted' },
      { email: 'new@x.io', note: 'bulk' },
    ]);
    // A bulk upsert that updates an existing row among new ones: the rows must be right. Its result may be
    // refused (issue 14: MatrixOne's OK packet cannot number the instances) — unverified on the server, so only
    // the SDK's promise is checked: never a result with wrong ids, an UnsupportedServerError instead.
    const updated = await Person.bulkCreate(
      [
        { email: 'm1@x.io', note: 'bulk' },
        { email: 'new2@x.io', note: 'bulk' },
      ],
      { updateOnDuplicate: ['email', 'note'] },
    ).catch((failure: unknown) => failure);
    if (updated instanceof Error) expect(toMatrixOneError(updated)).toBeInstanceOf(UnsupportedServerError);
    expect(await people()).toEqual([
      { email: 'm1@x.io', note: 'bulk' },
      { email: 'new@x.io', note: 'bulk' },
      { email: 'new2@x.io', note: 'bulk' },
    ]);
  });

  it('an upsert that could change a key is refused before sending, naming the column', async () => {
    const [row] = await db.inspect.query<mysql.ResultSetHeader>(
      "INSERT INTO people (email, note) VALUES ('k@x.io', 'kept')",
    );
    const error = await Person.upsert({ id: row.insertId, email: 'changed@x.io' }).catch(
      (failure: unknown) => failure,
    );
    expect(toMatrixOneError(error)).toBeInstanceOf(UnsupportedServerError);
    // Sequelize assigns VALUES(id) too: a row conflicting on email would get another id.
    expect(toMatrixOneError(error).message).toMatch(/^Refused before sending.*key column "(id|email)"/s);
    expect(await people()).toEqual([{ email: 'k@x.io', note: 'kept' }]);
  });

  it('a missing parent is a ForeignKeyConstraintError, a duplicate a UniqueConstraintError', async () => {
    const orphan = await Note.create({ personId: 987654321 }).catch((failure: unknown) => failure);
    expect(orphan).toBeInstanceOf(ForeignKeyConstraintError);
    await Person.create({ email: 'd@x.io' });
    const duplicate = await Person.create({ email: 'd@x.io' }).catch((failure: unknown) => failure);
    expect(duplicate).toBeInstanceOf(UniqueConstraintError);
    expect(await Note.count()).toBe(0);
    expect(await people()).toEqual([{ email: 'd@x.io', note: null }]);
  });

  it('SERIALIZABLE and READ UNCOMMITTED transactions are refused before sending', async () => {
    for (const isolationLevel of [
      Transaction.ISOLATION_LEVELS.SERIALIZABLE,
      Transaction.ISOLATION_LEVELS.READ_UNCOMMITTED,
    ]) {
      const error = await sequelize
        .transaction({ isolationLevel }, async (transaction) =>
          Person.create({ email: 'i@x.io' }, { transaction }),
        )
        .catch((failure: unknown) => failure);
      expect(toMatrixOneError(error)).toBeInstanceOf(UnsupportedServerError);
      // Not MatrixOne's own refusal of SERIALIZABLE (20105, also an UnsupportedServerError): nothing was sent.
      expect(toMatrixOneError(error).message).toMatch(/^Refused before sending/);
    }
    expect(await people()).toEqual([]);
    // No SKIP LOCKED / NOWAIT case: Sequelize 6's mysql dialect never writes them (its `skipLocked` is ignored).
  });
});
