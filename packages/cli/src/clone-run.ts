/**
 * `clone run`: clone a database under a fresh name, run a command with the clone's URL in its environment, and
 * drop the clone afterwards — after the command exits, fails to start, or is interrupted (SIGINT and SIGTERM are
 * forwarded to the command, and the clone is still dropped before the CLI exits).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:os';
import { IdentifierKind, quoteIdentifier, urlWithDatabase } from '@matrixone/core';
import type { CommandContext } from './command-context.js';
import { ExitCode } from './exit-codes.js';
import { timed } from './progress.js';

/** What to clone and what to run. */
export interface CloneRunOptions {
  /** The database to clone. */
  readonly source: string;
  /** The command and its arguments. */
  readonly command: readonly string[];
  /** The environment variable that gets the clone's URL (default `MATRIXONE_URL`). */
  readonly variable: string;
  /** Clone the source as it was at this snapshot. */
  readonly snapshot?: string;
  /** The clone's name; `<source>_run_<8 hex digits>` when omitted. */
  readonly name?: string;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
/** The shell's status for a command that could not be started. */
const NOT_STARTED = 127;

/**
 * Runs the command on a throwaway clone and resolves with the status to exit with: the command's, `128 + n` when
 * a signal ended it or the CLI, 127 when it could not be started. A failure to clone throws (nothing ran); a
 * failure to drop the clone is reported and, when the command itself succeeded, thrown.
 *
 * @example
 * const status = await runInClone(context, { source: 'shop', command: ['npm', 'test'], variable: 'MATRIXONE_URL' });
 */
export async function runInClone(context: CommandContext, options: CloneRunOptions): Promise<number> {
  const name = options.name ?? `${options.source}_run_${randomBytes(4).toString('hex')}`;
  const dropStatement = `DROP DATABASE IF EXISTS ${quoteIdentifier(name, IdentifierKind.Database)}`;
  const childUrl = urlWithDatabase(context.target().url, name);
  const { output, io } = context;

  let interrupted: NodeJS.Signals | undefined;
  let stopChild: ((signal: NodeJS.Signals) => void) | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted ??= signal;
    stopChild?.(signal);
  };
  const listeners = SIGNALS.map((signal) => [signal, () => onSignal(signal)] as const);
  for (const [signal, listener] of listeners) io.signals.on(signal, listener);

  try {
    return await context.withClient(async (client) => {
      await timed(output, `Cloning database ${options.source} as ${name}`, () =>
        client.clones.database(name, options.source, {
          ...(options.snapshot !== undefined && { snapshot: options.snapshot }),
        }),
      );
      let status: number;
      try {
        status =
          interrupted === undefined
            ? await runCommand(options, childEnv(io.env, options, childUrl, name), (stop) => {
                stopChild = stop;
              })
            : signalStatus(interrupted);
      } catch (error) {
        await dropClone(context, name, () => client.execute(dropStatement));
        throw error;
      }
      stopChild = undefined;
      const dropFailure = await dropClone(context, name, () => client.execute(dropStatement));
      if (interrupted !== undefined) status = signalStatus(interrupted);
      // The command's own failure says more than the clean-up's; a clean run with a clone left behind must fail.
      if (dropFailure !== undefined && status === 0) throw dropFailure;
      return status;
    });
  } finally {
    for (const [signal, listener] of listeners) io.signals.off(signal, listener);
  }
}

/** Drops the clone; a failure is reported with the way to finish by hand, and returned. */
async function dropClone(
  context: CommandContext,
  name: string,
  drop: () => Promise<unknown>,
): Promise<unknown> {
  try {
    await timed(context.output, `Dropping clone ${name}`, drop);
    return undefined;
  } catch (error) {
    context.output.note(
      `warning: the clone ${name} could not be dropped (${error instanceof Error ? error.message : String(error)}); ` +
        `drop it by hand with DROP DATABASE \`${name}\`.`,
    );
    return error;
  }
}

function childEnv(
  env: NodeJS.ProcessEnv,
  options: CloneRunOptions,
  url: string,
  name: string,
): NodeJS.ProcessEnv {
  return { ...env, [options.variable]: url, MATRIXONE_CLONE_DATABASE: name };
}

/** Spawns the command with the terminal's streams; `register` receives the function that forwards a signal. */
function runCommand(
  options: CloneRunOptions,
  env: NodeJS.ProcessEnv,
  register: (stop: (signal: NodeJS.Signals) => void) => void,
): Promise<number> {
  const [file, ...args] = options.command;
  return new Promise((resolve) => {
    const child = spawn(file ?? '', args, { stdio: 'inherit', env });
    register((signal) => child.kill(signal));
    child.on('error', () => resolve(NOT_STARTED));
    child.on('exit', (code, signal) =>
      resolve(code ?? (signal === null ? ExitCode.Unexpected : signalStatus(signal))),
    );
  });
}

function signalStatus(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}
