import {
  IsolationLevel,
  type PooledClient,
  type QueryEvent,
  TransactionError,
  createClient,
  rollbackErrorOf,
} from '@matrixone/core';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const db = useTestDatabase();
const isMatrixOne = testServer().flavor === 'matrixone';

async function names(): Promise<string[]> {
  const [rows] = await db.inspect.query<mysql.RowDataPacket[]>('SELECT name FROM entries ORDER BY name');
  return rows.map((row) => String(row.name));
}

describe('client.transaction() against the test server', () => {
  let client: PooledClient;

  beforeAll(async () => {
    client = createClient(`${db.url}?poolSize=5`);
    await client.execute('CREATE TABLE entries (name VARCHAR(40) PRIMARY KEY)');
  });
  beforeEach(async () => {
    await client.execute('DELETE FROM entries');
  });
  afterAll(async () => {
    await client.close();
  });

  it('commits when the callback resolves and returns its value', async () => {
    const result = await client.transaction(async (tx) => {
      await tx.execute('INSERT INTO entries (name) VALUES (?)', ['committed']);
      expect(tx.isOpen()).toBe(true);
      expect(tx.executor.inTransaction).toBe(true);
      return 42;
    });
    expect(result).toBe(42);
    expect(await names()).toEqual(['committed']);
    expect(client.poolStats()).toMatchObject({ busy: 0, queued: 0 });
  });

  it('rolls back when the callback throws and re-throws the same error', async () => {
    const failure = new Error('stop');
    const thrown = await client
      .transaction(async (tx) => {
        await tx.execute('INSERT INTO entries (name) VALUES (?)', ['rolled-back']);
        throw failure;
      })
      .catch((error: unknown) => error);
    expect(thrown).toBe(failure);
    expect(rollbackErrorOf(thrown)).toBeUndefined();
    expect(await names()).toEqual([]);
    expect(client.poolStats().busy).toBe(0);
  });

  it('runs afterCommit hooks in order once the data is committed', async () => {
    const seen: string[][] = [];
    await client.transaction(async (tx) => {
      tx.afterCommit(async () => {
        seen.push(await names());
      });
      tx.afterCommit(async () => {
        seen.push(['second']);
      });
      await tx.execute('INSERT INTO entries (name) VALUES (?)', ['hooked']);
    });
    expect(seen).toEqual([['hooked'], ['second']]);
  });

  it('runs afterRollback hooks, not afterCommit hooks, after a rollback', async () => {
    const seen: string[] = [];
    await client
      .transaction(async (tx) => {
        tx.afterCommit(() => seen.push('commit'));
        tx.afterRollback(() => seen.push('rollback'));
        throw new Error('stop');
      })
      .catch(() => undefined);
    expect(seen).toEqual(['rollback']);
  });

  it('runs concurrent statements of one transaction one after another', async () => {
    await client.transaction(async (tx) => {
      await Promise.all(
        ['c1', 'c2', 'c3', 'c4'].map((name) => tx.execute('INSERT INTO entries (name) VALUES (?)', [name])),
      );
      const [count] = await Promise.all([tx.query<{ n: number }>('SELECT COUNT(*) AS n FROM entries')]);
      expect(Number(count[0]?.n)).toBe(4);
    });
    expect(await names()).toEqual(['c1', 'c2', 'c3', 'c4']);
  });

  it('refuses statements on a transaction that has ended', async () => {
    let kept: Parameters<Parameters<typeof client.transaction>[0]>[0] | undefined;
    await client.transaction(async (tx) => {
      kept = tx;
    });
    expect(kept?.isOpen()).toBe(false);
    await expect(kept?.execute('INSERT INTO entries (name) VALUES (?)', ['late'])).rejects.toBeInstanceOf(
      TransactionError,
    );
    expect(await names()).toEqual([]);
  });

  it('reports transaction statements as in-transaction events, including COMMIT', async () => {
    const seen: QueryEvent[] = [];
    const listener = (event: QueryEvent) => seen.push(event);
    client.on('query', listener);
    await client.transaction((tx) => tx.execute('INSERT INTO entries (name) VALUES (?)', ['evented']));
    client.off('query', listener);
    expect(seen.map((event) => [event.sql, event.inTransaction, event.affectedRows])).toEqual([
      ['INSERT INTO entries (name) VALUES (?)', true, 1],
      ['COMMIT', true, 0],
    ]);
  });

  it('leaves no busy connection after 100 concurrent transactions on a pool of 5', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 100 }, (_, index) =>
        client.transaction(async (tx) => {
          await tx.execute('INSERT INTO entries (name) VALUES (?)', [`p${String(index).padStart(3, '0')}`]);
          if (index % 10 === 0) throw new Error(`fail ${index}`);
          return index;
        }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toHaveLength(10);
    expect(await names()).toHaveLength(90);
    const stats = client.poolStats();
    expect(stats).toMatchObject({ busy: 0, queued: 0 });
    expect(stats.total).toBeLessThanOrEqual(5);
  });

  describe.skipIf(isMatrixOne)('savepoints (MySQL and MariaDB roll back to a savepoint)', () => {
    it('rolls back only the inner transaction when it throws', async () => {
      await client.transaction(async (tx) => {
        await tx.execute('INSERT INTO entries (name) VALUES (?)', ['outer']);
        const inner = await tx
          .transaction(async (nested) => {
            await nested.execute('INSERT INTO entries (name) VALUES (?)', ['inner']);
            throw new Error('inner failed');
          })
          .catch((error: unknown) => error);
        expect((inner as Error).message).toBe('inner failed');
        await tx.transaction(async (nested) => {
          await nested.execute('INSERT INTO entries (name) VALUES (?)', ['inner-kept']);
          await nested.transaction((deeper) =>
            deeper.execute('INSERT INTO entries (name) VALUES (?)', ['deeper']),
          );
        });
      });
      expect(await names()).toEqual(['deeper', 'inner-kept', 'outer']);
    });

    it('drops afterCommit hooks of a rolled-back inner transaction and keeps those of a released one', async () => {
      const seen: string[] = [];
      await client.transaction(async (tx) => {
        await tx
          .transaction(async (nested) => {
            nested.afterCommit(() => seen.push('dropped'));
            nested.afterRollback(() => seen.push('inner rolled back'));
            throw new Error('inner');
          })
          .catch(() => undefined);
        await tx.transaction(async (nested) => {
          nested.afterCommit(() => seen.push('kept'));
        });
      });
      expect(seen).toEqual(['inner rolled back', 'kept']);
    });
  });

  describe.skipIf(isMatrixOne)('isolation level and access mode', () => {
    it('applies the isolation level to the transaction', async () => {
      // Another connection inserts without committing: only READ UNCOMMITTED can see it.
      const other = await mysql.createConnection(db.url);
      try {
        await other.query('START TRANSACTION');
        await other.query('INSERT INTO entries (name) VALUES (?)', ['uncommitted']);
        const dirty = await client.transaction(
          (tx) => tx.query<{ n: number }>('SELECT COUNT(*) AS n FROM entries'),
          {
            isolationLevel: IsolationLevel.ReadUncommitted,
          },
        );
        const clean = await client.transaction(
          (tx) => tx.query<{ n: number }>('SELECT COUNT(*) AS n FROM entries'),
          {
            isolationLevel: IsolationLevel.RepeatableRead,
          },
        );
        expect(Number(dirty[0]?.n)).toBe(1);
        expect(Number(clean[0]?.n)).toBe(0);
      } finally {
        await other.query('ROLLBACK');
        await other.end();
      }
    });

    it('refuses writes in a READ ONLY transaction', async () => {
      const thrown = await client
        .transaction((tx) => tx.execute('INSERT INTO entries (name) VALUES (?)', ['read-only']), {
          readOnly: true,
        })
        .catch((error: unknown) => error);
      expect(thrown).toMatchObject({ errno: 1792 });
      expect(await names()).toEqual([]);
    });
  });

  it('refuses an unknown isolation level before sending anything', async () => {
    await expect(
      client.transaction(async () => 1, { isolationLevel: 'CHAOS' as IsolationLevel }),
    ).rejects.toMatchObject({ kind: 'invalid-input', argument: 'isolationLevel' });
    expect(client.poolStats().busy).toBe(0);
  });
});

describe.skipIf(testServer().flavor !== 'matrixone')('transactions on MatrixOne (live)', () => {
  let client: PooledClient;

  beforeAll(async () => {
    client = createClient(db.url);
    await client.execute('CREATE TABLE IF NOT EXISTS entries (name VARCHAR(40) PRIMARY KEY)');
    await client.execute('DELETE FROM entries');
  });
  afterAll(async () => {
    await client.close();
  });

  it('turns a failed inner rollback into a TransactionError and rolls back the whole transaction', async () => {
    const thrown = await client
      .transaction(async (tx) => {
        await tx.execute('INSERT INTO entries (name) VALUES (?)', ['outer']);
        await tx.transaction(async (nested) => {
          await nested.execute('INSERT INTO entries (name) VALUES (?)', ['inner']);
          throw new Error('inner failed');
        });
      })
      .catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(TransactionError);
    expect((thrown as TransactionError).message).toMatch(/whole transaction must roll back/);
    expect(await names()).toEqual([]);
  });

  it('reports READ ONLY as unsupported', async () => {
    await expect(client.transaction(async () => 1, { readOnly: true })).rejects.toMatchObject({
      kind: 'unsupported-server',
    });
  });
});
