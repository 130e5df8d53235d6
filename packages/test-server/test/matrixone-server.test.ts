/**
 * The private MatrixOne the harness starts from MATRIXONE_BIN, tested without MatrixOne (it cannot run here): the
 * launch files it writes (parsed back as TOML), the ports it picks, the readiness wait (against the test server
 * behind the fault proxy refusing connections, and against a stand-in `mo-service` that speaks just enough MySQL
 * protocol and accepts only late), and the clean-up of its folder on stop, on failure and after its parent is killed.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'smol-toml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy } from '../src/fault-proxy.js';
import {
  CN_PORT_COUNT,
  TN_PORT_COUNT,
  allPorts,
  chooseMatrixOnePorts,
  isPortFree,
  writeLaunchFiles,
} from '../src/matrixone-launch-config.js';
import { startLocalMatrixOne } from '../src/matrixone-server.js';
import { acquireTestServer } from '../src/resolve-server.js';
import { testServer } from '../src/test-database.js';
import { waitForLogin } from '../src/wait-for-login.js';

const FAKE = fileURLToPath(new URL('./fixtures/fake-mo-service.mjs', import.meta.url));
/** The repository root, where `tsx` resolves: the killed process must be the one that started mo-service. */
const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SERVER_MODULE = fileURLToPath(new URL('../src/matrixone-server.ts', import.meta.url));

let scratch = '';
let fakeBin = '';
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mo-harness-test-'));
  fakeBin = join(scratch, 'mo-service');
  await copyFile(FAKE, fakeBin);
  await chmod(fakeBin, 0o755);
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A launch file as parsed back: the keys the harness writes. */
interface ServiceFile {
  readonly logservices?: string[];
  readonly tnservices?: string[];
  readonly cnservices?: string[];
  readonly 'service-type': string;
  readonly 'data-dir': string;
  readonly fileservice?: { readonly name: string; readonly backend: string; readonly 'data-dir': string }[];
  readonly observability: { readonly 'status-port': number };
  readonly 'hakeeper-client': { readonly 'service-addresses': string[] };
  readonly logservice?: Record<string, number>;
  readonly tn?: { readonly uuid: string; readonly 'port-base': number };
  readonly cn?: {
    readonly uuid: string;
    readonly 'port-base': number;
    readonly frontend: { readonly host: string; readonly port: number };
  };
}

const inside = (dir: string, path: string) => isAbsolute(path) && !relative(dir, path).startsWith('..');
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
/** Polls `check` until it holds or the deadline passes (a liveness wait, not a timing). */
async function eventually(check: () => Promise<boolean> | boolean, deadlineMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

describe('launch configuration', () => {
  it('writes launch.toml and one LOG, TN and CN file whose data stays in the folder, SQL on 127.0.0.1', async () => {
    const dir = await mkdtemp(join(scratch, 'config-'));
    const ports = await chooseMatrixOnePorts();
    const launchFile = await writeLaunchFiles(dir, ports);
    expect(launchFile).toBe(join(dir, 'launch.toml'));
    const read = async (file: string) =>
      parse(await readFile(join(dir, file), 'utf8')) as unknown as ServiceFile;
    const launch = await read('launch.toml');
    expect(launch).toEqual({
      logservices: [join(dir, 'log.toml')],
      tnservices: [join(dir, 'tn.toml')],
      cnservices: [join(dir, 'cn.toml')],
    });
    const log = await read('log.toml');
    const tn = await read('tn.toml');
    const cn = await read('cn.toml');
    expect([log['service-type'], tn['service-type'], cn['service-type']]).toEqual(['LOG', 'TN', 'CN']);

    const dataDirs = [log, tn, cn].flatMap((service) => [
      service['data-dir'],
      ...(service.fileservice ?? []).map((entry) => entry['data-dir']),
    ]);
    expect(dataDirs).toHaveLength(7);
    for (const path of dataDirs) expect(inside(dir, path), path).toBe(true);
    for (const service of ['log', 'tn', 'cn'])
      expect((await stat(join(dir, 'data', service))).isDirectory()).toBe(true);

    for (const service of [tn, cn]) {
      expect(service.fileservice?.map((entry) => [entry.name, entry.backend])).toEqual([
        ['LOCAL', 'DISK'],
        ['SHARED', 'DISK'],
      ]);
    }
    expect(tn.fileservice?.[1]?.['data-dir']).toBe(cn.fileservice?.[1]?.['data-dir']);
    expect(tn.fileservice?.[0]?.['data-dir']).not.toBe(cn.fileservice?.[0]?.['data-dir']);

    expect(cn.cn?.frontend).toEqual({ host: '127.0.0.1', port: ports.sql });
    expect(cn.cn?.['port-base']).toBe(ports.cnPortBase);
    expect(tn.tn?.['port-base']).toBe(ports.tnPortBase);
    expect(cn.cn?.uuid).not.toBe(tn.tn?.uuid);
    expect(log.logservice).toEqual({
      'logservice-port': ports.logService,
      'raft-port': ports.raft,
      'gossip-port': ports.gossip,
    });
    for (const service of [log, tn, cn]) {
      expect(service.observability['status-port']).toBe(ports.status);
      expect(service['hakeeper-client']['service-addresses']).toEqual([`127.0.0.1:${ports.logService}`]);
    }
  });

  it('picks distinct free loopback ports for every service port, port-base ranges included', async () => {
    const ports = await chooseMatrixOnePorts();
    const every = allPorts(ports);
    expect(every).toHaveLength(5 + CN_PORT_COUNT + TN_PORT_COUNT);
    expect(new Set(every).size).toBe(every.length);
    for (const port of every) expect(await isPortFree(port), String(port)).toBe(true);
  });

  it('avoids ports already taken, so two instances never share one', async () => {
    const first = await chooseMatrixOnePorts();
    const second = await chooseMatrixOnePorts(new Set(allPorts(first)));
    const overlap = allPorts(second).filter((port) => allPorts(first).includes(port));
    expect(overlap).toEqual([]);
  });

  it('reports a port with a listener as taken', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const address = holder.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    expect(await isPortFree(port)).toBe(false);
    await new Promise((resolve) => holder.close(resolve));
    expect(await isPortFree(port)).toBe(true);
  });
});

describe('readiness: a real login, retried until a deadline', () => {
  const server = testServer();

  it('waits through refused connections and resolves once logins are accepted', async () => {
    const proxy = await startFaultProxy(server.url);
    try {
      proxy.refuseNew(true);
      const waiting = waitForLogin(proxy.url, { name: 'test server', timeoutMs: 60_000, intervalMs: 20 });
      expect(await eventually(() => proxy.acceptedConnections() >= 3)).toBe(true);
      proxy.refuseNew(false);
      await waiting;
      expect(proxy.acceptedConnections()).toBeGreaterThanOrEqual(4);
    } finally {
      await proxy.close();
    }
  });

  it('gives up at the deadline with the last error', async () => {
    const proxy = await startFaultProxy(server.url);
    try {
      proxy.refuseNew(true);
      await expect(
        waitForLogin(proxy.url, { name: 'test server', timeoutMs: 300, intervalMs: 20 }),
      ).rejects.toThrow(/test server did not accept a login within 0 s: /);
    } finally {
      await proxy.close();
    }
  });

  it('stops waiting as soon as the server is reported gone', async () => {
    await expect(
      waitForLogin('mysql://root:111@127.0.0.1:1/', {
        name: 'mo-service',
        timeoutMs: 60_000,
        gone: async () => 'it exited with 3',
      }),
    ).rejects.toThrow('mo-service stopped before answering: it exited with 3');
  });
});

describe('startLocalMatrixOne with a stand-in mo-service', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of ['FAKE_MO_MODE', 'FAKE_MO_RECORD', 'FAKE_MO_REFUSE']) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });

  async function useFake(mode: 'serve' | 'crash' | 'silent', refuse = 0) {
    const record = join(scratch, `record-${mode}-${Date.now()}.txt`);
    process.env.FAKE_MO_MODE = mode;
    process.env.FAKE_MO_RECORD = record;
    process.env.FAKE_MO_REFUSE = String(refuse);
    const parentDir = await mkdtemp(join(scratch, `parent-${mode}-`));
    const readRecord = async () => {
      const [first = '{}', ...rest] = (await readFile(record, 'utf8')).trim().split('\n');
      return { ...(JSON.parse(first) as { args: string[]; cwd: string; pid: number }), after: rest };
    };
    return { parentDir, readRecord };
  }

  it('launches with -launch in its own folder, answers once a login works, and removes the folder on stop', async () => {
    const { parentDir, readRecord } = await useFake('serve', 3);
    const matrixone = await startLocalMatrixOne(fakeBin, { parentDir, readyTimeoutMs: 60_000 });
    const [folder] = await readdir(parentDir);
    const dir = join(parentDir, String(folder));
    const started = await readRecord();
    expect(started.args).toEqual(['-launch', join(dir, 'launch.toml')]);
    expect(started.cwd).toBe(dir);
    const cn = parse(await readFile(join(dir, 'cn.toml'), 'utf8')) as { cn: { frontend: { port: number } } };
    expect(matrixone.url).toBe(`mysql://root:111@127.0.0.1:${cn.cn.frontend.port}/`);

    await matrixone.stop();
    expect((await readRecord()).after).toEqual(['SIGTERM']);
    expect(alive(started.pid)).toBe(false);
    expect(await readdir(parentDir)).toEqual([]);
    await matrixone.stop();
  });

  it('reports a mo-service that exits at once, with its output, and removes the folder', async () => {
    const { parentDir } = await useFake('crash');
    await expect(startLocalMatrixOne(fakeBin, { parentDir, readyTimeoutMs: 60_000 })).rejects.toThrow(
      /mo-service stopped before answering: it exited with 3:\s+boom/,
    );
    expect(await readdir(parentDir)).toEqual([]);
  });

  it('stops a mo-service that never answers at the deadline and removes the folder', async () => {
    const { parentDir, readRecord } = await useFake('silent');
    await expect(startLocalMatrixOne(fakeBin, { parentDir, readyTimeoutMs: 500 })).rejects.toThrow(
      /did not accept a login within/,
    );
    const { pid, after } = await readRecord();
    expect(after).toEqual(['SIGTERM']);
    expect(alive(pid)).toBe(false);
    expect(await readdir(parentDir)).toEqual([]);
  });

  it('refuses a MATRIXONE_BIN that does not exist, leaving nothing behind', async () => {
    const parentDir = await mkdtemp(join(scratch, 'parent-missing-'));
    await expect(startLocalMatrixOne(join(scratch, 'no-such-mo-service'), { parentDir })).rejects.toThrow(
      /does not exist/,
    );
    expect(await readdir(parentDir)).toEqual([]);
  });

  it('stops mo-service and removes the folder when the process that started it is killed', async () => {
    const { parentDir, readRecord } = await useFake('serve');
    const script = join(scratch, 'start-and-hang.mts');
    await writeFile(
      script,
      `import { startLocalMatrixOne } from ${JSON.stringify(SERVER_MODULE)};
await startLocalMatrixOne(${JSON.stringify(fakeBin)}, { parentDir: ${JSON.stringify(parentDir)} });
console.log('ready');
setInterval(() => {}, 60_000);
`,
    );
    // Node itself with tsx's loader, not the tsx command, which would run the script in a child of its own.
    const parent = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: REPOSITORY_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: process.env,
    });
    let output = '';
    parent.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    let exited = false;
    parent.on('exit', () => {
      exited = true;
    });
    expect(await eventually(() => output.includes('ready') || exited, 40_000)).toBe(true);
    expect(exited).toBe(false);
    const { pid } = await readRecord();
    expect((await readdir(parentDir)).length).toBe(1);

    parent.kill('SIGKILL');
    expect(await eventually(() => !alive(pid))).toBe(true);
    expect(await eventually(async () => (await readdir(parentDir)).length === 0)).toBe(true);
    expect((await readRecord()).after).toEqual(['SIGTERM']);
  }, 120_000);
});

describe('acquireTestServer with MATRIXONE_BIN or MATRIXONE_DOCKER_IMAGE', () => {
  it('starts mo-service from MATRIXONE_BIN as a local MatrixOne and stops it on release', async () => {
    const record = join(scratch, 'record-acquire.txt');
    // mo-service inherits this process's environment; the stand-in reads its mode from there.
    process.env.FAKE_MO_MODE = 'serve';
    process.env.FAKE_MO_RECORD = record;
    try {
      const server = await acquireTestServer({ MATRIXONE_BIN: fakeBin });
      expect(server.origin).toBe('local-matrixone');
      expect(server.url).toMatch(/^mysql:\/\/root:111@127\.0\.0\.1:\d+\/$/);
      const { pid } = JSON.parse((await readFile(record, 'utf8')).split('\n')[0] ?? '{}') as { pid: number };
      expect(alive(pid)).toBe(true);
      await server.release();
      expect(alive(pid)).toBe(false);
    } finally {
      Reflect.deleteProperty(process.env, 'FAKE_MO_MODE');
      Reflect.deleteProperty(process.env, 'FAKE_MO_RECORD');
    }
  });

  it('prefers MATRIXONE_URL and starts nothing', async () => {
    const server = await acquireTestServer({
      MATRIXONE_URL: 'mysql://root:111@127.0.0.1:6001/',
      MATRIXONE_BIN: fakeBin,
    });
    expect(server).toMatchObject({ origin: 'matrixone', url: 'mysql://root:111@127.0.0.1:6001/' });
  });

  it.skipIf(existsSync('/var/run/docker.sock') || process.env.DOCKER_HOST !== undefined)(
    'loads the container library for MATRIXONE_DOCKER_IMAGE and fails clearly where no container runtime runs',
    async () => {
      await expect(
        acquireTestServer({ MATRIXONE_DOCKER_IMAGE: 'matrixorigin/matrixone:4.2.0' }),
      ).rejects.toThrow(/container runtime/);
    },
  );

  it('imports the container library nowhere but lazily, so runs without the variable never load it', async () => {
    const sources = join(fileURLToPath(new URL('../src', import.meta.url)));
    for (const file of await readdir(sources)) {
      const text = await readFile(join(sources, file), 'utf8');
      expect(text, file).not.toMatch(/^import[^;]*from '(testcontainers|\.\/matrixone-container\.js)'/m);
    }
    expect(await readFile(join(sources, 'matrixone-container.ts'), 'utf8')).toContain(
      "await import('testcontainers')",
    );
    expect(await readFile(join(sources, 'resolve-server.ts'), 'utf8')).toContain(
      "await import('./matrixone-container.js')",
    );
  });
});
