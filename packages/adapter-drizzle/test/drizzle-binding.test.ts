/**
 * What is specific to Drizzle: the statements it sends for the SDK's transactions, savepoints followed without
 * being bound, a nested transaction whose outer one the SDK never saw, the transaction options, the SDK's own
 * transactions (bulkInsert) inside Drizzle's managed one, streams, a db on a single connection, and Drizzle's
 * wrapped errors. Rows are read back on the harness's own connection.
 */
import {
  ConfigurationError,
  ConstraintError,
  ErrorKind,
  InvalidInputError,
  isMatrixOneErrorOfKind,
  toMatrixOneError,
} from '@matrixone/core';
import { type FaultProxy, startFaultProxy, testServer, useTestDatabase } from '@matrixone/test-server';
import { sql } from 'drizzle-orm';
import { int, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { type MySql2Database, drizzle } from 'drizzle-orm/mysql2';
import { createConnection } from 'mysql2';
import type mysql from 'mysql2/promise';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { matrixone } from '../src/index.js';
import { endPool, openDrizzle, usedConnections } from './support/open-drizzle.js';

const db = useTestDatabase();
const items = mysqlTable('items', {
  id: int('id').primaryKey(),
  name: varchar('name', { length: 40 }).notNull(),
});
const onMariaDb = testServer().flavor !== 'matrixone';

/** Drizzle on a fresh pool that records every statement Drizzle itself sends (not the SDK's). */
function openLogged(url = db.url): { orm: MySql2Database; sent: string[]; close(): Promise<void> } {
  const { pool } = openDrizzle(url, 2);
  const sent: string[] = [];
  const orm = drizzle(pool, { logger: { logQuery: (query) => sent.push(query) } });
  return { orm, sent, close: () => endPool(pool) };
}

async function names(): Promise<string[]> {
  const [rows] = await db.inspect.query<mysql.RowDataPacket[]>('SELECT name FROM items ORDER BY id');
  return rows.map((row) => String(row.name));
}

beforeAll(async () => {
  await db.inspect.query('CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL)');
});
beforeEach(async () => {
  await db.inspect.query('DELETE FROM items');
});

describe('matrixone(db) and matrixone(tx)', () => {
  it('wraps a db (client.db is it), binds its transactions once, and refuses anything else with InvalidInputError', async () => {
    const { orm, close } = openLogged();
    try {
      const client = matrixone(orm);
      expect(client.db).toBe(orm);
      await orm.transaction(async (tx) => {
        expect(matrixone(tx)).toBe(matrixone(tx));
        await tx.transaction(async (inner) => {
          expect(matrixone(inner)).not.toBe(matrixone(tx));
          expect(matrixone(inner).isOpen()).toBe(true);
        });
      });
      for (const value of [{}, null, 'db', { session: {}, dialect: {} }]) {
        expect(() => matrixone(value as never)).toThrow(InvalidInputError);
      }
      await client.close();
    } finally {
      await close();
    }
  });

  it('client.transaction runs begin … commit through Drizzle and mo on the same connection in between', async () => {
    const { orm, sent, close } = openLogged();
    try {
      const client = matrixone(orm);
      await client.transaction(async ({ tx, mo }) => {
        await tx.insert(items).values({ id: 1, name: 'drizzle' });
        await mo.execute('INSERT INTO items (id, name) VALUES (?, ?)', [2, 'mo']);
        const [[drizzleSide], moSide] = await Promise.all([
          tx.execute(sql`SELECT CONNECTION_ID() AS id`) as unknown as Promise<[Array<{ id: number }>]>,
          mo.query<{ id: number }>('SELECT CONNECTION_ID() AS id'),
        ]);
        expect(Number(moSide[0]?.id)).toBe(Number(drizzleSide[0]?.id));
      });
      expect(sent.filter((statement) => /^(begin|commit|rollback)$/.test(statement))).toEqual([
        'begin',
        'commit',
      ]);
      expect(await names()).toEqual(['drizzle', 'mo']);
    } finally {
      await close();
    }
  });

  it('passes isolationLevel to Drizzle as its own config (lower case)', async () => {
    const { orm, sent, close } = openLogged();
    try {
      await matrixone(orm).transaction(async ({ mo }) => mo.query('SELECT 1'), {
        isolationLevel: 'READ COMMITTED',
      });
      expect(sent.slice(0, 2)).toEqual(['set transaction isolation level read committed', 'begin']);
    } finally {
      await close();
    }
  });

  it('a nested transaction bound before its outer one was seen is refused with ConfigurationError', async () => {
    // A db never wrapped: the SDK cannot tell which transaction a savepoint's belongs to.
    const { orm, close } = openLogged();
    try {
      await orm.transaction(async (tx) => {
        await tx.transaction(async (inner) => {
          expect(() => matrixone(inner)).toThrow(ConfigurationError);
        });
        // Bound while open, the outer one is followed from here on, and so are the savepoints it starts.
        const mo = matrixone(tx);
        await tx.transaction(async (inner) => {
          expect(matrixone(inner).isOpen()).toBe(true);
        });
        expect(mo.isOpen()).toBe(true);
      });
    } finally {
      await close();
    }
  });
});

describe.skipIf(!onMariaDb)(
  'savepoints on a server that cannot roll back to one (emulated MatrixOne)',
  () => {
    let proxy: FaultProxy;
    beforeAll(async () => {
      proxy = await startFaultProxy(db.url);
      // MatrixOne's answer (docs/matrixone-facts.md); the statement is not forwarded, so nothing is undone.
      proxy.answerWithError(/^rollback to savepoint/i, {
        errno: 20101,
        sqlState: 'HY000',
        message: 'internal error: savepoint has not been implemented yet. please rollback the transaction.',
      });
    });
    afterAll(async () => {
      await proxy.close();
    });

    it('an inner rollback that fails refuses the outer commit: TransactionError, everything rolled back, afterRollback hooks run', async () => {
      const { orm, close } = openLogged(proxy.url);
      try {
        const client = matrixone(orm);
        const hooks: string[] = [];
        const error = await client
          .transaction(async ({ tx, mo }) => {
            mo.afterRollback(() => hooks.push('outer afterRollback'));
            await tx.insert(items).values({ id: 1, name: 'outer' });
            // The savepoint's transaction is never bound: the SDK follows it from the outer one.
            const inner = await tx
              .transaction(async (nested) => {
                await nested.insert(items).values({ id: 2, name: 'inner' });
                throw new Error('undo the inner part');
              })
              .catch((failure: unknown) => failure);
            expect(toMatrixOneError(inner).errno).toBe(20101);
            await tx.insert(items).values({ id: 3, name: 'after' });
          })
          .catch((failure: unknown) => failure);
        expect(error).toMatchObject({ name: 'TransactionError' });
        expect(hooks).toEqual(['outer afterRollback']);
        expect(await names()).toEqual([]);
      } finally {
        await close();
      }
    });

    it('a transaction bound with matrixone(tx) inside db.transaction is refused the same way', async () => {
      const { orm, sent, close } = openLogged(proxy.url);
      try {
        const error = await orm
          .transaction(async (tx) => {
            matrixone(tx);
            await tx.insert(items).values({ id: 1, name: 'outer' });
            await tx.transaction(async () => Promise.reject(new Error('inner'))).catch(() => undefined);
          })
          .catch((failure: unknown) => failure);
        expect(isMatrixOneErrorOfKind(error, ErrorKind.Transaction)).toBe(true);
        expect(sent.at(-1)).toBe('rollback');
        expect(sent).not.toContain('commit');
        expect(await names()).toEqual([]);
      } finally {
        await close();
      }
    });
  },
);

describe('the SDK’s own transactions and streams on Drizzle’s pool', () => {
  it('bulkInsert commits in a transaction Drizzle runs, and a failing one rolls back and gives the connection back', async () => {
    const { db: orm, pool } = openDrizzle(db.url, 2);
    try {
      const client = matrixone(orm);
      await client.bulkInsert('items', {
        columns: ['id', 'name'],
        rows: [
          [1, 'b1'],
          [2, 'b2'],
        ],
      });
      const error = await client
        .bulkInsert('items', {
          columns: ['id', 'name'],
          rows: [
            [3, 'b3'],
            [1, 'duplicate'],
          ],
        })
        .catch((failure: unknown) => failure);
      expect(error).toBeInstanceOf(ConstraintError);
      expect(await names()).toEqual(['b1', 'b2']);
      expect(usedConnections(pool)).toBe(0);
    } finally {
      await endPool(pool);
    }
  });

  it('streams rows from one pooled connection and gives it back, also when the loop stops early', async () => {
    const { db: orm, pool } = openDrizzle(db.url, 2);
    try {
      await db.inspect.query("INSERT INTO items VALUES (1, 'a'), (2, 'b'), (3, 'c')");
      const client = matrixone(orm);
      const all: unknown[] = [];
      for await (const row of client.stream('SELECT name FROM items WHERE id > ? ORDER BY id', [0]))
        all.push(row);
      expect(all).toEqual([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
      for await (const row of client.stream('SELECT name FROM items ORDER BY id')) {
        expect(row).toEqual({ name: 'a' });
        break;
      }
      expect(usedConnections(pool)).toBe(0);
      expect(await client.query('SELECT COUNT(*) AS n FROM items')).toEqual([{ n: 3 }]);
    } finally {
      await endPool(pool);
    }
  });

  it('works on a db over one mysql2 connection (no pool)', async () => {
    const connection = createConnection({ uri: db.url });
    try {
      const client = matrixone(drizzle(connection));
      await client.transaction(async ({ tx, mo }) => {
        await tx.insert(items).values({ id: 1, name: 'single' });
        await mo.execute('INSERT INTO items (id, name) VALUES (?, ?)', [2, 'mo']);
      });
      expect(await client.query<{ name: string }>('SELECT name FROM items ORDER BY id')).toEqual([
        { name: 'single' },
        { name: 'mo' },
      ]);
    } finally {
      await new Promise((resolve) => connection.end(resolve));
    }
  });

  it('toMatrixOneError reads the mysql2 error inside Drizzle’s DrizzleQueryError', async () => {
    const { db: orm, pool } = openDrizzle(db.url, 1);
    try {
      await orm.insert(items).values({ id: 1, name: 'one' });
      const failure = await orm
        .insert(items)
        .values({ id: 1, name: 'again' })
        .catch((error: unknown) => error);
      expect((failure as Error).message).toMatch(/^Failed query: /);
      const error = toMatrixOneError(failure);
      expect(error).toBeInstanceOf(ConstraintError);
      expect(error.errno).toBe(1062);
      expect(error.cause).toBe(failure);
    } finally {
      await endPool(pool);
    }
  });
});
