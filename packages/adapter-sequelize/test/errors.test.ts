import {
  ConstraintError,
  NotFoundError,
  SqlSyntaxError,
  isMatrixOneError,
  toMatrixOneError,
} from '@matrixone/core';
import { useTestDatabase } from '@matrixone/test-server';
import { DatabaseError, type Sequelize, UniqueConstraintError } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrixone } from '../src/index.js';
import { MODEL_TABLES, defineModels } from './models.js';
import { openSequelize } from './open-sequelize.js';

const db = useTestDatabase();
let sequelize: Sequelize;
let models: ReturnType<typeof defineModels>;

beforeAll(async () => {
  sequelize = openSequelize(db.url, 2);
  models = defineModels(sequelize);
  for (const statement of MODEL_TABLES) await db.inspect.query(statement);
});

afterAll(async () => {
  await sequelize.close();
});

describe('errors: Sequelize’s and the SDK’s both carry the server’s code', () => {
  it('a duplicate key through a model is Sequelize’s UniqueConstraintError with errno 1062 on `parent`', async () => {
    await models.Customer.create({ id: 1, name: 'Ada' });
    const error = await models.Customer.create({ id: 1, name: 'Ada again' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UniqueConstraintError);
    expect((error as UniqueConstraintError).parent).toMatchObject({ errno: 1062, code: 'ER_DUP_ENTRY' });
    const mapped = toMatrixOneError(error);
    expect(mapped).toBeInstanceOf(ConstraintError);
    expect(mapped.errno).toBe(1062);
    expect(mapped.cause).toBe(error);
  });

  it('a duplicate key through mo is the SDK’s ConstraintError with errno and SQLSTATE, and keeps the transaction usable', async () => {
    const client = matrixone(sequelize);
    await client.transaction(async ({ t, mo }) => {
      const error = await mo
        .execute('INSERT INTO customers (id, name) VALUES (?, ?)', [1, 'dup'])
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConstraintError);
      // MatrixOne sends SQLSTATE HY000 with 1062 (docs/matrixone-facts.md#errors); the adapter's connection guard
      // gives the driver's error MySQL's 23000 there (docs/matrixone-facts.md#orms-on-matrixone).
      expect(error).toMatchObject({ errno: 1062, sqlState: '23000', driverCode: 'ER_DUP_ENTRY' });
      expect((error as ConstraintError).serverMessage).toContain('Duplicate entry');
      await models.Customer.create({ id: 2, name: 'Grace' }, { transaction: t });
    });
    const [rows] = await db.inspect.query('SELECT id FROM customers ORDER BY id');
    expect(rows).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('other server errors: Sequelize’s DatabaseError and the SDK’s typed error share the errno', async () => {
    const ormError = await sequelize.query('SELECT * FROM missing_table').catch((caught: unknown) => caught);
    expect(ormError).toBeInstanceOf(DatabaseError);
    expect((ormError as DatabaseError).parent).toMatchObject({ errno: 1146 });
    const sdkError = await matrixone(sequelize)
      .query('SELECT * FROM missing_table')
      .catch((caught: unknown) => caught);
    expect(sdkError).toBeInstanceOf(NotFoundError);
    expect(sdkError).toMatchObject({ errno: 1146 });
    await expect(matrixone(sequelize).query('SELEC 1')).rejects.toBeInstanceOf(SqlSyntaxError);
  });

  it('a failing mo statement that escapes the callback rolls back the model work too', async () => {
    const client = matrixone(sequelize);
    const error = await client
      .transaction(async ({ t, mo }) => {
        await models.Order.create({ id: 1, customerId: 1, total: 5 }, { transaction: t });
        await mo.execute('INSERT INTO customers (id, name) VALUES (?, ?)', [1, 'dup']);
      })
      .catch((caught: unknown) => caught);
    expect(isMatrixOneError(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'constraint', errno: 1062 });
    const [rows] = await db.inspect.query('SELECT COUNT(*) AS n FROM orders');
    expect(rows).toEqual([{ n: 0 }]);
  });
});
