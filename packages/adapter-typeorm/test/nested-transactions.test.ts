/**
 * Nested `manager.transaction` calls are savepoints. MatrixOne cannot roll back to a savepoint; these tests make
 * ROLLBACK TO SAVEPOINT fail on MariaDB the same way (by releasing the savepoint first) and check that a bound
 * transaction is then rolled back as a whole, never half-committed or left open on a pooled connection.
 * `dataSource` is never passed to `matrixone(dataSource)`, so its connections stay unguarded and MatrixOne's
 * refusal (20101) reaches the adapter; the client test opens a DataSource of its own, which `matrixone()` guards
 * (on MatrixOne its ROLLBACK TO SAVEPOINT is sent as ROLLBACK), whatever order the tests run in. On MariaDB they
 * run a second time behind a fault proxy answering like MatrixOne 4.2.0 (`answerOrmStatementsLikeMatrixOne`), the
 * adapter told it talks to MatrixOne, so the MatrixOne expectations are checked in CI too.
 */
import { matrixone } from '@matrixone/adapter-typeorm';
import { TransactionError } from '@matrixone/core';
import {
  type FaultProxy,
  answerOrmStatementsLikeMatrixOne,
  startFaultProxy,
  testServer,
  useTestDatabase,
} from '@matrixone/test-server';
import { DataSource, type EntityManager } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const db = useTestDatabase();

/** A server the tests run on. */
interface Target {
  readonly title: string;
  /** The ORM reaches MariaDB through a fault proxy answering like MatrixOne. */
  readonly emulated: boolean;
  /** The server answers like MatrixOne (a real one or the emulation). */
  readonly matrixOne: boolean;
}

const onMatrixOne = testServer().flavor === 'matrixone';
const targets: readonly Target[] = [
  { title: 'the test server', emulated: false, matrixOne: onMatrixOne },
  ...(onMatrixOne
    ? []
    : [{ title: 'MariaDB answering like MatrixOne 4.2.0', emulated: true, matrixOne: true }]),
];

beforeAll(async () => {
  await db.inspect.query('CREATE TABLE entries (id INT PRIMARY KEY)');
});

beforeEach(async () => {
  await db.inspect.query('DELETE FROM entries');
});

async function committedIds(): Promise<number[]> {
  const [rows] = await db.inspect.query('SELECT id FROM entries ORDER BY id');
  return (rows as { id: number }[]).map((row) => row.id);
}

/** 1 when the only connection of `source`'s pool is still inside a transaction, else 0. */
async function pooledConnectionInTransaction(source: DataSource, matrixOne: boolean): Promise<number> {
  if (!matrixOne) {
    const [row] = await source.query('SELECT @@in_transaction AS open');
    return Number(row.open);
  }
  // MatrixOne defines no @@in_transaction: a probe row written on that connection is visible to another
  // connection at once only when the connection runs in autocommit, outside any transaction.
  await source.query('INSERT INTO entries (id) VALUES (999)');
  const visible = (await committedIds()).includes(999);
  await source.query('DELETE FROM entries WHERE id = 999');
  return visible ? 0 : 1;
}

/** A nested transaction whose ROLLBACK TO SAVEPOINT will fail (unguarded), as it always does on MatrixOne. */
async function failingNested(manager: EntityManager): Promise<void> {
  await manager
    .transaction(async (inner) => {
      await inner.query('INSERT INTO entries (id) VALUES (2)');
      await inner.query('RELEASE SAVEPOINT typeorm_1');
      throw new Error('inner failure');
    })
    .catch((error: unknown) => {
      expect(error).toMatchObject({ message: 'inner failure' });
    });
}

describe.each(targets)('nested transactions on $title', (target) => {
  const isMatrixOne = target.matrixOne;
  let proxy: FaultProxy | undefined;
  let dataSource: DataSource;

  /** A DataSource whose pool holds one connection: whatever a transaction leaves on it, the next statement sees. */
  function openDataSource(): Promise<DataSource> {
    return new DataSource({ type: 'mysql', url: proxy?.url ?? db.url, poolSize: 1 }).initialize();
  }

  beforeAll(async () => {
    if (target.emulated) {
      proxy = await startFaultProxy(db.url);
      answerOrmStatementsLikeMatrixOne(proxy, ['id']);
    }
    dataSource = await openDataSource();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await proxy?.close();
  });

  // MatrixOne cannot roll back to a savepoint (docs/matrixone-facts.md#transactions); the tests below are its
  // path.
  it.skipIf(isMatrixOne)(
    'an inner rollback undoes only the inner rows when the server supports savepoints',
    async () => {
      await dataSource.transaction(async (manager) => {
        const mo = matrixone(manager);
        await mo.execute('INSERT INTO entries (id) VALUES (?)', [1]);
        await manager
          .transaction(async (inner) => {
            await matrixone(inner).execute('INSERT INTO entries (id) VALUES (?)', [2]);
            throw new Error('inner failure');
          })
          .catch(() => undefined);
        await mo.execute('INSERT INTO entries (id) VALUES (?)', [3]);
      });
      expect(await committedIds()).toEqual([1, 3]);
    },
  );

  it('after a failed savepoint rollback the commit is refused and the whole transaction rolled back', async () => {
    const seen: string[] = [];
    const error = await dataSource
      .transaction(async (manager) => {
        const mo = matrixone(manager);
        mo.afterCommit(() => {
          seen.push('afterCommit');
        });
        mo.afterRollback(() => {
          seen.push('afterRollback');
        });
        await mo.execute('INSERT INTO entries (id) VALUES (?)', [1]);
        await failingNested(manager);
        await mo.execute('INSERT INTO entries (id) VALUES (?)', [3]);
      })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(TransactionError);
    // MariaDB: the released savepoint is gone (1305); MatrixOne: ROLLBACK TO always fails with 20101
    // (docs/matrixone-facts.md#transactions).
    expect(error).toMatchObject({ cause: { errno: isMatrixOne ? 20101 : 1305 } });
    expect(seen).toEqual(['afterRollback']);
    expect(await committedIds()).toEqual([]);
    expect(await pooledConnectionInTransaction(dataSource, isMatrixOne)).toBe(0);
  });

  it('after a failed savepoint rollback an outer throw still rolls back everything and rethrows the original', async () => {
    const original = new Error('outer failure');
    await expect(
      dataSource.transaction(async (manager) => {
        await matrixone(manager).execute('INSERT INTO entries (id) VALUES (?)', [1]);
        await failingNested(manager);
        throw original;
      }),
    ).rejects.toBe(original);
    expect(await committedIds()).toEqual([]);
    expect(await pooledConnectionInTransaction(dataSource, isMatrixOne)).toBe(0);
  });

  it('a failed rollback of an SDK nested transaction (mo.transaction) refuses TypeORM’s commit too', async () => {
    const seen: string[] = [];
    const nestedError = new Array<unknown>();
    const innerFailure = new Error('inner failure');
    // A DataSource of its own: matrixone(guarded) guards its connections on MatrixOne, never `dataSource`'s.
    const guarded = await openDataSource();
    const client = matrixone(guarded, target.emulated ? { serverFlavor: 'matrixone' } : {});
    try {
      const error = await client
        .transaction(async ({ mo }) => {
          mo.afterCommit(() => {
            seen.push('afterCommit');
          });
          mo.afterRollback(() => {
            seen.push('afterRollback');
          });
          await mo.execute('INSERT INTO entries (id) VALUES (?)', [1]);
          await mo
            .transaction(async (inner) => {
              await inner.execute('INSERT INTO entries (id) VALUES (?)', [2]);
              // Makes ROLLBACK TO SAVEPOINT fail on MariaDB, as it always does on MatrixOne.
              await inner.execute('RELEASE SAVEPOINT mo_sdk_savepoint_1');
              throw innerFailure;
            })
            .catch((caught: unknown) => nestedError.push(caught));
          await mo.execute('INSERT INTO entries (id) VALUES (?)', [3]);
        })
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      if (isMatrixOne) {
        // The guard sent the ROLLBACK TO as ROLLBACK: the nested call failed with its own error, and the next
        // statement of the rolled-back transaction was refused (docs/matrixone-facts.md#orms-on-matrixone).
        expect(nestedError).toEqual([innerFailure]);
        expect(error).toBeInstanceOf(TransactionError);
        expect((error as TransactionError).message).toContain(
          '"INSERT INTO entries (id) VALUES (3)" was therefore not sent',
        );
      } else {
        expect(nestedError).toEqual([expect.any(TransactionError)]);
        expect(error).toBeInstanceOf(TransactionError);
        expect(error).toBe(nestedError[0]);
      }
      expect(seen).toEqual(['afterRollback']);
      expect(await committedIds()).toEqual([]);
      expect(await pooledConnectionInTransaction(guarded, isMatrixOne)).toBe(0);
    } finally {
      await client.close();
      await guarded.destroy();
    }
  });
});
