import { useTestDatabase } from '@matrixone/test-server';
import { createNamespace } from 'cls-hooked';
import { QueryTypes, Sequelize } from 'sequelize';
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
/**
 * Sequelize's CLS mode: with `Sequelize.useCLS(namespace)`, model calls inside a managed transaction join it
 * without `{ transaction: t }`. `useCLS` is process-wide, so these tests live in their own file (vitest runs
 * each file in its own module registry).
 */
import { matrixone } from '../src/index.js';
import { MODEL_TABLES, defineModels } from './models.js';
import { connectionsInUse, openSequelize } from './open-sequelize.js';

const namespace = createNamespace('matrixone-adapter-sequelize-test');
Sequelize.useCLS(namespace);

const db = useTestDatabase();
let sequelize: Sequelize;
let models: ReturnType<typeof defineModels>;

async function countCustomers(): Promise<number> {
  const [rows] = await db.inspect.query('SELECT COUNT(*) AS n FROM customers');
  return Number((rows as Array<{ n: number }>)[0]?.n);
}

/** CONNECTION_ID() through Sequelize with no `transaction` option: CLS decides where it runs. */
async function implicitConnectionId(): Promise<number> {
  const row = await sequelize.query<{ id: number }>('SELECT CONNECTION_ID() AS id', {
    type: QueryTypes.SELECT,
    plain: true,
  });
  return Number(row?.id);
}

beforeAll(async () => {
  sequelize = openSequelize(db.url, 2);
  models = defineModels(sequelize);
  for (const statement of MODEL_TABLES) await db.inspect.query(statement);
});

beforeEach(async () => {
  await db.inspect.query('DELETE FROM customers');
});

afterAll(async () => {
  expect(connectionsInUse(sequelize)).toBe(0);
  await sequelize.close();
});

describe('with Sequelize.useCLS(namespace)', () => {
  it('client.transaction sets the CLS transaction: model calls without `transaction` join it and mo', async () => {
    const client = matrixone(sequelize);
    const ids = await client.transaction(async ({ t, mo }) => {
      expect(namespace.get('transaction')).toBe(t);
      await models.Customer.create({ id: 1, name: 'Ada' });
      const [moRow] = await mo.query<{ id: number }>('SELECT CONNECTION_ID() AS id');
      const [seen] = await mo.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM customers');
      expect(Number(seen?.n)).toBe(1);
      return { cls: await implicitConnectionId(), mo: Number(moRow?.id) };
    });
    expect(ids.cls).toBe(ids.mo);
    expect(await countCustomers()).toBe(1);
  });

  it('a throw rolls back implicit (CLS) model work and mo work together', async () => {
    const client = matrixone(sequelize);
    await expect(
      client.transaction(async ({ mo }) => {
        await models.Customer.create({ id: 2, name: 'Grace' });
        await mo.execute('INSERT INTO customers (id, name) VALUES (?, ?)', [3, 'Linus']);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await countCustomers()).toBe(0);
  });

  it('binds the CLS transaction of a plain sequelize.transaction() callback', async () => {
    const ran: string[] = [];
    await sequelize.transaction(async () => {
      // `namespace.get` is untyped: the Transaction overload comes first, so `mo` is typed as a transaction.
      const mo = matrixone(namespace.get('transaction'));
      expectTypeOf(mo.afterCommit).toBeFunction();
      await models.Customer.create({ id: 4, name: 'Barbara' });
      await mo.execute('INSERT INTO customers (id, name) VALUES (?, ?)', [5, 'Edsger']);
      mo.afterCommit(async () => ran.push(`committed:${await countCustomers()}`));
    });
    expect(ran).toEqual(['committed:2']);
  });

  it('the client itself never joins the CLS transaction: it runs on its own pooled connection', async () => {
    const client = matrixone(sequelize);
    await client.transaction(async ({ mo }) => {
      await models.Customer.create({ id: 6, name: 'Uncommitted' });
      const [clientRow] = await client.query<{ id: number }>('SELECT CONNECTION_ID() AS id');
      const [moRow] = await mo.query<{ id: number }>('SELECT CONNECTION_ID() AS id');
      expect(Number(clientRow?.id)).not.toBe(Number(moRow?.id));
      const [outside] = await client.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM customers');
      expect(Number(outside?.n)).toBe(0);
    });
    expect(await countCustomers()).toBe(1);
  });

  it('an after-commit hook can use the client and implicit model calls once CLS has let go of the transaction', async () => {
    const client = matrixone(sequelize);
    let afterCount = -1;
    await client.transaction(async ({ mo }) => {
      await models.Customer.create({ id: 7, name: 'Hook' });
      mo.afterCommit(async () => {
        await models.Customer.create({ id: 8, name: 'After' });
        const [row] = await client.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM customers');
        afterCount = Number(row?.n);
      });
    });
    expect(afterCount).toBe(2);
  });

  it('unmanaged transactions do not set CLS; binding them works the same', async () => {
    const t = await sequelize.transaction();
    expect(namespace.get('transaction')).toBeUndefined();
    const mo = matrixone(t);
    await models.Customer.create({ id: 9, name: 'Explicit' }, { transaction: t });
    await mo.execute('INSERT INTO customers (id, name) VALUES (?, ?)', [10, 'Bound']);
    await t.rollback();
    expect(await countCustomers()).toBe(0);
  });
});
