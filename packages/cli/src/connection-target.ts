/**
 * Where the CLI connects: `--url`, else `MATRIXONE_URL`, else the `MATRIXONE_HOST`/`PORT`/`USER`/`PASSWORD`/
 * `DATABASE`/`ACCOUNT` variables. The core validates the result (`resolveClientConfig`): the CLI parses nothing
 * the core already parses.
 */
import { type ClientConfig, resolveClientConfig } from '@matrixone/core';
import { CliError } from './cli-error.js';
import { ExitCode } from './exit-codes.js';

/** The server to connect to, as the core takes it, and what the CLI needs besides. */
export interface ConnectionTarget {
  /** What `createClient` takes. */
  readonly config: ClientConfig | string;
  /** The password, to hide from all output; `undefined` when there is none. */
  readonly password: string | undefined;
  /** A `mysql://` URL of the same login (password included), for child processes; never printed. */
  readonly url: string;
}

/** The environment variables read, besides `MATRIXONE_URL`. */
const PART_VARIABLES = {
  host: 'MATRIXONE_HOST',
  port: 'MATRIXONE_PORT',
  user: 'MATRIXONE_USER',
  password: 'MATRIXONE_PASSWORD',
  database: 'MATRIXONE_DATABASE',
  account: 'MATRIXONE_ACCOUNT',
} as const;

/**
 * Resolves the connection from the `--url` option and the environment; throws a {@link CliError} (usage) when
 * neither names a server, and the core's `ConfigurationError` when what they name is invalid.
 *
 * @example
 * resolveConnectionTarget(undefined, { MATRIXONE_URL: 'mysql://root:111@127.0.0.1:6001/' });
 */
export function resolveConnectionTarget(url: string | undefined, env: NodeJS.ProcessEnv): ConnectionTarget {
  const given = url ?? nonEmpty(env.MATRIXONE_URL);
  if (given !== undefined) {
    return { config: given, password: resolveClientConfig(given).password, url: given };
  }
  const user = nonEmpty(env[PART_VARIABLES.user]);
  if (user === undefined) {
    throw new CliError(
      'No server to connect to: pass --url mysql://user:password@host:6001/ or set MATRIXONE_URL ' +
        `(or ${Object.values(PART_VARIABLES).join(', ')}).`,
      ExitCode.Usage,
    );
  }
  const port = nonEmpty(env[PART_VARIABLES.port]);
  const config: ClientConfig = {
    user,
    ...optional('host', nonEmpty(env[PART_VARIABLES.host])),
    // A non-numeric port becomes NaN, which the core refuses with a ConfigurationError naming `port`.
    ...optional('port', port === undefined ? undefined : Number(port)),
    ...optional('password', env[PART_VARIABLES.password]),
    ...optional('database', nonEmpty(env[PART_VARIABLES.database])),
    ...optional('account', nonEmpty(env[PART_VARIABLES.account])),
  };
  const resolved = resolveClientConfig(config);
  return { config, password: resolved.password, url: urlOf(config, resolved.host, resolved.port) };
}

function urlOf(config: ClientConfig, host: string, port: number): string {
  const user = encodeURIComponent(config.user ?? '');
  const password = config.password === undefined ? '' : `:${encodeURIComponent(config.password)}`;
  const database = config.database === undefined ? '' : encodeURIComponent(config.database);
  const account = config.account === undefined ? '' : `?account=${encodeURIComponent(config.account)}`;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return `mysql://${user}${password}@${hostPart}:${port}/${database}${account}`;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
