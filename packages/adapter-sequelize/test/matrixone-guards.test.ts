/**
 * Sequelize's own APIs on MatrixOne once `matrixone(sequelize)` ran (no `mo` involved): a nested transaction's
 * rollback rolls back the whole transaction, `upsert` and `bulkCreate({ updateOnDuplicate })` on a unique key work
 * or fail naming the key, foreign-key errors become `ForeignKeyConstraintError`, and what MatrixOne cannot do is
 * refused before sending. On the test MariaDB a fault proxy answers like MatrixOne 4.2.0 (the tables and the
 * proxy: `useGuardTables` of the adapter test suite) and the adapter is told it talks to MatrixOne; with
 * MATRIXONE_URL set the same checks run against the server itself. Rows are read back on the harness's own
 * connection.
 */
import { runNestedRollback, useGuardTables } from '@matrixone/adapter-test-suite';
import { TransactionError, UnsupportedServerError, toMatrixOneError } from '@matrixone/core';
import { useTestDatabase } from '@matrixone/test-server';
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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrixone } from '../src/index.js';
import { openSequelize } from './open-sequelize.js';
import { sequelizeTransactions } from './sequelize-transactions.js';

const db = useTestDatabase();
// `notes` keys its person by `personId`, the column the `Note` model's attribute maps to.
const { people, url, adapterOptions } = useGuardTables(db, 'personId');
let sequelize: Sequelize;
let Person: ModelStatic<Model>;
let Note: ModelStatic<Model>;

beforeAll(() => {
  sequelize = openSequelize(url(), 2);
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
  matrixone(sequelize, adapterOptions);
});
afterAll(async () => {
  await sequelize.close();
});

describe('Sequelize on MatrixOne: nested transactions', () => {
  it('an inner rollback fails the whole transaction: nothing committed, the inner block gets its own error', async () => {
    const { boom, inner, outer } = await runNestedRollback(sequelizeTransactions(sequelize, Person));
    expect(inner).toBe(boom);
    expect(toMatrixOneError(outer)).toBeInstanceOf(TransactionError);
    // The later statement failed for the application's error, kept as the cause and named in the message.
    expect(toMatrixOneError(outer).cause).toBe(boom);
    expect(toMatrixOneError(outer).message).toMatch(/because it failed with Error: "inner boom"/);
    expect(await people()).toEqual([]);
    await Person.create({ email: 'later@x.io' });
    expect(await people()).toEqual([{ email: 'later@x.io', note: null }]);
  });
});

describe('Sequelize on MatrixOne: upserts', () => {
  it('upsert and bulkCreate({ updateOnDuplicate }) naming the unique column work', async () => {
    await Person.create({ email: 'm1@x.io', note: 'first' });
    await Person.upsert({ email: 'm1@x.io', note: 'upserted' });
    expect(await people()).toEqual([{ email: 'm1@x.io', note: 'upserted' }]);
    await Person.bulkCreate([{ email: 'new@x.io', note: 'bulk' }], { updateOnDuplicate: ['email', 'note'] });
    expect(await people()).toEqual([
      { email: 'm1@x.io', note: 'upserted' },
      { email: 'new@x.io', note: 'bulk' },
    ]);
    // A bulk upsert that updates a row runs too, but MatrixOne's OK packet cannot number the instances (issue 14):
    // the rows are right and the result is refused rather than given wrong ids. MatrixOne 4.2.0 was recorded
    // answering such a statement (one row updated, one inserted) with affectedRows 3 and a fresh insertId, the
    // answer the insert-id correction refuses, so a real MatrixOne must refuse it as the emulation does.
    const updated = await Person.bulkCreate(
      [
        { email: 'm1@x.io', note: 'bulk' },
        { email: 'new2@x.io', note: 'bulk' },
      ],
      { updateOnDuplicate: ['email', 'note'] },
    ).catch((failure: unknown) => failure);
    expect(toMatrixOneError(updated)).toBeInstanceOf(UnsupportedServerError);
    expect(await people()).toEqual([
      { email: 'm1@x.io', note: 'bulk' },
      { email: 'new@x.io', note: 'bulk' },
      { email: 'new2@x.io', note: 'bulk' },
    ]);
  });

  it('an upsert that could change the key (explicit id) is refused naming the column', async () => {
    const [row] = await db.inspect.query<mysql.ResultSetHeader>(
      "INSERT INTO people (email, note) VALUES ('k@x.io', 'kept')",
    );
    const error = await Person.upsert({ id: row.insertId, email: 'changed@x.io' }).catch(
      (failure: unknown) => failure,
    );
    expect(toMatrixOneError(error)).toBeInstanceOf(UnsupportedServerError);
    // Sequelize assigns VALUES(id) too: a row conflicting on email would get another id.
    expect(toMatrixOneError(error).message).toMatch(/key column "(id|email)"/);
    expect(await people()).toEqual([{ email: 'k@x.io', note: 'kept' }]);
  });
});

describe('Sequelize on MatrixOne: errors and refusals', () => {
  it('a missing parent is a ForeignKeyConstraintError, a duplicate a UniqueConstraintError: nothing written', async () => {
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
      // Not the server's own refusal (20105, also an UnsupportedServerError): nothing was sent.
      expect(toMatrixOneError(error).message).toMatch(/^Refused before sending/);
    }
    expect(await people()).toEqual([]);
  });
});
