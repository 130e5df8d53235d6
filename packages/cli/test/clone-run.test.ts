/**
 * `clone run` orchestration with a stand-in client and real child processes: the clone is made before the command
 * and dropped after it in every outcome (exit, failure to start, signal, clone refused), and the command sees the
 * clone's URL in its environment.
 */
import { EventEmitter } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  type CloneWithUrl,
  type PooledClient,
  type WithCloneOptions,
  urlWithDatabase,
} from '@matrixone/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInClone } from '../src/clone-run.js';
import { CommandContext } from '../src/command-context.js';
import { Output } from '../src/output.js';

interface FakeServer {
  readonly calls: string[];
  /** The options each withClone call got. */
  readonly options: WithCloneOptions[];
  cloneFailure?: Error;
  dropFailure?: Error;
}

/**
 * A client whose `clones.withClone` keeps the core's contract (tested in packages/core): the callback runs only
 * once the clone is made, the drop follows it whatever happens, and a drop failure after a successful callback is
 * thrown. The name is the given one or one with the core's default prefix.
 */
function fakeClient(server: FakeServer): PooledClient {
  const client = {
    clones: {
      withClone: async <T>(
        options: WithCloneOptions & { url: string },
        fn: (clone: CloneWithUrl) => Promise<T>,
      ): Promise<T> => {
        server.options.push(options);
        const database = options.name ?? `${options.source}_clone_20261202101530_1a2b3c4d`;
        server.calls.push(
          `clone ${options.source} as ${database}${options.snapshot ? ` at ${options.snapshot}` : ''}`,
        );
        if (server.cloneFailure) throw server.cloneFailure;
        const drop = () => {
          server.calls.push(`drop ${database}`);
          if (server.dropFailure) throw server.dropFailure;
        };
        let result: T;
        try {
          result = await fn({ database, url: urlWithDatabase(options.url, database) });
        } catch (error) {
          try {
            drop();
          } catch {}
          throw error;
        }
        drop();
        return result;
      },
    },
    close: async () => {
      server.calls.push('close');
    },
  };
  return client as unknown as PooledClient;
}

let scratch = '';
let server: FakeServer;
let signals: EventEmitter;
let stderr: PassThrough;
let stderrText = '';

beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'cli-clone-run-'));
  server = { calls: [], options: [] };
  signals = new EventEmitter();
  stderr = new PassThrough();
  stderrText = '';
  stderr.on('data', (chunk: Buffer) => {
    stderrText += chunk.toString();
  });
});

afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

function context(url = 'mysql://sys%23root:s3cret@127.0.0.1:6001/shop?poolSize=2') {
  const io = {
    stdout: new PassThrough(),
    stderr,
    stdin: new PassThrough(),
    env: { PATH: process.env.PATH },
    signals,
  };
  return new CommandContext(io, { url }, new Output(io.stdout, io.stderr, false), () => fakeClient(server));
}

/** A node one-liner as the command. */
function node(script: string): string[] {
  return [process.execPath, '-e', script];
}

describe('clone run', () => {
  it('runs the command with the clone URL in the environment, then drops the clone', async () => {
    const out = join(scratch, 'env.json');
    const status = await runInClone(context(), {
      source: 'shop',
      name: 'shop_ci',
      variable: 'DATABASE_URL',
      snapshot: 'nightly',
      command: node(
        `require('fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify({ url: process.env.DATABASE_URL, db: process.env.MATRIXONE_CLONE_DATABASE }))`,
      ),
    });
    expect(status).toBe(0);
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual({
      url: 'mysql://sys%23root:s3cret@127.0.0.1:6001/shop_ci?poolSize=2',
      db: 'shop_ci',
    });
    expect(server.calls).toEqual(['clone shop as shop_ci at nightly', 'drop shop_ci', 'close']);
    expect(stderrText).toContain('Cloning database shop as shop_ci: done in');
    expect(stderrText).toContain('Dropping clone shop_ci: done in');
    // The CLI forwards signals itself; withClone must not drop the clone under the running command.
    expect(server.options).toEqual([
      {
        source: 'shop',
        name: 'shop_ci',
        snapshot: 'nightly',
        url: 'mysql://sys%23root:s3cret@127.0.0.1:6001/shop?poolSize=2',
        dropOnSignal: false,
      },
    ]);
  });

  it("exits with the command's status and still drops the clone when the command fails", async () => {
    const status = await runInClone(context(), {
      source: 'shop',
      variable: 'MATRIXONE_URL',
      command: node('process.exit(3)'),
    });
    expect(status).toBe(3);
    // No name given: withClone names the clone (its default prefix, which clones.sweep() recognises).
    expect(server.options[0]).not.toHaveProperty('name');
    expect(server.options[0]).not.toHaveProperty('prefix');
    expect(server.calls).toEqual([
      'clone shop as shop_clone_20261202101530_1a2b3c4d',
      'drop shop_clone_20261202101530_1a2b3c4d',
      'close',
    ]);
  });

  it('answers 127 and drops the clone when the command cannot be started', async () => {
    const status = await runInClone(context(), {
      source: 'shop',
      name: 'c1',
      variable: 'MATRIXONE_URL',
      command: [join(scratch, 'no-such-command')],
    });
    expect(status).toBe(127);
    expect(server.calls).toEqual(['clone shop as c1', 'drop c1', 'close']);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('forwards %s to the command, drops the clone and answers %i', async (signal, expected) => {
    const started = join(scratch, 'started');
    const running = runInClone(context(), {
      source: 'shop',
      name: 'c2',
      variable: 'MATRIXONE_URL',
      command: node(
        `require('fs').writeFileSync(${JSON.stringify(started)}, ''); setTimeout(() => {}, 60000)`,
      ),
    });
    // Wait for the command to be running (liveness, not timing: polled until the file exists).
    while (
      !(await readFile(started).then(
        () => true,
        () => false,
      ))
    )
      await new Promise((r) => setTimeout(r, 20));
    signals.emit(signal);
    expect(await running).toBe(expected);
    expect(server.calls).toEqual(['clone shop as c2', 'drop c2', 'close']);
    expect(signals.listenerCount(signal)).toBe(0);
  });

  it('does not start the command when a signal came while cloning, and drops the clone', async () => {
    const marker = join(scratch, 'ran');
    const ctx = context();
    const original = ctx.connect;
    const slowClone = (config: Parameters<typeof original>[0]) => {
      const client = original(config);
      const withClone = client.clones.withClone.bind(client.clones);
      Object.assign(client.clones, {
        withClone: async (...args: Parameters<typeof withClone>) => {
          signals.emit('SIGINT');
          return withClone(...args);
        },
      });
      return client;
    };
    const interruptedContext = new CommandContext(ctx.io, ctx.options, ctx.output, slowClone);
    const status = await runInClone(interruptedContext, {
      source: 'shop',
      name: 'c3',
      variable: 'MATRIXONE_URL',
      command: node(`require('fs').writeFileSync(${JSON.stringify(marker)}, '')`),
    });
    expect(status).toBe(130);
    expect(
      await readFile(marker).then(
        () => true,
        () => false,
      ),
    ).toBe(false);
    expect(server.calls).toEqual(['clone shop as c3', 'drop c3', 'close']);
  });

  it('runs nothing and drops nothing when the clone is refused', async () => {
    const marker = join(scratch, 'ran');
    server.cloneFailure = new Error('clones.withClone() needs MatrixOne');
    await expect(
      runInClone(context(), {
        source: 'shop',
        name: 'c4',
        variable: 'MATRIXONE_URL',
        command: node(`require('fs').writeFileSync(${JSON.stringify(marker)}, '')`),
      }),
    ).rejects.toThrow('needs MatrixOne');
    expect(
      await readFile(marker).then(
        () => true,
        () => false,
      ),
    ).toBe(false);
    expect(server.calls).toEqual(['clone shop as c4', 'close']);
  });

  it('fails a clean run whose clone could not be dropped, and says how to drop it', async () => {
    server.dropFailure = new Error('lost connection');
    await expect(
      runInClone(context(), { source: 'shop', name: 'c5', variable: 'MATRIXONE_URL', command: node('') }),
    ).rejects.toThrow('lost connection');
    expect(stderrText).toContain('Dropping clone c5: failed after');
    expect(stderrText).toContain('DROP DATABASE `c5`');
  });

  it("keeps the command's failure status when the drop fails too", async () => {
    server.dropFailure = new Error('lost connection');
    const status = await runInClone(context(), {
      source: 'shop',
      name: 'c6',
      variable: 'MATRIXONE_URL',
      command: node('process.exit(4)'),
    });
    expect(status).toBe(4);
    expect(stderrText).toContain('could not be dropped (lost connection)');
  });
});
