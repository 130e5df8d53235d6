/**
 * What every command's action gets: the output channels, the connection (resolved on first use, its password
 * registered with the redactor before anything can print it), a client that is closed afterwards, and the
 * confirmation question for destructive commands.
 */
import { type PooledClient, createClient, resolveClientConfig } from '@matrixone/core';
import { confirmDestructive } from './confirm-destructive.js';
import { type ConnectionTarget, resolveConnectionTarget } from './connection-target.js';
import type { Output } from './output.js';

/** The process's streams and environment, or a test's stand-ins. */
export interface CliIo {
  /** Where results go. */
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean };
  /** Where progress, notices, errors and the confirmation question go. */
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
  /** Where the confirmation answer is read; a prompt is only shown when it is a terminal. */
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  /** The environment: MATRIXONE_URL and the other MATRIXONE_* variables; `clone run` passes it on. */
  readonly env: NodeJS.ProcessEnv;
  /** Where SIGINT and SIGTERM are heard (`process`): `clone run` forwards them and still drops its clone. */
  readonly signals: NodeJS.EventEmitter;
}

/** The options every command accepts. */
export interface GlobalOptions {
  /** `--url`: the server, before MATRIXONE_URL. */
  readonly url?: string;
  /** `--json`: results as JSON on stdout, errors as JSON on stderr. */
  readonly json?: boolean;
  /** `--yes`: no question before destructive commands. */
  readonly yes?: boolean;
}

/** One command's run: output, connection, client, confirmation. */
export class CommandContext {
  /** The status the process exits with when the action returns normally (`clone run` sets its command's). */
  exitCode = 0;
  #target: ConnectionTarget | undefined;

  constructor(
    readonly io: CliIo,
    readonly options: GlobalOptions,
    readonly output: Output,
    /** Makes the client (`createClient`; tests pass a stand-in). */
    readonly connect: (config: ConnectionTarget['config']) => PooledClient = createClient,
  ) {}

  /** The connection named by `--url` or the environment. */
  target(): ConnectionTarget {
    if (this.#target === undefined) {
      // Known before the core validates anything, so even a refused configuration cannot print it.
      this.output.redactor.add(this.io.env.MATRIXONE_PASSWORD);
      this.#target = resolveConnectionTarget(this.options.url, this.io.env);
      this.output.redactor.add(this.#target.password);
    }
    return this.#target;
  }

  /** `host:port as user` of the connection, when it was resolved; for messages about reaching the server. */
  serverDescription(): string | undefined {
    if (this.#target === undefined) return undefined;
    const config = resolveClientConfig(this.#target.config);
    return `${config.host}:${config.port} as ${config.loginUser}`;
  }

  /**
   * Runs `fn` with a client on the command's connection and closes the client afterwards, whatever happens.
   *
   * @example
   * const snapshots = await context.withClient((client) => client.snapshots.list());
   */
  async withClient<T>(fn: (client: PooledClient) => Promise<T>): Promise<T> {
    const client = this.connect(this.target().config);
    try {
      return await fn(client);
    } finally {
      await client.close();
    }
  }

  /** Asks before a destructive step; see {@link confirmDestructive}. */
  confirm(question: string): Promise<void> {
    return confirmDestructive(question, {
      yes: this.options.yes === true,
      stdin: this.io.stdin,
      stdout: this.io.stderr,
    });
  }
}
