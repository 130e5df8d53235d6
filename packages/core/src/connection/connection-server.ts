/**
 * Which server one mysql2 connection talks to, told once per connection for every MatrixOne concern set up on it
 * (the insert-id correction, the guard): one `SELECT version()` at most, however many of them ask.
 */
import { ServerFlavor, describeServer, parseServerVersion } from '../server/server-info.js';

/** What is known of a connection's server; the same object for every caller, filled in when the server answers. */
export interface ConnectionServer {
  /** `undefined` while `SELECT version()` has not answered. */
  readonly matrixOne: boolean | undefined;
  /** The server as detected, such as `MatrixOne 4.2.0`. */
  readonly name: string;
}

/** The parts of a mysql2 callback connection used here. */
interface Mysql2Connection {
  query: (sql: string) => unknown;
  /** mysql2's record of the server's greeting; internal, hence only read when present. */
  readonly _handshakePacket?: { readonly serverVersion?: unknown } | null;
}

/** The parts of a mysql2 `Query` command used here. */
interface Mysql2Query {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

const servers = new WeakMap<object, { matrixOne: boolean | undefined; name: string }>();

/**
 * The server of `connection` (a mysql2 callback connection): `forced` when given (the `serverFlavor` option),
 * else the version the server announced when the connection opened (mysql2 keeps it), else the answer to a
 * `SELECT version()` queued now — by the first caller only; later callers get the same object, whatever they
 * force. The answer is read from the statement's events, which mysql2 emits before the next command starts, so
 * it is known when the statement queued after this call has its turn. A server that cannot be told (the
 * statement failed) is taken as not MatrixOne.
 *
 * @example
 * const server = connectionServer(connection, options.serverFlavor);
 * if (server.matrixOne === false) return;
 */
export function connectionServer(connection: Mysql2Connection, forced?: ServerFlavor): ConnectionServer {
  const known = servers.get(connection);
  if (known) return known;
  const greeting = connection._handshakePacket?.serverVersion;
  const announced = typeof greeting === 'string' ? parseServerVersion(greeting) : undefined;
  const flavor = forced ?? announced?.flavor;
  const server = {
    matrixOne: flavor === undefined ? undefined : flavor === ServerFlavor.MatrixOne,
    name: announced ? describeServer(announced) : 'MatrixOne (version unknown)',
  };
  servers.set(connection, server);
  if (server.matrixOne === undefined) {
    const command = connection.query('SELECT version()');
    if (!isQuery(command)) {
      server.matrixOne = false;
      return server;
    }
    let version: string | undefined;
    command.on('result', (row) => {
      if (typeof row === 'object' && row !== null) version ??= String(Object.values(row)[0] ?? '');
    });
    command.on('error', () => {
      version = undefined;
    });
    command.on('end', () => {
      const info = parseServerVersion(version ?? '');
      server.matrixOne = version !== undefined && info.flavor === ServerFlavor.MatrixOne;
      server.name = describeServer(info);
    });
  }
  return server;
}

function isQuery(value: unknown): value is Mysql2Query {
  return typeof value === 'object' && value !== null && typeof (value as { on?: unknown }).on === 'function';
}
