import { InvalidInputError, UnsupportedServerError, createClientFromDriver } from '@matrixone/core';
import { OrmDriver } from '@matrixone/core/adapter';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import type { Sequelize } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sequelizeBinding } from '../src/binding.js';
import { connectionsInUse, openSequelize } from './open-sequelize.js';

const db = useTestDatabase();
let sequelize: Sequelize;

beforeAll(async () => {
  sequelize = openSequelize(db.url, 1);
  await db.inspect.query('CREATE TABLE notes (id INT PRIMARY KEY)');
});

afterAll(async () => {
  await sequelize.close();
});

describe('OrmDriver over the Sequelize binding (begin/end): SDK-owned transactions on Sequelize’s pool', () => {
  it('commits and rolls back through an unmanaged Sequelize transaction and returns the connection', async () => {
    const client = createClientFromDriver(new OrmDriver(sequelizeBinding, sequelize));
    await client.transaction(async (tx) => {
      await tx.execute('INSERT INTO notes (id) VALUES (?)', [1]);
    });
    await expect(
      client.transaction(async (tx) => {
        await tx.execute('INSERT INTO notes (id) VALUES (?)', [2]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const [rows] = await db.inspect.query('SELECT id FROM notes');
    expect(rows).toEqual([{ id: 1 }]);
    expect(connectionsInUse(sequelize)).toBe(0);
  });

  it('refuses READ ONLY before taking a connection: Sequelize cannot start it, and MatrixOne has none', async () => {
    const client = createClientFromDriver(new OrmDriver(sequelizeBinding, sequelize));
    // On MatrixOne the SDK's own check (no READ ONLY transactions there) comes first.
    const expected = testServer().flavor === 'matrixone' ? UnsupportedServerError : InvalidInputError;
    await expect(client.transaction(async () => undefined, { readOnly: true })).rejects.toBeInstanceOf(
      expected,
    );
    expect(connectionsInUse(sequelize)).toBe(0);
  });

  // MatrixOne accepts only READ COMMITTED / REPEATABLE READ and has no information_schema.innodb_trx.
  it.skipIf(testServer().flavor === 'matrixone')('applies the isolation level', async () => {
    const client = createClientFromDriver(new OrmDriver(sequelizeBinding, sequelize));
    // SET TRANSACTION (next transaction only) leaves @@tx_isolation alone; InnoDB reports the running one.
    const level = await client.transaction(
      async (tx) => {
        await tx.query('SELECT id FROM notes');
        const rows = await tx.query<{ level: string }>(
          'SELECT trx_isolation_level AS level FROM information_schema.innodb_trx WHERE trx_mysql_thread_id = CONNECTION_ID()',
        );
        return rows[0]?.level;
      },
      { isolationLevel: 'SERIALIZABLE' },
    );
    expect(level).toBe('SERIALIZABLE');
  });
});
