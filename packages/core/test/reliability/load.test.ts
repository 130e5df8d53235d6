import { ErrorKind, type PooledClient, createClient, isMatrixOneErrorOfKind } from '@matrixone/core';
import { useTestDatabase } from '@matrixone/test-server';
import { afterAll, describe, expect, it } from 'vitest';
import { RowTable } from './reliability-support.js';

/** Many more transactions than connections: all complete with the right data; a queue limit fails fast. */
const db = useTestDatabase();
const clients: PooledClient[] = [];

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
});

function client(params: string): PooledClient {
  const created = createClient(`${db.url}?${params}`);
  clients.push(created);
  return created;
}

describe('load', () => {
  it('500 concurrent transactions on a pool of 10 all commit, each with its own data, none lost', async () => {
    const TRANSACTIONS = 500;
    const POOL_SIZE = 10;
    const pooled = client(`poolSize=${POOL_SIZE}`);
    const table = await RowTable.create(db, 'load_rows');
    await db.inspect.query('CREATE TABLE load_counter (id INT PRIMARY KEY, n INT NOT NULL)');
    await db.inspect.query('INSERT INTO load_counter VALUES (1, 0)');
    let mostBusy = 0;

    const started = performance.now();
    const seen = await Promise.all(
      Array.from({ length: TRANSACTIONS }, (_, id) =>
        pooled.transaction(async (tx) => {
          await tx.execute(table.insertSql, [id, `row ${id}`]);
          // Every transaction updates the same row: they queue on its lock, one after another.
          await tx.execute('UPDATE load_counter SET n = n + 1 WHERE id = 1');
          mostBusy = Math.max(mostBusy, pooled.poolStats().busy);
          const [own] = await tx.query<{ name: string }>(`SELECT name FROM ${table.name} WHERE id = ?`, [id]);
          return own?.name;
        }),
      ),
    );
    const elapsedMs = performance.now() - started;

    expect(seen).toEqual(Array.from({ length: TRANSACTIONS }, (_, id) => `row ${id}`));
    expect(await table.ids()).toEqual(Array.from({ length: TRANSACTIONS }, (_, id) => id));
    const [counter] = (await db.inspect.query('SELECT n FROM load_counter WHERE id = 1'))[0] as Array<{
      n: number;
    }>;
    expect(counter?.n).toBe(TRANSACTIONS);
    expect(mostBusy).toBeLessThanOrEqual(POOL_SIZE);
    expect(pooled.poolStats()).toMatchObject({ busy: 0, queued: 0 });
    expect(pooled.poolStats().total).toBeLessThanOrEqual(POOL_SIZE);
    console.log(
      `[reliability] ${TRANSACTIONS} concurrent transactions on a pool of ${POOL_SIZE}: all committed in ` +
        `${Math.round(elapsedMs)} ms (${Math.round((TRANSACTIONS * 1000) / elapsedMs)} transactions/s), ` +
        `at most ${mostBusy} connections busy`,
    );
  });

  it('with a queue limit, callers beyond pool size + queue limit fail at once with ConnectionError', async () => {
    const POOL_SIZE = 2;
    const QUEUE_LIMIT = 3;
    const CALLERS = 20;
    const limited = client(`poolSize=${POOL_SIZE}&queueLimit=${QUEUE_LIMIT}`);
    const settled: Array<{ ok: boolean; error?: unknown }> = [];
    await Promise.all(
      Array.from({ length: CALLERS }, () =>
        limited
          .transaction(async (tx) => tx.query('SELECT SLEEP(0.2)'))
          .then(
            () => settled.push({ ok: true }),
            (error: unknown) => settled.push({ ok: false, error }),
          ),
      ),
    );
    const refused = settled.filter((outcome) => !outcome.ok);
    expect(refused).toHaveLength(CALLERS - POOL_SIZE - QUEUE_LIMIT);
    expect(refused.every((outcome) => isMatrixOneErrorOfKind(outcome.error, ErrorKind.Connection))).toBe(
      true,
    );
    expect((refused[0]?.error as Error).message).toContain('raise pool.size or pool.queueLimit');
    // Fail fast: every refusal settled before the first admitted transaction finished.
    expect(settled.slice(0, refused.length).every((outcome) => !outcome.ok)).toBe(true);
    expect(limited.poolStats()).toMatchObject({ busy: 0, queued: 0 });
    console.log(
      `[reliability] pool ${POOL_SIZE} + queue limit ${QUEUE_LIMIT}, ${CALLERS} callers: ` +
        `${CALLERS - refused.length} ran, ${refused.length} refused before any admitted one finished ` +
        `(${String((refused[0]?.error as Error | undefined)?.message)})`,
    );
  });
});
