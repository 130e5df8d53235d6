import { HookError, TransactionError, hookErrorOf, isMatrixOneError, rollbackErrorOf } from '@matrixone/core';
import {
  type FaultProxy,
  answerOrmStatementsLikeMatrixOne,
  startFaultProxy,
  testServer,
  useTestDatabase,
} from '@matrixone/test-server';
import { QueryTypes, type Sequelize, Transaction } from 'sequelize';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { matrixone } from '../src/index.js';
import { MODEL_TABLES, defineModels } from './models.js';
import { connectionsInUse, openSequelize } from './open-sequelize.js';

const db = useTestDatabase();
// MatrixOne cannot roll back to a savepoint (its behaviour is checked in matrixone-live.test.ts).
const savepointsRollBack = testServer().flavor !== 'matrixone';
let sequelize: Sequelize;
let models: ReturnType<typeof defineModels>;

/** A server the nested-rollback tests run on. */
interface Target {
  readonly title: string;
  /** The ORM reaches MariaDB through a fault proxy answering like MatrixOne 4.2.0. */
  readonly emulated: boolean;
  /** The server answers like MatrixOne (a real one or the emulation). */
  readonly matrixOne: boolean;
}

/** The test server, and on MariaDB also the emulation, so the MatrixOne expectations are checked in CI too. */
const targets: readonly Target[] = [
  { title: 'the test server', emulated: false, matrixOne: !savepointsRollBack },
  ...(savepointsRollBack
    ? [{ title: 'MariaDB answering like MatrixOne 4.2.0', emulated: true, matrixOne: true }]
    : []),
];

async function countRows(table: 'customers' | 'orders' | 'audit'): Promise<number> {
  const [rows] = await db.inspect.query(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number((rows as Array<{ n: number }>)[0]?.n);
}

async function ormConnectionId(t: Transaction): Promise<number> {
  const row = await sequelize.query<{ id: number }>('SELECT CONNECTION_ID() AS id', {
    transaction: t,
    type: QueryTypes.SELECT,
    plain: true,
  });
  return Number(row?.id);
}

beforeAll(async () => {
  sequelize = openSequelize(db.url, 2);
  models = defineModels(sequelize);
  for (const statement of MODEL_TABLES) await db.inspect.query(statement);
  await db.inspect.query('CREATE TABLE audit (id INT PRIMARY KEY, note VARCHAR(100))');
});

beforeEach(async () => {
  for (const table of ['customers', 'orders', 'audit']) await db.inspect.query(`DELETE FROM ${table}`);
});

afterAll(async () => {
  expect(connectionsInUse(sequelize)).toBe(0);
  await sequelize.close();
});

/** Inserts a customer through `orm` in `transaction` (the models are `sequelize`'s). */
async function insertCustomer(
  orm: Sequelize,
  transaction: Transaction,
  id: number,
  name: string,
): Promise<void> {
  await orm.query('INSERT INTO customers (id, name) VALUES (?, ?)', {
    replacements: [id, name],
    transaction,
  });
}

describe('client.transaction(({ t, mo }) => …): a Sequelize managed transaction', () => {
  it('runs models (class and define) and mo on one connection and commits both', async () => {
    const client = matrixone(sequelize);
    const ids = await client.transaction(async ({ t, mo }) => {
      await models.Customer.create({ id: 1, name: 'Ada' }, { transaction: t });
      await models.Order.create({ id: 10, customerId: 1, total: 42 }, { transaction: t });
      await mo.execute('INSERT INTO audit (id, note) VALUES (?, ?)', [1, 'order 10']);
      const [moRow] = await mo.query<{ id: number }>('SELECT CONNECTION_ID() AS id');
      return { orm: await ormConnectionId(t), mo: Number(moRow?.id) };
    });
    expect(ids.mo).toBe(ids.orm);
    expect([await countRows('customers'), await countRows('orders'), await countRows('audit')]).toEqual([
      1, 1, 1,
    ]);
  });

  it('rolls back model and mo work when the callback throws, and runs afterRollback hooks only', async () => {
    const client = matrixone(sequelize);
    const ran: string[] = [];
    const failure = new Error('abort');
    await expect(
      client.transaction(async ({ t, mo }) => {
        mo.afterCommit(() => ran.push('afterCommit'));
        mo.afterRollback(() => ran.push('afterRollback'));
        await models.Customer.create({ id: 2, name: 'Grace' }, { transaction: t });
        await mo.execute('INSERT INTO audit (id, note) VALUES (?, ?)', [2, 'x']);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(ran).toEqual(['afterRollback']);
    expect([await countRows('customers'), await countRows('audit')]).toEqual([0, 0]);
  });

  it('runs afterCommit hooks in order once the commit is visible to other connections', async () => {
    const client = matrixone(sequelize);
    const seen: string[] = [];
    await client.transaction(async ({ t, mo }) => {
      await models.Customer.create({ id: 3, name: 'Linus' }, { transaction: t });
      mo.afterCommit(async () => seen.push(`first:${await countRows('customers')}`));
      mo.afterCommit(() => seen.push('second'));
    });
    expect(seen).toEqual(['first:1', 'second']);
  });

  it('reports a failing afterCommit hook as HookError while the commit stands', async () => {
    const client = matrixone(sequelize);
    const error = await client
      .transaction(async ({ t, mo }) => {
        await models.Customer.create({ id: 4, name: 'Barbara' }, { transaction: t });
        mo.afterCommit(() => {
          throw new Error('hook failed');
        });
        mo.afterCommit(() => undefined);
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HookError);
    expect((error as HookError).phase).toBe('afterCommit');
    expect(await countRows('customers')).toBe(1);
  });

  it('attaches failing afterRollback hooks to the callback’s error', async () => {
    const client = matrixone(sequelize);
    const failure = new Error('abort');
    const error = await client
      .transaction(async ({ mo }) => {
        mo.afterRollback(() => {
          throw new Error('rollback hook failed');
        });
        throw failure;
      })
      .catch((caught: unknown) => caught);
    expect(error).toBe(failure);
    expect(hookErrorOf(error)).toBeInstanceOf(HookError);
  });

  it('bulkCreates 10,000 rows in a bound transaction and sees them after commit', async () => {
    const client = matrixone(sequelize);
    let countedAfterCommit = -1;
    await client.transaction(async ({ t, mo }) => {
      const orders = Array.from({ length: 10_000 }, (_, index) => ({
        id: index + 1,
        customerId: 1,
        total: index,
      }));
      await models.Order.bulkCreate(orders, { transaction: t });
      const [inside] = await mo.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM orders');
      expect(Number(inside?.n)).toBe(10_000);
      expect(await countRows('orders')).toBe(0);
      mo.afterCommit(async () => {
        countedAfterCommit = await countRows('orders');
      });
    });
    expect(countedAfterCommit).toBe(10_000);
  });

  it('bulk-inserts with mo inside the Sequelize transaction, undone with it', async () => {
    const client = matrixone(sequelize);
    const rows = Array.from({ length: 120 }, (_, index) => ({ id: index + 1, note: `n${index}` }));
    await expect(
      client.transaction(async ({ mo }) => {
        const result = await mo.bulkInsert('audit', rows, { maxRowsPerBatch: 50 });
        expect(result).toEqual({ affectedRows: 120, batches: 3 });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await countRows('audit')).toBe(0);
  });

  it.skipIf(!savepointsRollBack)(
    'joins an outer transaction as a savepoint when given `transaction`',
    async () => {
      const client = matrixone(sequelize);
      await client.transaction(async ({ t: outer, mo: outerMo }) => {
        await models.Customer.create({ id: 5, name: 'Outer' }, { transaction: outer });
        await expect(
          client.transaction(
            async ({ t, mo }) => {
              expect(t).not.toBe(outer);
              await mo.execute('INSERT INTO audit (id, note) VALUES (?, ?)', [5, 'inner']);
              throw new Error('inner abort');
            },
            { transaction: outer },
          ),
        ).rejects.toThrow('inner abort');
        expect(outerMo.isOpen()).toBe(true);
      });
      expect([await countRows('customers'), await countRows('audit')]).toEqual([1, 0]);
    },
  );
});

describe('client.transaction(fn, { transaction: outer }): a savepoint of an outer transaction', () => {
  it('commits with the outer transaction; its afterCommit hooks run after the outer COMMIT', async () => {
    const client = matrixone(sequelize);
    const ran: string[] = [];
    await client.transaction(async ({ t, mo }) => {
      mo.afterCommit(() => ran.push('outer committed'));
      const inner = await client.transaction(
        async ({ t: savepoint, mo: innerMo }) => {
          expect(savepoint).not.toBe(t);
          innerMo.afterCommit(async () => ran.push(`inner committed:${await countRows('audit')}`));
          await innerMo.execute('INSERT INTO audit (id, note) VALUES (?, ?)', [40, 'inner']);
          return 'inner done';
        },
        { transaction: t },
      );
      ran.push(inner);
    });
    expect(ran).toEqual(['inner done', 'outer committed', 'inner committed:1']);
  });
  it('reports a failing afterCommit hook of the savepoint to onHookError: the outer call resolves', async () => {
    const reported: HookError[] = [];
    const client = matrixone(sequelize, { onHookError: (error) => reported.push(error) });
    await client.transaction(async ({ t }) => {
      await client.transaction(
        async ({ mo }) => {
          mo.afterCommit(() => {
            throw new Error('inner hook failed');
          });
        },
        { transaction: t },
      );
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(reported.map((error) => error.phase)).toEqual(['afterCommit']);
  });
});

describe.each(targets)(
  'nested rollbacks that fail, as every ROLLBACK TO SAVEPOINT does on MatrixOne ($title)',
  (target) => {
    /** How ROLLBACK TO a released savepoint fails unguarded: MatrixOne refuses every ROLLBACK TO SAVEPOINT (20101). */
    const rollbackToErrno = target.matrixOne ? 20101 : 1305;
    /** On MatrixOne `matrixone(orm)` guards `orm`'s connections: a ROLLBACK TO SAVEPOINT is sent as ROLLBACK. */
    const guarded = target.matrixOne;
    const adapterOptions = target.emulated ? { serverFlavor: 'matrixone' as const } : {};
    let proxy: FaultProxy | undefined;
    /** Passed to `matrixone(orm)` by the client tests. */
    let orm: Sequelize;
    /** Never passed to `matrixone(orm)`: a ROLLBACK TO SAVEPOINT reaches the server, whatever order tests run in. */
    let unguarded: Sequelize;

    beforeAll(async () => {
      if (target.emulated) {
        proxy = await startFaultProxy(db.url);
        answerOrmStatementsLikeMatrixOne(proxy, ['id']);
      }
      orm = openSequelize(proxy?.url ?? db.url, 2);
      unguarded = openSequelize(proxy?.url ?? db.url, 1);
    });

    afterAll(async () => {
      expect([connectionsInUse(orm), connectionsInUse(unguarded)]).toEqual([0, 0]);
      await orm.close();
      await unguarded.close();
      await proxy?.close();
    });

    // Guarded, the ROLLBACK TO succeeds and the outer COMMIT is refused with a TransactionError whose cause is the
    // nested callback's error.
    it('refuses to commit after a savepoint could not be rolled back to: everything rolls back and TransactionError is thrown', async () => {
      const client = matrixone(orm, adapterOptions);
      const ran: string[] = [];
      const innerAbort = new Error('inner abort');
      const error = await client
        .transaction(async ({ t, mo }) => {
          mo.afterCommit(() => ran.push('committed'));
          mo.afterRollback(() => ran.push('rolled back'));
          await insertCustomer(orm, t, 20, 'Outer');
          await orm
            .transaction({ transaction: t }, async (savepoint) => {
              await insertCustomer(orm, savepoint, 21, 'Inner');
              // MariaDB can roll back to savepoints; releasing Sequelize's first makes its ROLLBACK TO fail (1305)
              // the way it always fails on MatrixOne (20101).
              const name = (savepoint as unknown as { name: string }).name;
              await orm.query(`RELEASE SAVEPOINT \`${name}\``, { transaction: savepoint });
              throw innerAbort;
            })
            .catch(() => undefined);
        })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TransactionError);
      expect((error as TransactionError).message).toContain('savepoint');
      if (guarded) expect((error as TransactionError).cause).toBe(innerAbort);
      else expect((error as TransactionError).errno).toBe(rollbackToErrno);
      expect(ran).toEqual(['rolled back']);
      expect(await countRows('customers')).toBe(0);
    });

    it('attaches the ROLLBACK TO that failed (Sequelize ignores it) to the nested callback’s error as rollbackError', async () => {
      const client = matrixone(orm, adapterOptions);
      const failure = new Error('inner abort');
      let innerError: unknown;
      const outerError = await client
        .transaction(async ({ t }) => {
          innerError = await client
            .transaction(
              async ({ t: savepoint }) => {
                const name = (savepoint as unknown as { name: string }).name;
                await orm.query(`RELEASE SAVEPOINT \`${name}\``, { transaction: savepoint });
                throw failure;
              },
              { transaction: t },
            )
            .catch((caught: unknown) => caught);
        })
        .catch((caught: unknown) => caught);
      expect(innerError).toBe(failure);
      expect(outerError).toBeInstanceOf(TransactionError);
      if (guarded) {
        // The ROLLBACK TO was sent as ROLLBACK and succeeded: there is no failed rollback to attach.
        expect(rollbackErrorOf(innerError)).toBeUndefined();
        expect((outerError as TransactionError).cause).toBe(failure);
      } else {
        expect(rollbackErrorOf(innerError)).toMatchObject({ errno: rollbackToErrno });
      }
    });

    it('refuses to commit a bound unmanaged transaction after its bound savepoint could not be rolled back to', async () => {
      const t = await unguarded.transaction();
      const mo = matrixone(t);
      const ran: string[] = [];
      mo.afterRollback(() => ran.push('rolled back'));
      await insertCustomer(unguarded, t, 23, 'Outer');
      const savepoint = await unguarded.transaction({ transaction: t });
      const inner = matrixone(savepoint);
      await inner.execute('INSERT INTO customers (id, name) VALUES (?, ?)', [24, 'Inner']);
      const name = (savepoint as unknown as { name: string }).name;
      await unguarded.query(`RELEASE SAVEPOINT \`${name}\``, { transaction: savepoint });
      await expect(savepoint.rollback()).rejects.toMatchObject({ errno: rollbackToErrno });
      await expect(t.commit()).rejects.toBeInstanceOf(TransactionError);
      expect(ran).toEqual(['rolled back']);
      expect(await countRows('customers')).toBe(0);
    });

    it('refuses to commit after the SDK’s own nested transaction could not roll back', async () => {
      const t = await unguarded.transaction();
      const mo = matrixone(t, { serverFlavor: 'matrixone' });
      await insertCustomer(unguarded, t, 22, 'Outer');
      const nested = await mo
        .transaction(async (inner) => {
          // Releasing the core's savepoint (its first is `mo_sdk_savepoint_1`) makes the ROLLBACK TO fail on
          // MariaDB too, as every ROLLBACK TO does on MatrixOne.
          await inner.execute('RELEASE SAVEPOINT mo_sdk_savepoint_1');
          throw new Error('inner abort');
        })
        .catch((caught: unknown) => caught);
      expect(nested).toBeInstanceOf(TransactionError);
      await expect(t.commit()).rejects.toBeInstanceOf(TransactionError);
      expect(await countRows('customers')).toBe(0);
    });
  },
);

describe('matrixone(t): binding a transaction the application manages', () => {
  it('binds an unmanaged transaction; afterCommit runs when t.commit() succeeded', async () => {
    const t = await sequelize.transaction();
    const mo = matrixone(t);
    expect(matrixone(t)).toBe(mo);
    const ran: string[] = [];
    mo.afterCommit(async () => ran.push(`committed:${await countRows('audit')}`));
    mo.afterRollback(() => ran.push('rolledBack'));
    await mo.execute('INSERT INTO audit (id, note) VALUES (?, ?)', [6, 'unmanaged']);
    expect(ran).toEqual([]);
    await t.commit();
    expect(ran).toEqual(['committed:1']);
    expect(mo.isOpen()).toBe(false);
  });

  it('runs only afterRollback hooks when the application rolls back', async () => {
    const t = await sequelize.transaction();
    const mo = matrixone(t);
    const ran: string[] = [];
    mo.afterCommit(() => ran.push('committed'));
    mo.afterRollback(() => ran.push('rolledBack'));
    await models.Customer.create({ id: 7, name: 'Rolled' }, { transaction: t });
    await mo.execute('INSERT INTO audit (id, note) VALUES (?, ?)', [7, 'x']);
    await t.rollback();
    expect(ran).toEqual(['rolledBack']);
    expect([await countRows('customers'), await countRows('audit')]).toEqual([0, 0]);
  });

  it('reports a failing afterCommit hook to onHookError as HookError, t.commit() resolving after the commit', async () => {
    const reported: HookError[] = [];
    const t = await sequelize.transaction();
    matrixone(t, { onHookError: (error) => reported.push(error) }).afterCommit(() => {
      throw new Error('hook failed');
    });
    await models.Customer.create({ id: 8, name: 'Kept' }, { transaction: t });
    await t.commit();
    expect(reported).toHaveLength(1);
    expect(reported[0]).toBeInstanceOf(HookError);
    expect(reported[0]?.phase).toBe('afterCommit');
    expect(await countRows('customers')).toBe(1);
  });

  it('refuses statements once the transaction ended, so nothing runs in autocommit or another transaction', async () => {
    const t = await sequelize.transaction();
    const mo = matrixone(t);
    await t.commit();
    const error = await mo
      .execute('INSERT INTO audit (id, note) VALUES (?, ?)', [9, 'stale'])
      .catch((e) => e);
    expect(error).toBeInstanceOf(TransactionError);
    expect(await countRows('audit')).toBe(0);
    expect(() => matrixone(t)).not.toThrow();
  });

  it('refuses to bind a transaction that already ended, or never began', async () => {
    const t = await sequelize.transaction();
    await t.rollback();
    expect(() => matrixone(t)).toThrow(TransactionError);
    expect(() => matrixone(new Transaction(sequelize, {}))).toThrow(TransactionError);
  });

  it.skipIf(!savepointsRollBack)(
    'binds a savepoint: its rollback undoes only its work and runs its afterRollback hooks',
    async () => {
      const ran: string[] = [];
      await sequelize.transaction(async (t) => {
        const outer = matrixone(t);
        outer.afterCommit(() => ran.push('outer committed'));
        await outer.execute('INSERT INTO audit (id, note) VALUES (?, ?)', [10, 'outer']);
        await sequelize
          .transaction({ transaction: t }, async (savepoint) => {
            const inner = matrixone(savepoint);
            inner.afterCommit(() => ran.push('inner committed'));
            inner.afterRollback(() => ran.push('inner rolled back'));
            await inner.execute('INSERT INTO audit (id, note) VALUES (?, ?)', [11, 'inner']);
            throw new Error('inner abort');
          })
          .catch(() => undefined);
        expect(outer.isOpen()).toBe(true);
      });
      expect(ran).toEqual(['inner rolled back', 'outer committed']);
      const [rows] = await db.inspect.query('SELECT id FROM audit ORDER BY id');
      expect(rows).toEqual([{ id: 10 }]);
    },
  );

  it('runs a savepoint’s afterCommit hooks only when the outer transaction commits, never on its rollback', async () => {
    const ran: string[] = [];
    const t = await sequelize.transaction();
    await sequelize.transaction({ transaction: t }, async (savepoint) => {
      matrixone(savepoint).afterCommit(() => ran.push('committed'));
      matrixone(savepoint).afterRollback(() => ran.push('rolled back'));
    });
    expect(ran).toEqual([]);
    await t.rollback();
    expect(ran).toEqual(['rolled back']);
  });

  // KILL from another session is MySQL/MariaDB behaviour the MatrixOne reference does not cover.
  it.skipIf(testServer().flavor === 'matrixone')(
    'reports a COMMIT whose connection died as outcome unknown, and runs no hook',
    async () => {
      const t = await sequelize.transaction();
      const mo = matrixone(t);
      const ran: string[] = [];
      mo.afterCommit(() => ran.push('committed'));
      mo.afterRollback(() => ran.push('rolled back'));
      const [row] = await mo.query<{ id: number }>('SELECT CONNECTION_ID() AS id');
      await db.inspect.query(`KILL ${Number(row?.id)}`);
      const warn = console.warn;
      console.warn = () => undefined; // Sequelize warns that it kills the connection
      const error = await t.commit().catch((caught: unknown) => caught);
      console.warn = warn;
      expect(error).toBeInstanceOf(TransactionError);
      expect((error as TransactionError).outcomeUnknown).toBe(true);
      expect(isMatrixOneError((error as TransactionError).cause)).toBe(true);
      expect(ran).toEqual([]);
    },
  );

  // InnoDB's deadlock detection; MatrixOne reports deadlocks with its own codes
  // (docs/matrixone-facts.md#transactions).
  it.skipIf(testServer().flavor === 'matrixone')(
    'after a deadlock on an mo statement, Sequelize’s transaction is rolled back too, as Sequelize does for its own',
    async () => {
      await db.inspect.query("INSERT INTO audit (id, note) VALUES (1, 'a'), (2, 'b')");
      const first = await sequelize.transaction();
      const second = await sequelize.transaction();
      const ran: string[] = [];
      const [moFirst, moSecond] = [matrixone(first), matrixone(second)];
      moFirst.afterRollback(() => ran.push('first rolled back'));
      moSecond.afterRollback(() => ran.push('second rolled back'));
      await moFirst.execute('UPDATE audit SET note = ? WHERE id = ?', ['first', 1]);
      await moSecond.execute('UPDATE audit SET note = ? WHERE id = ?', ['second', 2]);
      // Each now waits for the row the other holds, whichever request the server sees first.
      const results = await Promise.allSettled([
        moFirst.execute('UPDATE audit SET note = ? WHERE id = ?', ['first', 2]),
        moSecond.execute('UPDATE audit SET note = ? WHERE id = ?', ['second', 1]),
      ]);
      const victims = results.flatMap((result, index) => (result.status === 'rejected' ? [index] : []));
      expect(victims).toHaveLength(1);
      const victim = victims[0] === 0 ? first : second;
      const survivor = victims[0] === 0 ? second : first;
      expect((results[victims[0] ?? 0] as PromiseRejectedResult).reason).toMatchObject({ errno: 1213 });
      expect(ran).toEqual([victims[0] === 0 ? 'first rolled back' : 'second rolled back']);
      await expect(models.Customer.create({ id: 30, name: 'x' }, { transaction: victim })).rejects.toThrow(
        /rollback has been called/,
      );
      await survivor.commit();
    },
  );
});
