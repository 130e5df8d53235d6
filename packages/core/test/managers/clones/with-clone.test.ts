/**
 * `clones.withClone()` and `clones.sweep()`. MariaDB cannot CLONE, so the life of a clone (create, hand over,
 * drop on success, on failure and on SIGINT/SIGTERM) runs here with CREATE DATABASE in the clone's place, through
 * the same `runInClone` that withClone uses; the CLONE statement and its drop are checked as sent SQL, and
 * withClone itself on MatrixOne in test/live/with-clone.live.test.ts. sweep() needs only SHOW DATABASES and
 * DROP DATABASE and runs against the real server.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AlreadyExistsError,
  InvalidInputError,
  TransactionRuleError,
  UnsupportedServerError,
} from '../../../src/errors/errors.js';
import { type CloneSteps, runInClone } from '../../../src/managers/clones/clone-lifecycle.js';
import { CloneManager } from '../../../src/managers/clones/clone-manager.js';
import { cloneName } from '../../../src/managers/clones/clone-name.js';
import { mysqlContext } from '../../support/mysql-context.js';
import { recordingContext } from '../../support/recording-context.js';

const db = useTestDatabase();
const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const HOLD_CLONE = fileURLToPath(new URL('./fixtures/hold-clone.ts', import.meta.url));

describe('withClone: what it sends (recorded, server claims MatrixOne)', () => {
  it('clones the source at the snapshot under a prefixed name, hands it over with its URL, then drops it', async () => {
    const context = recordingContext({ inTransaction: false });
    const clones = new CloneManager(context);
    const seen = await clones.withClone(
      {
        source: 'shop',
        snapshot: 'sp01',
        prefix: 'ci_shop',
        url: 'mysql://acc#root:p%40ss@127.0.0.1:6001/shop?poolSize=2',
        dropOnSignal: false,
      },
      async (clone) => clone,
    );
    expect(seen.database).toMatch(/^ci_shop_\d{14}_[0-9a-f]{8}$/);
    expect(seen.url).toBe(`mysql://acc#root:p%40ss@127.0.0.1:6001/${seen.database}?poolSize=2`);
    expect(context.sent.map((statement) => statement.sql)).toEqual([
      `CREATE DATABASE \`${seen.database}\` CLONE \`shop\`{SNAPSHOT = 'sp01'}`,
      `DROP DATABASE IF EXISTS \`${seen.database}\``,
    ]);
  });

  it('without a URL hands over the name only; the default prefix comes from the source', async () => {
    const context = recordingContext({ inTransaction: false });
    const clone = await new CloneManager(context).withClone(
      { source: 'Shop-EU', dropOnSignal: false },
      async (handle) => handle,
    );
    expect(Object.keys(clone)).toEqual(['database']);
    expect(clone.database).toMatch(/^shop_eu_clone_\d{14}_[0-9a-f]{8}$/);
  });

  it('refuses inside a transaction with TransactionRuleError before sending anything', async () => {
    const context = recordingContext({ inTransaction: true });
    let called = false;
    const refusal = await new CloneManager(context)
      .withClone({ source: 'shop' }, async () => {
        called = true;
      })
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(TransactionRuleError);
    expect(refusal).toMatchObject({ operation: 'clones.withClone' });
    expect(called).toBe(false);
    expect(context.sent).toEqual([]);
  });

  it('refuses name and prefix together, and a bad prefix, before sending anything', async () => {
    const context = recordingContext({ inTransaction: false });
    const clones = new CloneManager(context);
    await expect(
      clones.withClone({ source: 'shop', name: 'a', prefix: 'b' }, async () => {}),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(
      clones.withClone({ source: 'shop', prefix: 'Bad-Prefix' }, async () => {}),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect(context.sent).toEqual([]);
  });
});

describe.skipIf(testServer().flavor === 'matrixone')('withClone on a server that is not MatrixOne', () => {
  it('throws UnsupportedServerError naming the server, before any CLONE, and never calls back', async () => {
    const connection = await mysql.createConnection(db.url);
    try {
      const sent: string[] = [];
      const clones = new CloneManager(mysqlContext(connection, { onStatement: (s) => sent.push(s.sql) }));
      let called = false;
      const error = await clones
        .withClone({ source: db.name }, async () => {
          called = true;
        })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UnsupportedServerError);
      expect((error as UnsupportedServerError).message).toContain('clones.withClone() needs MatrixOne');
      expect(called).toBe(false);
      expect(sent.filter((sql) => !/^SELECT version\(\)/i.test(sql))).toEqual([]);
    } finally {
      await connection.end();
    }
  });
});

describe('the life of a clone, with CREATE DATABASE in its place (real server)', () => {
  let connection: mysql.Connection;
  let steps: CloneSteps;
  const exists = async (name: string): Promise<boolean> => {
    const [rows] = await db.inspect.query<mysql.RowDataPacket[]>('SHOW DATABASES LIKE ?', [name]);
    return rows.length === 1;
  };

  beforeAll(async () => {
    connection = await mysql.createConnection(db.url);
    steps = {
      create: async (name) => {
        await connection.query(`CREATE DATABASE \`${name}\``);
      },
      drop: async (name) => {
        await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      },
    };
  });
  afterAll(async () => {
    await connection.end();
  });

  const options = { signals: undefined, onDropFailure: () => {} };

  it('the database exists while the callback runs and is gone after it resolves', async () => {
    const name = cloneName('ci_life');
    const during = await runInClone(name, steps, () => exists(name), options);
    expect(during).toBe(true);
    expect(await exists(name)).toBe(false);
  });

  it('is dropped when the callback throws, and the callback error is the one thrown', async () => {
    const name = cloneName('ci_life');
    const failure = new Error('test failed');
    await expect(
      runInClone(
        name,
        steps,
        async () => {
          throw failure;
        },
        options,
      ),
    ).rejects.toBe(failure);
    expect(await exists(name)).toBe(false);
  });

  it('a failed drop after a failed callback is reported aside; after a good one it is thrown', async () => {
    const name = cloneName('ci_life');
    const reported: string[] = [];
    const failingDrop: CloneSteps = {
      create: steps.create,
      drop: async () => {
        throw new Error('drop refused');
      },
    };
    await expect(
      runInClone(
        name,
        failingDrop,
        async () => {
          throw new Error('test failed');
        },
        { signals: undefined, onDropFailure: (database) => reported.push(database) },
      ),
    ).rejects.toThrow('test failed');
    expect(reported).toEqual([name]);
    await expect(runInClone(cloneName('ci_life'), failingDrop, async () => 1, options)).rejects.toThrow(
      'drop refused',
    );
    await steps.drop(name);
  });

  it('never drops a database it did not create: a taken name fails the create and is left alone', async () => {
    const name = cloneName('ci_life');
    await steps.create(name);
    try {
      let called = false;
      await expect(
        runInClone(
          name,
          {
            create: async (database) => {
              await connection.query(`CREATE DATABASE \`${database}\``).catch((error: unknown) => {
                throw new AlreadyExistsError('taken', { cause: error });
              });
            },
            drop: steps.drop,
          },
          async () => {
            called = true;
          },
          options,
        ),
      ).rejects.toBeInstanceOf(AlreadyExistsError);
      expect(called).toBe(false);
      expect(await exists(name)).toBe(true);
    } finally {
      await steps.drop(name);
    }
  });

  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s while the callback runs: the clone is dropped, then the signal ends the process',
    async (signal) => {
      const name = cloneName('ci_signal');
      const child = spawn(process.execPath, ['--import', 'tsx', HOLD_CLONE, db.url, name], {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = once(child, 'exit');
      let output = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('ready')) resolve();
        });
        child.on('exit', () => reject(new Error(`the child exited before it was ready: ${output}`)));
      });
      expect(await exists(name)).toBe(true);
      child.kill(signal);
      const [code, exitSignal] = await exited;
      expect({ code, exitSignal }).toEqual({ code: null, exitSignal: signal });
      expect(await exists(name)).toBe(false);
    },
  );
});

describe('sweep (real server)', () => {
  const HOUR = 60 * 60 * 1000;
  const prefix = `ci_sweep_${Math.random().toString(16).slice(2, 8)}`;
  const old = [
    cloneName(prefix, new Date(Date.now() - 3 * HOUR)),
    cloneName(prefix, new Date(Date.now() - 2 * HOUR)),
  ];
  const recent = cloneName(prefix, new Date());
  const otherPrefix = cloneName(`${prefix}_x`, new Date(Date.now() - 3 * HOUR));
  const notAClone = `${prefix}_keep_me`;
  const all = [...old, recent, otherPrefix, notAClone];
  let connection: mysql.Connection;

  beforeAll(async () => {
    connection = await mysql.createConnection(db.url);
    for (const name of all) await connection.query(`CREATE DATABASE \`${name}\``);
  });
  afterAll(async () => {
    for (const name of all) await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await connection.end();
  });

  it('drops only the clones of that prefix older than the age given, and says which', async () => {
    const clones = new CloneManager(mysqlContext(connection));
    const dropped = await clones.sweep({ prefix, olderThanMs: HOUR });
    expect(dropped.sort()).toEqual([...old].sort());
    const [rows] = await db.inspect.query<mysql.RowDataPacket[]>('SHOW DATABASES LIKE ?', [`${prefix}%`]);
    expect(rows.map((row) => String(Object.values(row)[0])).sort()).toEqual(
      [recent, otherPrefix, notAClone].sort(),
    );
    expect(await clones.sweep({ prefix, olderThanMs: HOUR })).toEqual([]);
  });

  it('refuses a bad prefix or age before sending anything', async () => {
    const context = recordingContext({ inTransaction: false });
    const clones = new CloneManager(context);
    await expect(clones.sweep({ prefix: 'Bad', olderThanMs: 0 })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(clones.sweep({ prefix: 'ok', olderThanMs: -1 })).rejects.toBeInstanceOf(InvalidInputError);
    expect(context.sent).toEqual([]);
  });
});
