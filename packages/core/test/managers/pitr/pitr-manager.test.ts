import { testServer, useTestDatabase } from '@matrixone/test-server';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor, Statement, StatementResult } from '../../../src/connection/executor.js';
import {
  InvalidInputError,
  TransactionRuleError,
  UnsupportedServerError,
} from '../../../src/errors/errors.js';
import type { ManagerContext } from '../../../src/managers/manager-context.js';
import { PitrManager } from '../../../src/managers/pitr/pitr-manager.js';
import { parseServerVersion } from '../../../src/server/server-info.js';
import { mysqlContext } from '../../support/mysql-context.js';

const db = useTestDatabase();
const range = { value: 1, unit: 'h' } as const;
const at = '2026-05-24 12:00:00';

/** Every manager call, each given a fresh manager. */
const calls: Array<[string, (pitr: PitrManager) => Promise<unknown>]> = [
  ['create', (pitr) => pitr.create({ name: 'p1', level: 'database', database: 'shop', range })],
  ['alter', (pitr) => pitr.alter({ name: 'p1', range })],
  ['drop', (pitr) => pitr.drop('p1')],
  ['list', (pitr) => pitr.list()],
  ['get', (pitr) => pitr.get('p1')],
  ['restore', (pitr) => pitr.restore({ pitr: 'p1', at, level: 'database', database: 'shop' })],
];

/** A context that only records what would have been sent: used to prove that nothing was. */
function recordingContext(inTransaction: boolean): {
  context: ManagerContext;
  sent: Statement[];
  versionReads: () => number;
} {
  const sent: Statement[] = [];
  let reads = 0;
  const executor: Executor = {
    inTransaction,
    async run<R>(statement: Statement): Promise<StatementResult<R>> {
      sent.push(statement);
      return { rows: [], columns: [], affectedRows: 0 };
    },
  };
  return {
    context: {
      executor,
      async serverInfo() {
        reads += 1;
        return parseServerVersion('8.0.30-MatrixOne-v2.2.0');
      },
    },
    sent,
    versionReads: () => reads,
  };
}

describe('PitrManager inside a transaction', () => {
  it.each(calls)('%s throws TransactionRuleError and sends nothing', async (method, call) => {
    const { context, sent, versionReads } = recordingContext(true);
    const error = await call(new PitrManager(context)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransactionRuleError);
    expect((error as Error).message).toContain(`pitr.${method}`);
    expect(sent).toEqual([]);
    expect(versionReads()).toBe(0);
  });
});

describe('PitrManager input checks', () => {
  it('rejects injection attempts with InvalidInputError before any SQL is sent', async () => {
    const { context, sent } = recordingContext(false);
    const pitr = new PitrManager(context);
    const attempts = [
      pitr.create({ name: "p'; DROP DATABASE shop; --", level: 'cluster', range }),
      pitr.create({
        name: 'p1',
        level: 'table',
        database: 'shop',
        table: 'orders',
        range: { value: 1, unit: "h'; --" as 'h' },
      }),
      pitr.alter({ name: 'p1', range: { value: 101, unit: 'd' } }),
      pitr.drop('p`1'),
      pitr.get('p 1'),
      pitr.restore({ pitr: 'p1', at: "2026-05-24 12:00:00' OR '1", level: 'cluster' }),
      pitr.restore({ pitr: 'p1', at, level: 'account', account: 'acc01; DROP ACCOUNT sys' }),
    ];
    for (const attempt of attempts) await expect(attempt).rejects.toBeInstanceOf(InvalidInputError);
    expect(sent).toEqual([]);
  });
});

describe('PitrManager on a server that is not MatrixOne', () => {
  let connection: mysql.Connection;
  const sent: Statement[] = [];

  beforeAll(async () => {
    connection = await mysql.createConnection(db.url);
  });
  afterAll(async () => {
    await connection.end();
  });

  it.skipIf(testServer().flavor === 'matrixone').each(calls)(
    '%s throws UnsupportedServerError after reading only version()',
    async (_method, call) => {
      sent.length = 0;
      const pitr = new PitrManager(
        mysqlContext(connection, { onStatement: (statement) => sent.push(statement) }),
      );
      await expect(call(pitr)).rejects.toBeInstanceOf(UnsupportedServerError);
      expect(sent.map((statement) => statement.sql)).toEqual(['SELECT version() AS v']);
    },
  );
});
