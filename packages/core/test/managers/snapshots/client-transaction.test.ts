/**
 * The transaction rules through the public client on the real test server: refused snapshot and restore
 * operations on `tx` send nothing and leave the transaction usable; allowed ones (clone, time travel) get past
 * the rule and reach the server check.
 */
import {
  type PooledClient,
  type QueryEvent,
  TransactionRuleError,
  UnsupportedServerError,
  createClient,
} from '@matrixone/core';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const db = useTestDatabase();

describe.skipIf(testServer().flavor === 'matrixone')(
  'manager rules inside client.transaction (not MatrixOne)',
  () => {
    let client: PooledClient;
    const sent: string[] = [];
    const record = (event: QueryEvent): void => {
      sent.push(event.sql);
    };

    beforeAll(async () => {
      client = createClient(db.url);
      await client.execute('CREATE TABLE items (id INT PRIMARY KEY)');
      client.on('query', record);
    });
    afterAll(async () => {
      client.off('query', record);
      await client.close();
    });

    it('refuses snapshot and restore operations with no SQL, and the transaction still commits', async () => {
      sent.length = 0;
      const refusals = await client.transaction(async (tx) => {
        await tx.execute('INSERT INTO items VALUES (?)', [1]);
        const before = sent.length;
        const errors = await Promise.all(
          [
            tx.snapshots.create({ name: 'sp', level: 'database', database: db.name }),
            tx.snapshots.list(),
            tx.snapshots.drop('sp'),
            tx.restores.table({ database: db.name, table: 'items' }, { snapshot: 'sp' }),
            tx.restores.database(db.name, { snapshot: 'sp' }),
          ].map((operation) => operation.catch((error: unknown) => error)),
        );
        expect(sent.length).toBe(before);
        return errors;
      });
      for (const error of refusals) expect(error).toBeInstanceOf(TransactionRuleError);
      expect(sent.some((sql) => /SNAPSHOT|RESTORE/i.test(sql))).toBe(false);
      const [rows] = await db.inspect.query('SELECT id FROM items');
      expect(rows).toEqual([{ id: 1 }]);
    });

    it('lets clone and time travel past the rule on tx, to the server check', async () => {
      await client.transaction(async (tx) => {
        await expect(tx.clones.database('copy', db.name)).rejects.toBeInstanceOf(UnsupportedServerError);
        await expect(tx.timeTravel.count({ table: 'items' }, { snapshot: 'sp' })).rejects.toBeInstanceOf(
          UnsupportedServerError,
        );
      });
    });

    it('on the client, every snapshot, clone, restore and time-travel call names the server it refuses', async () => {
      const calls = [
        () => client.snapshots.exists('sp'),
        () => client.clones.table({ table: 'copy' }, { table: 'items' }),
        () => client.restores.cluster({ snapshot: 'sp' }),
        () => client.timeTravel.table({ table: 'items' }, { snapshot: 'sp' }),
      ];
      for (const call of calls) {
        const error = await call().catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(UnsupportedServerError);
        expect((error as UnsupportedServerError).server).toMatch(/MariaDB|MySQL/);
      }
    });
  },
);
