import { InvalidInputError, UnsupportedServerError } from '@matrixone/core';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isKnexTransaction, matrixone } from '../src/index.js';
import { openKnex, sqlSentBy } from './support/open-knex.js';

const db = useTestDatabase();
let knex: Knex;

beforeAll(() => {
  knex = openKnex(db.url);
});
afterAll(async () => {
  await knex.destroy();
});

describe('matrixone()', () => {
  it('wraps a Knex instance in a client that keeps a reference to it', async () => {
    const client = matrixone(knex);
    expect(client.knex).toBe(knex);
    expect(typeof client.transaction).toBe('function');
    await client.close();
  });

  it('binds a Knex transaction, nested ones included', async () => {
    await knex.transaction(async (trx) => {
      expect(isKnexTransaction(trx)).toBe(true);
      expect(matrixone(trx).isOpen()).toBe(true);
      await trx.transaction(async (inner) => {
        expect(isKnexTransaction(inner)).toBe(true);
        expect(matrixone(inner).isOpen()).toBe(true);
      });
    });
    expect(isKnexTransaction(knex)).toBe(false);
  });

  it('returns the same SDK transaction when a Knex transaction is bound twice', async () => {
    await knex.transaction(async (trx) => {
      expect(matrixone(trx)).toBe(matrixone(trx));
    });
  });

  it('a bound transaction detects the server on its own connection, or takes the forced flavor', async () => {
    await knex.transaction(async (trx) => {
      expect((await matrixone(trx).serverInfo()).flavor).toBe(testServer().flavor);
    });
    await knex.transaction(async (trx) => {
      const sent = await sqlSentBy(knex, () => matrixone(trx, { serverFlavor: 'matrixone' }).serverInfo());
      expect(sent).toEqual([]);
    });
  });

  it.skipIf(testServer().flavor === 'matrixone')(
    'on another server, a MatrixOne operation allowed in a transaction fails with UnsupportedServerError',
    async () => {
      await knex.transaction(async (trx) => {
        await expect(
          matrixone(trx).clones.table({ table: 'copy' }, { table: 'original' }),
        ).rejects.toBeInstanceOf(UnsupportedServerError);
      });
    },
  );

  it('refuses anything else with InvalidInputError', () => {
    expect(() => matrixone({} as unknown as Knex)).toThrow(InvalidInputError);
  });
});
