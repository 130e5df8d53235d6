/**
 * The launch configuration of a private, standalone MatrixOne: `launch.toml` naming one log, one TN and one CN
 * service file, each with its data directories inside the instance's folder and every port its own free loopback
 * port, the SQL port on 127.0.0.1 only. The keys are those of MatrixOne's standalone launch as observed on
 * MatrixOne 4.2.0 (docs/matrixone-facts.md#a-standalone-matrixone-for-the-tests); `[hakeeper-client]` pointing at
 * the log service is MatrixOne's documented sample setting.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { stringify } from 'smol-toml';
import { freePort } from './mariadb-server.js';

/** Internal ports a CN opens from its `port-base` (18000–18003 in a default standalone). */
export const CN_PORT_COUNT = 4;
/** Internal ports a TN opens from its `port-base` (19000–19002 in a default standalone). */
export const TN_PORT_COUNT = 3;

/** Every port one instance listens on; all distinct. */
export interface MatrixOnePorts {
  /** The MySQL-protocol port (`[cn.frontend] port`). */
  readonly sql: number;
  /** `[observability] status-port`, the same in every service file (one process serves it). */
  readonly status: number;
  /** The first of {@link CN_PORT_COUNT} consecutive ports (`[cn] port-base`). */
  readonly cnPortBase: number;
  /** The first of {@link TN_PORT_COUNT} consecutive ports (`[tn] port-base`). */
  readonly tnPortBase: number;
  /** `[logservice] logservice-port`, which the HAKeeper clients dial. */
  readonly logService: number;
  /** `[logservice] raft-port`. */
  readonly raft: number;
  /** `[logservice] gossip-port`. */
  readonly gossip: number;
}

/** Every port a {@link MatrixOnePorts} occupies, port-base ranges expanded. */
export function allPorts(ports: MatrixOnePorts): number[] {
  const range = (base: number, count: number) => Array.from({ length: count }, (_, index) => base + index);
  return [
    ports.sql,
    ports.status,
    ...range(ports.cnPortBase, CN_PORT_COUNT),
    ...range(ports.tnPortBase, TN_PORT_COUNT),
    ports.logService,
    ports.raft,
    ports.gossip,
  ];
}

/** Whether nothing listens on `port` on 127.0.0.1 right now. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

const ATTEMPTS = 50;

/**
 * Picks free loopback ports for every service port, distinct from each other and from `taken`; the port-base
 * ranges are consecutive free ports. Like the private MariaDB's port, they are free when chosen, not reserved.
 */
export async function chooseMatrixOnePorts(taken: ReadonlySet<number> = new Set()): Promise<MatrixOnePorts> {
  const used = new Set(taken);
  const claim = async (count: number): Promise<number> => {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const base = await freePort();
      const range = Array.from({ length: count }, (_, index) => base + index);
      if (base + count - 1 > 65_535 || range.some((port) => used.has(port))) continue;
      if (!(await Promise.all(range.slice(1).map(isPortFree))).every(Boolean)) continue;
      for (const port of range) used.add(port);
      return base;
    }
    throw new Error(`found no ${count} consecutive free loopback ports in ${ATTEMPTS} attempts`);
  };
  return {
    sql: await claim(1),
    status: await claim(1),
    cnPortBase: await claim(CN_PORT_COUNT),
    tnPortBase: await claim(TN_PORT_COUNT),
    logService: await claim(1),
    raft: await claim(1),
    gossip: await claim(1),
  };
}

/** The SQL host: loopback only, never MatrixOne's default 0.0.0.0. */
export const SQL_HOST = '127.0.0.1';

/** The four files, as the TOML documents they hold (file name → document). */
export type LaunchDocuments = Record<
  'launch.toml' | 'log.toml' | 'tn.toml' | 'cn.toml',
  Record<string, unknown>
>;

/**
 * The launch documents of an instance living in `dir` (absolute), its data under `dir/data`.
 *
 * @example
 * const documents = launchDocuments('/tmp/mo-x', await chooseMatrixOnePorts());
 */
export function launchDocuments(dir: string, ports: MatrixOnePorts): LaunchDocuments {
  const data = join(dir, 'data');
  const shared = join(data, 'shared');
  const common = (service: 'log' | 'tn' | 'cn') => ({
    'data-dir': join(data, service),
    log: { level: 'error' },
    observability: { 'status-port': ports.status },
    'hakeeper-client': { 'service-addresses': [`127.0.0.1:${ports.logService}`] },
  });
  // TN writes and CN reads the same SHARED storage; LOCAL is each service's own.
  const fileServices = (service: 'tn' | 'cn') => [
    { name: 'LOCAL', backend: 'DISK', 'data-dir': join(data, service, 'local') },
    { name: 'SHARED', backend: 'DISK', 'data-dir': shared },
  ];
  return {
    'launch.toml': {
      logservices: [join(dir, 'log.toml')],
      tnservices: [join(dir, 'tn.toml')],
      cnservices: [join(dir, 'cn.toml')],
    },
    'log.toml': {
      'service-type': 'LOG',
      ...common('log'),
      logservice: {
        'logservice-port': ports.logService,
        'raft-port': ports.raft,
        'gossip-port': ports.gossip,
      },
    },
    'tn.toml': {
      'service-type': 'TN',
      ...common('tn'),
      fileservice: fileServices('tn'),
      tn: { uuid: randomUUID(), 'port-base': ports.tnPortBase },
    },
    'cn.toml': {
      'service-type': 'CN',
      ...common('cn'),
      fileservice: fileServices('cn'),
      cn: {
        uuid: randomUUID(),
        'port-base': ports.cnPortBase,
        frontend: { host: SQL_HOST, port: ports.sql },
      },
    },
  };
}

/**
 * Writes the launch files into `dir` and creates the data directories; returns the path of `launch.toml`.
 *
 * @example
 * const launchFile = await writeLaunchFiles(dir, ports); // then: mo-service -launch <launchFile>
 */
export async function writeLaunchFiles(dir: string, ports: MatrixOnePorts): Promise<string> {
  const documents = launchDocuments(dir, ports);
  for (const service of ['log', 'tn', 'cn'] as const) {
    await mkdir(join(dir, 'data', service), { recursive: true });
  }
  await mkdir(join(dir, 'data', 'shared'), { recursive: true });
  for (const [file, document] of Object.entries(documents)) {
    await writeFile(join(dir, file), `${stringify(document)}\n`);
  }
  return join(dir, 'launch.toml');
}
