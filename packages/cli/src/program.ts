/**
 * The `matrixone` command line: builds the commander program, runs it, and turns every failure into a message on
 * stderr and an exit status (docs/cli.md#exit-codes).
 */
import { isMatrixOneError } from '@matrixone/core';
import { Command, CommanderError } from 'commander';
import { type CliIo, CommandContext, type GlobalOptions } from './command-context.js';
import { registerBranchCommands } from './commands/branch-commands.js';
import { registerCloneCommands } from './commands/clone-commands.js';
import type { CommandRunner } from './commands/command-runner.js';
import { registerPitrCommands } from './commands/pitr-commands.js';
import { registerRestoreCommands } from './commands/restore-commands.js';
import { registerSnapshotCommands } from './commands/snapshot-commands.js';
import { registerStatusCommand } from './commands/status-command.js';
import { ExitCode, exitCodeOf } from './exit-codes.js';
import { Output } from './output.js';

/** Commander's codes for help and version output, which end the run successfully. */
const SUCCESSFUL_EXITS = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']);

/** The core's message names its `serverFlavor` option; this says how to set it from the command line. */
const NEEDS_MATRIXONE_HINT = ' (From the CLI: add ?serverFlavor=matrixone to the URL.)';

/** The process's own streams, environment and signals. */
function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    signals: process,
  };
}

/** `--json` before any `--` (what follows `--` belongs to `clone run`'s command). */
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

function buildProgram(output: Output, runner: CommandRunner, version: string): Command {
  const program = new Command('matrixone')
    .description('MatrixOne snapshots, clones, restores, PITR and data branches from the shell')
    .version(version)
    .option('--url <url>', 'server to use, mysql://user:password@host:6001/ (default: MATRIXONE_URL)')
    .option('--json', 'print results as JSON on stdout, errors as JSON on stderr')
    .option('-y, --yes', 'do not ask before destructive commands (needed when stdin is not a terminal)')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => output.stdout.write(output.redactor.text(text)),
      writeErr: (text) => output.stderr.write(output.redactor.text(text)),
    });
  registerStatusCommand(program, runner);
  registerSnapshotCommands(program, runner);
  registerCloneCommands(program, runner);
  registerRestoreCommands(program, runner);
  registerPitrCommands(program, runner);
  registerBranchCommands(program, runner);
  return program;
}

/** A short name for what failed, for `--json` errors: the SDK's error kind, else the exit code's name. */
function errorKind(error: unknown, exitCode: ExitCode): string {
  if (isMatrixOneError(error)) return error.kind;
  const name = Object.entries(ExitCode).find(([, code]) => code === exitCode)?.[0] ?? 'Unexpected';
  return name.replace(
    /[A-Z]/g,
    (letter, index: number) => `${index === 0 ? '' : '-'}${letter.toLowerCase()}`,
  );
}

/**
 * Runs the `matrixone` command line with `argv` (the arguments after the program name) and resolves with the exit
 * status; never throws. `io` defaults to the process's streams, environment and signals.
 *
 * @example
 * process.exitCode = await runCli(['snapshot', 'ls', '--json']);
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo = processIo(),
  version = '0.0.0',
): Promise<number> {
  const output = new Output(io.stdout, io.stderr, wantsJson(argv));
  output.redactor.add(io.env.MATRIXONE_PASSWORD);
  let context: CommandContext | undefined;
  const runner: CommandRunner = (command) => {
    context = new CommandContext(io, command.optsWithGlobals<GlobalOptions>(), output);
    return context;
  };
  try {
    await buildProgram(output, runner, version).parseAsync([...argv], { from: 'user' });
    return context?.exitCode ?? ExitCode.Success;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its message (or the help) already.
      return SUCCESSFUL_EXITS.has(error.code) && error.exitCode === 0 ? ExitCode.Success : ExitCode.Usage;
    }
    const exitCode = exitCodeOf(error);
    const reason = error instanceof Error ? error.message : String(error);
    // Say which server could not be reached: the URL goes through the redactor like every other line.
    const server = exitCode === ExitCode.Connection ? context?.serverDescription() : undefined;
    const hint = exitCode === ExitCode.NeedsMatrixOne ? NEEDS_MATRIXONE_HINT : '';
    const message = `${server === undefined ? '' : `${server}: `}${reason}${hint}`;
    output.error({ kind: errorKind(error, exitCode), message, exitCode });
    return exitCode;
  }
}
