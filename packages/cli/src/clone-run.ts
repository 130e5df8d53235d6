/**
 * `clone run`: run a command against a throwaway clone. The clone's life — its name, the CLONE, the drop after the
 * command whatever happened — is the core's `clones.withClone()`; this module runs the command in withClone's
 * callback with the clone's URL in its environment, forwards SIGINT and SIGTERM to it, and turns the outcome into
 * the status the CLI exits with.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { CloneWithUrl, PooledClient } from '@matrixone/core';
import type { CommandContext } from './command-context.js';
import { ExitCode } from './exit-codes.js';
import { type Progress, startProgress } from './progress.js';

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
  /** The clone's name; withClone's `<source>_clone_<UTC time>_<8 hex digits>` when omitted. */
  readonly name?: string;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
/** The shell's status for a command that could not be started. */
const NOT_STARTED = 127;

/** The signal that interrupted the run, if any, and the function that passes one on to the running command. */
interface Interruption {
  signal: NodeJS.Signals | undefined;
  forward: ((signal: NodeJS.Signals) => void) | undefined;
}

/**
 * Runs the command on a throwaway clone and resolves with the status to exit with: the command's, `128 + n` when
 * a signal ended it or the CLI, 127 when it could not be started. A failure to clone throws (nothing ran); a
 * failure to drop the clone is reported and, when the command itself succeeded, thrown.
 *
 * @example
 * const status = await runInClone(context, { source: 'shop', command: ['npm', 'test'], variable: 'MATRIXONE_URL' });
 */
export async function runInClone(context: CommandContext, options: CloneRunOptions): Promise<number> {
  const interruption: Interruption = { signal: undefined, forward: undefined };
  const listeners = SIGNALS.map(
    (signal) =>
      [
        signal,
        () => {
          interruption.signal ??= signal;
          interruption.forward?.(signal);
        },
      ] as const,
  );
  for (const [signal, listener] of listeners) context.io.signals.on(signal, listener);
  try {
    return await context.withClient((client) => runOnClone(client, context, options, interruption));
  } finally {
    for (const [signal, listener] of listeners) context.io.signals.off(signal, listener);
  }
}

async function runOnClone(
  client: PooledClient,
  context: CommandContext,
  options: CloneRunOptions,
  interruption: Interruption,
): Promise<number> {
  const { output, io } = context;
  const cloning = startProgress(output, `Cloning database ${options.source}`);
  // Filled in by withClone's callback: how far the run got when withClone throws.
  const reached: { clone?: CloneWithUrl; status?: number; dropping?: Progress } = {};
  try {
    const { status, dropping } = await client.clones.withClone(
      {
        source: options.source,
        url: context.target().url,
        // The CLI hears the signals itself and passes them on: the clone is dropped once the command has
        // exited (it may still be using it while it stops) and the CLI exits with the command's status.
        dropOnSignal: false,
        ...(options.snapshot !== undefined && { snapshot: options.snapshot }),
        ...(options.name !== undefined && { name: options.name }),
      },
      async (clone) => {
        reached.clone = clone;
        cloning.end('done in', `Cloning database ${options.source} as ${clone.database}`);
        const status =
          interruption.signal === undefined
            ? await runCommand(options.command, childEnv(io.env, options, clone), (forward) => {
                interruption.forward = forward;
              })
            : signalStatus(interruption.signal);
        interruption.forward = undefined;
        reached.status = status;
        reached.dropping = startProgress(output, `Dropping clone ${clone.database}`);
        return { status, dropping: reached.dropping };
      },
    );
    dropping.end('done in');
    return finalStatus(status, interruption);
  } catch (error) {
    if (reached.clone === undefined) cloning.end('failed after');
    // Not cloned, or the command could not be run at all (withClone dropped the clone): nothing ran to report.
    if (reached.dropping === undefined || reached.status === undefined) throw error;
    reached.dropping.end('failed after');
    const database = reached.clone?.database;
    output.note(
      `warning: the clone ${database} could not be dropped (${error instanceof Error ? error.message : String(error)}); ` +
        `drop it by hand with DROP DATABASE \`${database}\`.`,
    );
    // The command's own failure says more than the clean-up's; a clean run with a clone left behind must fail.
    const status = finalStatus(reached.status, interruption);
    if (status === 0) throw error;
    return status;
  }
}

/** A signal that reached the CLI decides the status, even when the command exited on its own after it. */
function finalStatus(status: number, interruption: Interruption): number {
  return interruption.signal === undefined ? status : signalStatus(interruption.signal);
}

function childEnv(env: NodeJS.ProcessEnv, options: CloneRunOptions, clone: CloneWithUrl): NodeJS.ProcessEnv {
  return { ...env, [options.variable]: clone.url, MATRIXONE_CLONE_DATABASE: clone.database };
}

/** Spawns the command with the terminal's streams; `register` receives the function that forwards a signal. */
function runCommand(
  command: readonly string[],
  env: NodeJS.ProcessEnv,
  register: (forward: (signal: NodeJS.Signals) => void) => void,
): Promise<number> {
  const [file, ...args] = command;
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
